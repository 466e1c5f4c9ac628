# ruff: noqa: E501 - translated prose
"""Classroom presets of the Learning-rate lab (tests/test_app_lr.py checks each shows its lesson)."""

from __future__ import annotations

from presets import Preset

PRESETS = [
    Preset(
        "lr_three_regimes",
        "lr_lab",
        {"en": "Too small, about right, too large", "ko": "너무 작은, 적당한, 너무 큰 학습률"},
        {
            "en": "Gradient descent on a bowl stretched 25 times. The limit comes from the curvature: lr × λ_max "
            "must stay below 2. At 1.25 × the limit the very first step jumps across the valley and the loss "
            "rises; the stability plot shows λ_max above c / lr from the start until it diverges.",
            "ko": "25배로 늘어난 그릇에서의 경사하강법입니다. 한계는 곡률이 정합니다: lr × λ_max가 2보다 작아야 "
            "합니다. 한계의 1.25배에서는 첫 스텝부터 골짜기를 건너뛰어 손실이 커지고, 안정성 그래프에서는 발산할 "
            "때까지 처음부터 λ_max가 c / lr 위에 있습니다.",
        },
        {
            "view": "panels",
            "surf": "quadratic",
            "quadratic.condition": 25.0,
            "quadratic.rotation": 0.5,
            "opt": "sgd",
            "steps": 100,
        },
    ),
    Preset(
        "lr_momentum_rises",
        "lr_lab",
        {
            "en": "Momentum: the loss can rise on the way down",
            "ko": "모멘텀: 내려가는 도중에도 손실이 오를 수 있다",
        },
        {
            "en": "Heavy ball on Rosenbrock. Even at a stable rate the velocity carries the point up the valley "
            "wall: the marked steps go against the gradient. The limit is (2 + 2μ) / λ_max, larger than plain "
            "gradient descent's 2 / λ_max.",
            "ko": "Rosenbrock에서의 헤비볼 모멘텀입니다. 안정적인 학습률에서도 속도가 점을 골짜기 벽 위로 밀어 "
            "올립니다: 표시된 스텝은 기울기 반대 방향으로 갑니다. 한계는 (2 + 2μ) / λ_max로, 일반 경사하강법의 "
            "2 / λ_max보다 큽니다.",
        },
        {"view": "panels", "surf": "rosenbrock", "opt": "momentum", "mu": 0.9, "steps": 300},
    ),
    Preset(
        "lr_sweep_rosenbrock",
        "lr_lab",
        {"en": "Sweep 4,096 rates on Rosenbrock", "ko": "Rosenbrock에서 학습률 4,096개 스윕"},
        {
            "en": "4 optimizers × 4,096 rates × 1,000 steps in one compiled call. SGD, momentum and NAG are "
            "fastest just below their divergence edges (the best rate within 10% of the edge). Adam does not "
            "diverge anywhere up to lr = 1, because its step is about lr long whatever the gradient. Send the "
            "tuned rates to the Race page for a fair comparison.",
            "ko": "옵티마이저 4개 × 학습률 4,096개 × 1,000스텝을 한 번의 컴파일된 호출로 실행합니다. SGD, 모멘텀, NAG는 "
            "발산 경계 바로 아래에서 가장 빠릅니다(최적 학습률이 경계의 10% 이내). Adam은 스텝 길이가 기울기와 상관없이 "
            "대략 lr이라서 lr = 1까지 어디서도 발산하지 않습니다. 조정된 학습률을 옵티마이저 경주 페이지로 보내 공정하게 비교해 "
            "보세요.",
        },
        {
            "view": "sweep",
            "surf": "rosenbrock",
            "sw_opts": ("sgd", "momentum", "nag", "adam"),
            "sw_n": 4096,
            "steps": 1000,
            "sw_lo": 1e-5,
            "sw_hi": 1.0,
            "tol": 1e-3,
        },
    ),
    Preset(
        "lr_phase_quadratic",
        "lr_lab",
        {"en": "Phase map: where heavy ball is fastest", "ko": "위상도: 헤비볼이 가장 빠른 곳"},
        {
            "en": "A quadratic with κ = 100. The map shows each setting's exact contraction per step. The fastest "
            "is the theoretical optimum (star), ρ = 9/11 ≈ 0.818 against 99/101 ≈ 0.980 for the best plain "
            "gradient descent. It lies just inside the stability edge lr·λ_max = 2 + 2μ (dashed), not on it: "
            "there lr·λ_max = (1 + √μ)² ≈ 3.31 against 2 + 2μ ≈ 3.34.",
            "ko": "κ = 100인 이차 함수입니다. 위상도는 설정마다 스텝당 정확한 수축률을 보여 줍니다. 가장 빠른 곳은 이론적 "
            "최적점(별)으로 ρ = 9/11 ≈ 0.818이며, 가장 좋은 일반 경사하강법의 99/101 ≈ 0.980보다 훨씬 빠릅니다. 이 "
            "점은 안정성 경계 lr·λ_max = 2 + 2μ(점선) 위가 아니라 바로 안쪽에 있습니다: 그곳에서 lr·λ_max = (1 + √μ)² "
            "≈ 3.31로 2 + 2μ ≈ 3.34보다 작습니다.",
        },
        {
            "view": "phase",
            "surf": "quadratic",
            "quadratic.condition": 100.0,
            "quadratic.rotation": 0.0,
            "ph_opt": "momentum",
            "ph_n": 128,
            "ph_lo": 1e-4,
            "ph_hi": 0.1,
            "steps": 200,
            "ph_metric": "rate",
        },
    ),
    Preset(
        "lr_warmup",
        "lr_lab",
        {
            "en": "Warm-up rescues a rate that is too large at first",
            "ko": "처음에 너무 큰 학습률을 워밍업이 살린다",
        },
        {
            "en": "Momentum at lr = 0.003 on Rosenbrock: too large for the steep start. At a constant rate it "
            "diverges within a few steps, and so do the decaying schedules, which also start at the full rate. "
            "Only warm-up starts small, reaches the valley, and then finishes closest to the minimum.",
            "ko": "Rosenbrock에서 lr = 0.003인 모멘텀입니다. 가파른 시작점에는 너무 큰 학습률이라 고정 학습률은 몇 "
            "스텝 만에 발산하고, 처음에 같은 학습률로 시작하는 감소 스케줄들도 마찬가지입니다. 작게 시작하는 "
            "워밍업만 골짜기에 들어가 최솟값에 가장 가깝게 끝납니다.",
        },
        {
            "view": "schedules",
            "surf": "rosenbrock",
            "opt": "momentum",
            "mu": 0.9,
            "sc_lr": 3e-3,
            "steps": 1000,
        },
    ),
    Preset(
        "lr_random_search",
        "lr_lab",
        {"en": "Random search covers the axis that matters", "ko": "랜덤 탐색은 중요한 축을 더 잘 덮는다"},
        {
            "en": "Adam on Rosenbrock: the learning rate matters, ε (far below the gradients) does not. With 16 "
            "runs the grid tries only 4 learning rates; random search tries 16 and lands closer to the best one "
            "(Bergstra & Bengio, 2012).",
            "ko": "Rosenbrock에서의 Adam: 학습률은 중요하지만 (기울기보다 훨씬 작은) ε은 거의 영향이 없습니다. 16번 실행하면 "
            "그리드는 학습률을 4개만 시도하지만 랜덤 탐색은 16개를 시도해 최적값에 더 가까이 갑니다(Bergstra & "
            "Bengio, 2012).",
        },
        {
            "view": "search",
            "surf": "rosenbrock",
            "se_pair": "adam_lr_eps",
            "se_budget": 16,
            "se_seed": 0,
            "steps": 1000,
        },
    ),
    Preset(
        "lr_decay_noise",
        "lr_lab",
        {
            "en": "Start large, then decay: mini-batch noise",
            "ko": "크게 시작해서 줄이기: 미니배치 노이즈",
        },
        {
            "en": "The lecture: start with a large learning rate and decay it, because a rate too small cannot leave "
            "a local minimum and a rate too large keeps the loss jumping. SGD with one sample per step (B = 1, noise "
            "σ = 4) starts next to the local minimum of a tilted double well (f = 0.294). At η = 0.1 every schedule "
            "leaves the local minimum within 35 steps, while its rate is still at least half of η. The constant rate "
            "then keeps bouncing between the wells: its mean loss over the last 50 steps is 0.94. Every decaying schedule "
            "shrinks its steps and settles in the global well, with a mean loss between −0.30 and −0.27 (the "
            "minimum is −0.305). Try η = 0.02: no schedule leaves the local minimum.",
            "ko": "강의: 학습률은 크게 시작해 줄여 갑니다. 너무 작으면 지역 최솟값을 벗어나지 못하고, 너무 크면 "
            "손실이 계속 튀기 때문입니다. 한 스텝에 샘플 하나를 쓰는 SGD(B = 1, 노이즈 σ = 4)가 기울어진 이중 우물의 "
            "지역 최솟값(f = 0.294) 옆에서 출발합니다. η = 0.1이면 모든 스케줄이 학습률이 아직 η의 절반 이상일 때 "
            "35스텝 안에 지역 최솟값을 벗어납니다. 그 뒤 고정 학습률은 두 우물 사이를 계속 튀어 다녀, 마지막 "
            "50스텝의 평균 손실이 0.94입니다. 감소하는 스케줄은 모두 스텝이 작아지며 전역 우물에 자리 잡아 평균 손실이 −0.30과 "
            "−0.27 사이입니다(최솟값은 −0.305). η = 0.02로 바꿔 보세요: 어떤 스케줄도 지역 최솟값을 벗어나지 "
            "못합니다.",
        },
        {
            "view": "schedules",
            "surf": "double_well",
            "double_well.x0": 1.0,
            "double_well.y0": 0.0,
            "opt": "sgd",
            "sc_lr": 0.1,
            "steps": 500,
            "sc_batch": 1,
            "sc_noise": 4.0,
            "sc_seed": 1,
        },
    ),
]
