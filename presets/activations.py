"""Classroom presets of the Activations lab, in the lecture's order (data normalization, activation
functions and initialization, dying ReLU, batch normalization). Every number and comparison of a
lesson is checked in tests/test_preset_claims.py against what the page computes.
"""
# ruff: noqa: E501  (string tables: ruff counts each Korean character as two columns)

from __future__ import annotations

from presets import Preset

PRESETS = [
    Preset(
        "act_data_norm",
        "activations",
        {"en": "Data normalization: zig-zag or straight", "ko": "데이터 정규화: 지그재그 또는 직진"},
        {
            "en": "Feature 2 is on a scale 10 times larger than feature 1. "
            "On the raw features the Hessian's condition number is 99 and gradient descent (η = 1.5/λ_max) zig-zags "
            "for 194 steps before it reaches the minimum. "
            "Standardised, the condition number is 1.04 and the same rule arrives in 5 steps.",
            "ko": "특성 2의 크기가 특성 1보다 10배 큽니다. "
            "원본 특성에서는 헤시안의 조건수가 99이고 경사하강법(η = 1.5/λ_max)이 194스텝 동안 지그재그로 움직인 뒤에야 "
            "최솟값에 닿습니다. "
            "표준화하면 조건수가 1.04이고 같은 규칙으로 5스텝 만에 도착합니다.",
        },
        {"view": "inputs", "i_scale": 10.0, "i_corr": 0.0, "i_c": 1.5, "i_steps": 200},
    ),
    Preset(
        "act_sigmoid_vanishing",
        "activations",
        {"en": "Sigmoid: the gradient vanishes", "ko": "Sigmoid: 기울기 소실"},
        {
            "en": "Sigmoid with Xavier initialization, 50 layers of 512 units. "
            "The forward signal survives: the spread of z at layer 50 is 0.53 of layer 1's. "
            "The gradient does not: what reaches layer 1 is about 10^-31 of what layer 50 receives, because each "
            "layer multiplies it by about 0.24 (sigmoid's slope is at most 1/4). "
            "The mean-field theory predicts the same exponent.",
            "ko": "Xavier 초기화를 쓴 Sigmoid, 512 유닛 50층. "
            "순전파 신호는 살아남습니다: 50층에서 z의 퍼짐은 1층의 0.53배입니다. "
            "기울기는 그렇지 않습니다: 1층에 도달하는 기울기는 50층이 받는 기울기의 약 10^-31배인데, 각 층이 기울기에 약 "
            "0.24를 곱하기 때문입니다 (Sigmoid의 기울기는 최대 1/4). "
            "평균장 이론도 같은 지수를 예측합니다.",
        },
        {
            "view": "signal",
            "act": "sigmoid",
            "init": "xavier",
            "dist": "normal",
            "gain": 1.0,
            "sigma_b": 0.0,
            "depth": 50,
            "width": "512",
            "inputs": "1024",
            "seed": 0,
        },
    ),
    Preset(
        "act_he_relu",
        "activations",
        {"en": "ReLU needs He initialization", "ko": "ReLU에는 He 초기화"},
        {
            "en": "ReLU, 50 layers of 512 units. "
            "With LeCun or Xavier (Var(W) = 1/n_in here) the theory halves the variance of z at every layer; measured, "
            "it shrinks by 0.49 per layer and after 50 layers the spread is 2e-08 of the first layer's. "
            "He's 2/n_in multiplies every layer's ratio by exactly 2 (the same draws scaled by √2, and ReLU(ax) = a "
            "ReLU(x) for a > 0): the theory keeps the variance constant, and the measured ratio is 0.97 per layer. "
            "The table compares every activation and initializer on the same random weights.",
            "ko": "ReLU, 512 유닛 50층. "
            "LeCun이나 Xavier(여기서는 Var(W) = 1/n_in)를 쓰면 이론상 z의 분산이 층마다 절반이 됩니다. 측정하면 층당 0.49배로 "
            "줄고, 50층 뒤의 퍼짐은 첫 층의 2e-08배입니다. "
            "He의 2/n_in은 모든 층의 비율에 정확히 2를 곱합니다 (같은 난수를 √2배 한 것이고, a > 0이면 ReLU(a·x) = a·ReLU(x)): "
            "이론상 분산이 일정하고, 측정한 비율은 층당 0.97입니다. "
            "아래 표는 같은 난수 가중치에서 모든 활성화 함수와 초기화를 비교합니다.",
        },
        {
            "view": "signal",
            "act": "relu",
            "init": "he",
            "dist": "normal",
            "gain": 1.0,
            "sigma_b": 0.0,
            "depth": 50,
            "width": "512",
            "inputs": "1024",
            "seed": 0,
        },
    ),
    Preset(
        "act_dying_relu",
        "activations",
        {"en": "Dying ReLU and the leaky fix", "ko": "Dead ReLU와 Leaky ReLU"},
        {
            "en": "A ReLU network of 8 layers × 16 units on two moons, mini-batch SGD for 1,000 steps, 4 seeds per cell. "
            "With every bias starting at 0, 12% of the hidden units are dead before any training. "
            "At learning rates up to 0.3 (biases −0.1 to 0.5) the dead share ends between 3% and 28%; at η = 1 it ends "
            "between 41% and 77%, 12 of 20 ReLU runs end at the chance loss and 7 diverge. "
            "Starting every bias at −0.5 kills 51% of the units at once, and 3 of 4 ReLU runs stay at the chance loss "
            "at every rate up to 0.3. "
            "Leaky ReLU's inactive units still pass 1% of the gradient: at η = 0.3 only 1 of 4 leaky runs stays there, "
            "and their mean loss is 0.30 against ReLU's 0.54.",
            "ko": "두 개의 반달 데이터에서 16 유닛 8층 ReLU 신경망을 미니배치 SGD로 1,000스텝 학습하고, 칸마다 시드 4개를 씁니다. "
            "편향을 모두 0에서 시작하면 학습 전에 이미 은닉 유닛의 12%가 죽어 있습니다. "
            "학습률 0.3까지는 (편향 −0.1에서 0.5) 죽은 비율이 3%에서 28% 사이로 끝나지만, η = 1에서는 41%에서 77% 사이가 "
            "되고 ReLU 실행 20개 중 12개가 찍기 손실에 머물며 7개는 발산합니다. "
            "편향을 모두 −0.5에서 시작하면 처음부터 유닛의 51%가 죽고, 학습률 0.3까지 모든 학습률에서 ReLU 실행 4개 중 3개가 "
            "찍기 손실에 머뭅니다. "
            "Leaky ReLU의 비활성 유닛은 여전히 기울기의 1%를 전달합니다: η = 0.3에서는 4개 중 1개만 그 자리에 머물고, "
            "평균 손실은 ReLU의 0.54에 비해 0.30입니다.",
        },
        {"view": "dying"},
    ),
    Preset(
        "act_batch_norm",
        "activations",
        {"en": "Batch norm: a larger learning rate trains", "ko": "배치 정규화: 더 큰 학습률로도 학습"},
        {
            "en": "ReLU with LeCun initialization, 10 layers of 32 units, mini-batch SGD for 500 steps at 8 learning "
            "rates, 2 seeds each. "
            "Without normalization the spread of the activations falls from 0.51 at layer 1 to 0.022 at layer 10; "
            "with batch norm or layer norm it stays between 0.53 and 0.64. "
            "Without normalization SGD trains only at η from 0.03 to 0.3; layer norm trains at every rate up to 0.3 and "
            "batch norm up to 3, ten times larger.",
            "ko": "LeCun 초기화를 쓴 ReLU, 32 유닛 10층, 학습률 8개마다 시드 2개로 미니배치 SGD를 500스텝 학습합니다. "
            "정규화가 없으면 활성화 값의 퍼짐이 1층의 0.51에서 10층의 0.022로 줄어들고, 배치 정규화나 레이어 정규화를 쓰면 "
            "0.53에서 0.64 사이에 머뭅니다. "
            "정규화가 없으면 SGD는 η가 0.03에서 0.3일 때만 학습되고, 레이어 정규화는 0.3까지 모든 학습률에서, 배치 정규화는 "
            "열 배 큰 3까지 학습됩니다.",
        },
        {"view": "norm"},
    ),
]
