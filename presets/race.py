"""Classroom presets of the Optimizer Race (each checked by tests/test_app_race.py to show its lesson)."""
# ruff: noqa: E501  (string tables: ruff counts each Korean character as two columns)

from __future__ import annotations

from presets import Preset


def _race(surf: str, steps: int, runs: list[tuple[str, dict[str, float]]], **extra) -> dict:
    """Preset values for a race: surface, steps and the optimizer slots in order."""
    values: dict = {"surf": surf, "steps": steps, "n": len(runs)}
    for i, (name, hp) in enumerate(runs):
        values[f"o{i}"] = name
        for k, v in hp.items():
            values[f"o{i}.{name}.{k}"] = v
    values.update(extra)
    return values


PRESETS = [
    Preset(
        "adagrad_stalls",
        "race",
        {
            "en": "Adagrad stalls in a long valley, RMSprop keeps going",
            "ko": "긴 골짜기에서 Adagrad는 멈추고 RMSprop은 계속 간다",
        },
        {
            "en": "Same learning rate 0.05 on a valley whose floor has a nearly constant slope. Adagrad divides "
            "by the root of the sum of all past squared gradients, so its steps shrink like 1/√t and it stalls "
            "near x ≈ −6.9, far from the minimum at (0, 0). RMSprop's running average forgets, so its steps stay "
            "near η or above until it is close, and it arrives at step 116.",
            "ko": "바닥 기울기가 거의 일정한 골짜기에서 같은 학습률 0.05를 씁니다. Adagrad는 지금까지의 모든 기울기 "
            "제곱합의 제곱근으로 나누므로 스텝이 1/√t처럼 줄어, 최솟값 (0, 0)에서 먼 x ≈ −6.9 근처에서 멈춥니다. "
            "RMSprop의 지수평균은 오래된 값을 잊기 때문에 가까워질 때까지 스텝이 η 이상으로 유지되고, 116스텝에 "
            "도착합니다.",
        },
        _race("long_valley", 1000, [("adagrad", {"lr": 0.05}), ("rmsprop", {"lr": 0.05})]),
    ),
    Preset(
        "momentum_vs_nag",
        "race",
        {"en": "Momentum overshoots, NAG corrects it", "ko": "모멘텀은 지나치고 NAG는 바로잡는다"},
        {
            "en": "A bowl stretched 25 times. With the same η and μ, momentum swings past the centre and spirals "
            "in; NAG takes its gradient at the look-ahead point, which already points back, so it brakes early "
            "and arrives about four times sooner. Turn on the look-ahead overlay to see where NAG looks.",
            "ko": "25배로 늘어난 그릇입니다. 같은 η와 μ에서 모멘텀은 중심을 지나쳐 나선을 그리며 들어옵니다. NAG는 미리 본 "
            "지점에서 기울기를 구하는데, 그 기울기가 이미 반대쪽을 가리키므로 일찍 제동을 걸어 약 네 배 빨리 도착합니다. "
            "미리 본 지점 표시를 켜서 NAG가 어디를 보는지 확인하세요.",
        },
        _race(
            "quadratic",
            300,
            [
                ("momentum", {"lr": 0.02, "momentum": 0.9}),
                ("nag", {"lr": 0.02, "momentum": 0.9}),
                ("sgd", {"lr": 0.02}),
            ],
            **{
                "quadratic.condition": 25.0,
                "quadratic.rotation": 0.0,
                "ov": ("lookahead", "moment"),
                "at": 12,
            },
        ),
    ),
    Preset(
        "adam_vs_sgd_rosenbrock",
        "race",
        {"en": "Adam and momentum vs SGD on Rosenbrock", "ko": "Rosenbrock에서 Adam과 모멘텀 대 SGD"},
        {
            "en": "All three reach the banana valley within 100 steps. Along its curved floor the gradient is tiny, "
            "and SGD's step is η = 0.001 times it: after 2,000 steps SGD is still far from (1, 1). Momentum "
            "(same η, μ = 0.9) builds up speed along the floor and arrives first, at step 666; Adam (η = 0.05), "
            "whose steps are about η whatever the gradient, arrives at step 914.",
            "ko": "셋 다 100스텝 안에 바나나 골짜기에 닿습니다. 휘어진 바닥을 따라서는 기울기가 아주 작고, SGD의 스텝은 "
            "그 기울기의 η = 0.001배입니다. 2,000스텝 뒤에도 SGD는 (1, 1)에서 멉니다. 모멘텀(같은 η, μ = 0.9)은 "
            "바닥을 따라 속도를 모아 666스텝에 가장 먼저 도착하고, 기울기 크기와 상관없이 스텝이 대략 η인 "
            "Adam(η = 0.05)은 914스텝에 도착합니다.",
        },
        _race(
            "rosenbrock",
            2000,
            [("sgd", {"lr": 1e-3}), ("momentum", {"lr": 1e-3, "momentum": 0.9}), ("adam", {"lr": 0.05})],
        ),
    ),
    Preset(
        "saddle_escape",
        "race",
        {
            "en": "Gradient descent waits at a saddle, momentum and Adam escape",
            "ko": "경사하강법은 안장점에서 기다리고, 모멘텀과 Adam은 빠져나간다",
        },
        {
            "en": "Started 10⁻⁶ off the ridge line of a saddle, plain gradient descent slides to the saddle point "
            "and waits there while the tiny offset grows; momentum accumulates that offset and Adam rescales it, "
            "so both leave several times sooner. Watch the gradient norm dip towards 0.",
            "ko": "안장점의 능선에서 10⁻⁶만큼 떨어져 출발하면, 단순한 경사하강법은 안장점까지 미끄러진 뒤 작은 차이가 커질 "
            "때까지 기다립니다. 모멘텀은 그 차이를 쌓고 Adam은 크기를 키우므로 둘 다 몇 배 빨리 빠져나갑니다. 기울기 "
            "크기가 0 가까이 떨어지는 것을 보세요.",
        },
        _race(
            "bounded_saddle",
            400,
            [("sgd", {"lr": 0.05}), ("momentum", {"lr": 0.05, "momentum": 0.9}), ("adam", {"lr": 0.05})],
            **{"bounded_saddle.x0": -1.8, "bounded_saddle.y0": 1e-6},
        ),
    ),
    Preset(
        "lr_stability_limit",
        "race",
        {
            "en": "Just past the stability limit: η > 2/λ diverges",
            "ko": "안정성 한계 바로 너머: η > 2/λ이면 발산",
        },
        {
            "en": "On a bowl with curvatures 1 and 10, gradient descent is stable for η < 2/10 = 0.2. At η = 0.18 "
            "it zig-zags across the steep direction but converges; at η = 0.22 every zig-zag is 20% larger than "
            "the last and the run diverges (see the table's reason).",
            "ko": "곡률이 1과 10인 그릇에서 경사하강법은 η < 2/10 = 0.2일 때 안정적입니다. η = 0.18에서는 가파른 방향으로 "
            "지그재그하지만 수렴하고, η = 0.22에서는 지그재그가 매번 20%씩 커져 발산합니다(표의 이유를 보세요).",
        },
        _race(
            "quadratic",
            200,
            [("sgd", {"lr": 0.18}), ("sgd", {"lr": 0.22})],
            **{"quadratic.condition": 10.0, "quadratic.rotation": 0.0},
        ),
    ),
    Preset(
        "adadelta_no_lr",
        "race",
        {"en": "Adadelta needs no learning rate", "ko": "학습률이 필요 없는 Adadelta"},
        {
            "en": "Adadelta's step is √(E[Δw²]+ε)/√(E[g²]+ε)·g: its units come from past steps, so η stays 1 "
            "(no learning rate to tune). ε sets how fast it starts: with the default 10⁻⁶ it arrives at step 783, "
            "with 10⁻⁴ (nothing else changed) at step 169. SGD (η = 0.05) is shown for reference.",
            "ko": "Adadelta의 스텝은 √(E[Δw²]+ε)/√(E[g²]+ε)·g로, 단위가 지난 스텝에서 나오므로 η는 1로 둡니다(조정할 "
            "학습률이 없음). ε은 시작 속도를 정합니다. 기본값 10⁻⁶이면 783스텝에, 10⁻⁴이면(다른 것은 그대로) 169스텝에 "
            "도착합니다. 비교를 위해 SGD(η = 0.05)도 보여 줍니다.",
        },
        _race(
            "quadratic",
            1000,
            [
                ("adadelta", {"lr": 1.0}),
                ("adadelta", {"lr": 1.0, "eps": 1e-4}),
                ("sgd", {"lr": 0.05}),
            ],
            **{"quadratic.condition": 10.0, "quadratic.rotation": 0.5},
        ),
    ),
    Preset(
        "sam_flat_minimum",
        "race",
        {
            "en": "SAM settles in the flat basin, SGD in the sharp one",
            "ko": "SAM은 평평한 분지에, SGD는 날카로운 분지에 자리 잡는다",
        },
        {
            "en": "Two basins: a sharp one (curvature ≈ 28) slightly deeper than a wide one. SGD and momentum fall "
            "into the sharp basin next to the start. SAM (ρ = 0.4, with momentum 0.9 as it is usually run) uses "
            "the gradient at the worst point within ρ, which in the sharp basin points out of it, and ends in "
            "the flat basin. Two gradient evaluations per SAM step: try the budget mode.",
            "ko": "날카로운 분지(곡률 ≈ 28)가 넓은 분지보다 조금 더 깊습니다. SGD와 모멘텀은 시작점 옆의 날카로운 분지로 "
            "떨어집니다. SAM(ρ = 0.4, 보통처럼 모멘텀 0.9)은 반지름 ρ 안의 가장 나쁜 지점에서 기울기를 쓰는데, 날카로운 "
            "분지에서는 그 기울기가 밖을 향하므로 평평한 분지에서 끝납니다. SAM은 한 스텝에 기울기를 두 번 계산하니 "
            "예산 모드도 켜 보세요.",
        },
        _race(
            "sharp_flat",
            2000,
            [
                ("sgd", {"lr": 0.02}),
                ("momentum", {"lr": 0.02, "momentum": 0.9}),
                ("sam", {"lr": 0.05, "rho": 0.4, "momentum": 0.9}),
            ],
        ),
    ),
    Preset(
        "adam_eps_plateau",
        "race",
        {"en": "Adam's ε matters on a plateau", "ko": "고원에서는 Adam의 ε이 중요하다"},
        {
            "en": "The gradient at the start is only 4·10⁻⁴. Adam divides by √v̂ + ε: with ε = 10⁻⁸ the tiny "
            "gradient is rescaled to full steps of about η and it arrives at step 57; with ε = 10⁻² the steps "
            "start far smaller and it arrives at step 217; with ε = 0.1 (larger than the gradient) Adam behaves "
            "like slow SGD and, like SGD itself, never arrives in 1,000 steps.",
            "ko": "출발점의 기울기는 4·10⁻⁴에 불과합니다. Adam은 √v̂ + ε으로 나누므로 ε = 10⁻⁸이면 작은 기울기가 약 η "
            "크기의 온전한 스텝으로 커져 57스텝에 도착합니다. ε = 10⁻²이면 스텝이 처음에 훨씬 작아 217스텝에 도착하고, "
            "기울기보다 큰 ε = 0.1이면 느린 SGD처럼 되어 SGD와 마찬가지로 1,000스텝 안에 도착하지 못합니다.",
        },
        _race(
            "plateau",
            1000,
            [
                ("sgd", {"lr": 0.1}),
                ("adam", {"lr": 0.05, "eps": 1e-8}),
                ("adam", {"lr": 0.05, "eps": 1e-2}),
                ("adam", {"lr": 0.05, "eps": 0.1}),
            ],
        ),
    ),
    Preset(
        "cliff_exploding_gradient",
        "race",
        {"en": "A cliff: exploding gradient", "ko": "절벽: 기울기 폭발"},
        {
            "en": "At the cliff edge the gradient is over a hundred times the slope's at the start. SGD (η = 0.1) "
            "reaches the edge and one step throws it about 17 units away, off the map, before it walks back and "
            "arrives; momentum carries the kick over several steps; Adam's normalised steps never exceed η in "
            "either coordinate.",
            "ko": "절벽 가장자리의 기울기는 출발점 비탈의 백 배가 넘습니다. SGD(η = 0.1)는 가장자리에 닿자 한 스텝에 약 "
            "17만큼 지도 밖으로 튕겨 나갔다가 걸어서 돌아와 도착합니다. 모멘텀은 그 충격을 여러 스텝에 걸쳐 이어 가고, "
            "Adam의 정규화된 스텝은 어느 좌표로도 η를 넘지 않습니다.",
        },
        _race(
            "cliff",
            300,
            [("sgd", {"lr": 0.1}), ("momentum", {"lr": 0.02, "momentum": 0.9}), ("adam", {"lr": 0.05})],
        ),
    ),
    Preset(
        "gd_sgd_minibatch",
        "race",
        {"en": "GD vs SGD vs mini-batch", "ko": "GD 대 SGD 대 미니배치"},
        {
            "en": "One bowl, 128 samples (noise σ = 2, one seed), η = 0.05 for all: GD uses all 128 per step, SGD "
            "one (B = 1), mini-batch SGD 32. GD's path is smooth and ends exactly at the minimum; SGD's zig-zags "
            "and never settles (mean loss over the last 100 steps: SGD 0.12, mini-batch 0.003, GD 0). Per epoch "
            "(the x-axis here) SGD is far ahead: after one epoch its loss is 0.23 (128 steps), mini-batch's 0.85 "
            "(4 steps), GD's 8.9 (1 step).",
            "ko": "같은 그릇, 샘플 128개(노이즈 σ = 2, 시드 하나), 모두 η = 0.05: GD는 스텝마다 128개 모두, SGD는 "
            "하나(B = 1), 미니배치 SGD는 32개를 씁니다. GD의 경로는 매끄럽고 최솟값에 정확히 도착하지만 SGD는 "
            "지그재그하며 자리를 잡지 못합니다(마지막 100스텝의 평균 손실: SGD 0.12, 미니배치 0.003, GD 0). 에폭 "
            "단위로 보면(가로축) SGD가 훨씬 앞섭니다: 한 에폭 뒤 손실이 0.23(128스텝), 미니배치 0.85(4스텝), "
            "GD 8.9(1스텝)입니다.",
        },
        _race(
            "quadratic",
            500,
            [("sgd", {"lr": 0.05}), ("sgd", {"lr": 0.05}), ("sgd", {"lr": 0.05})],
            **{
                "quadratic.condition": 10.0,
                "quadratic.rotation": 0.5,
                "o0.batch": 128,
                "o1.batch": 1,
                "o2.batch": 32,
                "noise": 2.0,
                "seed": 0,
                "xaxis": "epoch",
                "grow": True,
            },
        ),
    ),
    Preset(
        "local_minimum_trap",
        "race",
        {
            "en": "A local minimum traps SGD and Adam, momentum rolls through",
            "ko": "지역 최솟값에 SGD와 Adam은 갇히고, 모멘텀은 굴러 넘어간다",
        },
        {
            "en": "A tilted double well: a local minimum on the right (f = 0.294), the global one on the left "
            "(f = −0.305) and a saddle point between them (all three marked on the map). Started on the right, "
            "SGD (η = 0.02) and Adam (η = 0.05) roll into the nearest minimum and stay there at f = 0.294: the "
            "gradient there is zero, so nothing pushes them out. Momentum (η = 0.02, μ = 0.9) arrives with speed, "
            "rolls over the saddle and reaches the global minimum (f = −0.305) at step 54.",
            "ko": "기울어진 이중 우물입니다: 오른쪽에 지역 최솟값(f = 0.294), 왼쪽에 전역 최솟값(f = −0.305), 그 "
            "사이에 안장점이 있습니다(셋 다 지도에 표시됩니다). 오른쪽에서 출발한 SGD(η = 0.02)와 Adam(η = 0.05)은 "
            "가장 가까운 최솟값으로 굴러가 f = 0.294에 머뭅니다: 그곳에서는 기울기가 사라져 밀어낼 힘이 없습니다. "
            "모멘텀(η = 0.02, μ = 0.9)은 속도를 가진 채 도착해 안장점을 넘어 굴러가고, 54스텝에 전역 최솟값"
            "(f = −0.305)에 도착합니다.",
        },
        _race(
            "double_well",
            500,
            [("sgd", {"lr": 0.02}), ("adam", {"lr": 0.05}), ("momentum", {"lr": 0.02, "momentum": 0.9})],
            **{"double_well.x0": 1.8, "double_well.y0": 0.8},
        ),
    ),
]
