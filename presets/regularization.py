"""Classroom presets of the Regularization lab, in the lecture notes' order (2-3 Regularization).

Every number of a lesson is checked by tests/test_preset_claims.py against what the page computes.
"""
# ruff: noqa: E501  (string tables: ruff counts each Korean character as two columns)

from __future__ import annotations

from presets import Preset

PRESETS = [
    Preset(
        "reg_capacity",
        "regularization",
        {"en": "Under-fitting, the sweet spot, over-fitting", "ko": "과소적합, 알맞은 지점, 오버피팅"},
        {
            "en": "Least-squares polynomials of degree 1 to 15 on 8 draws of 30 noisy points of sin 3x + 0.3x. "
            "Degree 7 has the least test error. In every draw its test error is below that of degree 1 (under-fitting) "
            "and of degree 15 (over-fitting), while degree 15 has the lowest training error of all.",
            "ko": "sin 3x + 0.3x에서 노이즈 섞인 점 30개를 8번 뽑아 차수 1부터 15까지의 다항식을 최소제곱으로 맞춥니다. "
            "차수 7의 테스트 오차가 가장 작습니다. 모든 샘플에서 그 테스트 오차는 차수 1(과소적합)과 차수 15(오버피팅)보다 "
            "작고, 차수 15의 학습 오차는 모든 차수 중 가장 작습니다.",
        },
        {"view": "capacity", "cap_model": "poly", "cap_n": 30, "cap_noise": 0.3, "cap_seeds": 8},
    ),
    Preset(
        "reg_early",
        "regularization",
        {
            "en": "Early stopping, and never choose on the test set",
            "ko": "조기 종료, 그리고 테스트 세트로 고르지 않기",
        },
        {
            "en": "A 2-64-64-1 network on 100 points of two moons with 30% flipped labels, 16 runs of 3,000 Adam steps. "
            "Stopping with patience 5 on the validation loss keeps a test error of 0.117 on average against 0.250 "
            "after all steps, lower in every run. Among 976 recorded networks, the one of least test error reports "
            "0.070 but makes 0.157 on fresh data; the one chosen on validation makes 0.123 there.",
            "ko": "레이블 30%를 뒤바꾼 두 반달의 점 100개로 2-64-64-1 신경망을 Adam으로 3,000스텝씩 16번 학습합니다. "
            "검증 손실에 인내 5로 조기 종료하면 테스트 오차가 평균 0.117로, 모든 스텝을 학습한 뒤의 0.250보다 작고, 모든 실행에서 "
            "작습니다. 기록된 신경망 976개 중 테스트 오차가 가장 작은 것은 0.070으로 보고되지만 새 데이터에서는 0.157이고, "
            "검증으로 고른 것은 새 데이터에서 0.123입니다.",
        },
        {"view": "early", "e_patience": 5, "e_metric": "loss"},
    ),
    Preset(
        "reg_surface",
        "regularization",
        {
            "en": "Weight decay moves the minimum towards the origin",
            "ko": "가중치 감쇠는 최솟값을 원점 쪽으로 옮긴다",
        },
        {
            "en": "Booth's bowl plus 5/2 ‖w‖²: the minimum moves from (1, 3) to (1.280, 1.851). The Hessian "
            "eigenvalues rise from 2 and 18 to 7 and 23, each by exactly λ = 5. The flat direction shrinks most: "
            "its coordinate by 2/7, the steep one by 18/23.",
            "ko": "Booth 그릇에 5/2 ‖w‖²를 더합니다: 최솟값이 (1, 3)에서 (1.280, 1.851)로 옮겨 갑니다. 헤시안 고윳값은 "
            "2와 18에서 7과 23으로 각각 정확히 λ = 5만큼 커집니다. 평평한 방향이 가장 많이 줄어듭니다: 그 좌표는 2/7배, "
            "가파른 방향은 18/23배.",
        },
        {"view": "surface", "surf": "booth", "lam": 5.0},
    ),
    Preset(
        "reg_l2_adamw",
        "regularization",
        {"en": "L2 is not weight decay under Adam", "ko": "Adam에서 L2는 가중치 감쇠가 아니다"},
        {
            "en": "The same λ = 0.001 as L2 in the loss and as decoupled decay (AdamW). Under SGD the two are one "
            "update: both end with norm 14.02. Under Adam the L2 run ends with norm 8.2 and test error 0.089, the "
            "AdamW run with norm 32.3 and test error 0.111.",
            "ko": "같은 λ = 0.001을 손실의 L2와 분리된 감쇠(AdamW)로 씁니다. SGD에서는 둘이 같은 업데이트입니다: 둘 다 최종 노름 "
            "14.02. Adam에서는 L2가 노름 8.2, 테스트 오차 0.089로, AdamW는 노름 32.3, 테스트 오차 0.111로 "
            "끝납니다.",
        },
        {
            "view": "compare",
            "on_l1": False,
            "on_dropout": False,
            "on_input_noise": False,
            "on_weight_noise": False,
            "on_label_smoothing": False,
            "on_mixup": False,
            "on_batch_norm": False,
            "pairs": True,
            "l2": 0.001,
            "weight_decay": 0.001,
        },
    ),
    Preset(
        "reg_wd_sweep",
        "regularization",
        {
            "en": "Sweep the weight decay: a U-shaped test error",
            "ko": "가중치 감쇠 훑기: U자 모양의 테스트 오차",
        },
        {
            "en": "AdamW's decay from 1e-6 to 1 in 13 steps, 6 seeds each, on two moons with 20% flipped labels. "
            "The least validation error is at 0.316, where the test error is 0.090, below 0.118 at 1e-6 (over-fitting) "
            "and 0.155 at 1 (under-fitting: the training error rises to 0.268).",
            "ko": "레이블 20%를 뒤바꾼 두 반달에서 AdamW의 감쇠를 1e-6부터 1까지 13단계로, 각각 시드 6개로 학습합니다. "
            "검증 오차는 0.316에서 가장 작고 그때 테스트 오차는 0.090으로, 1e-6의 0.118(오버피팅)과 1의 0.155(과소적합: 학습 "
            "오차가 0.268로 오릅니다)보다 작습니다.",
        },
        {"view": "sweep", "sw_name": "weight_decay", "sw_n": 13, "sw_seeds": 6},
    ),
    Preset(
        "reg_all",
        "regularization",
        {"en": "Every regularizer side by side", "ko": "모든 정규화 방법 나란히"},
        {
            "en": "Two moons with 20% flipped labels, a 2-32-32-1 ReLU network, 2,000 Adam steps, 3 seeds, each "
            "regularizer on its own. Without one the test error is 0.121. Every regularizer lowers it, to between 0.084 "
            "(input noise) and 0.108 (label smoothing). Every one also ends at a smaller top Hessian eigenvalue than no "
            "regularization (3.75); dropout (0.81) and mixup (0.86) end flattest. No regularization ends with the "
            "largest weight norm (33.2).",
            "ko": "레이블 20%를 뒤바꾼 두 반달, 2-32-32-1 ReLU 신경망, Adam 2,000스텝, 시드 3개, 정규화 방법을 하나씩 켭니다. "
            "정규화가 없으면 테스트 오차는 0.121입니다. 모든 정규화 방법이 이를 낮추어 0.084(입력 노이즈)에서 0.108(레이블 "
            "스무딩) 사이가 됩니다. 모두 정규화가 없을 때(3.75)보다 헤시안 최대 고윳값도 작게 끝나고, 드롭아웃(0.81)과 "
            "믹스업(0.86)이 가장 평평합니다. 가중치 노름은 정규화가 없을 때(33.2)가 가장 큽니다.",
        },
        {"view": "compare"},
    ),
]
