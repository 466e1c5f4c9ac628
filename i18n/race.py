"""Strings of the Optimizer Race page."""
# ruff: noqa: E501  (string tables: ruff counts each Korean character as two columns)

STRINGS = {
    "race.title": {"en": "Optimizer Race", "ko": "옵티마이저 경주"},
    "race.desc": {
        "en": "Up to ten optimizers on one surface from one start: animated paths, loss curves, "
        "the vectors behind each step, and a results table.",
        "ko": "최대 10개의 옵티마이저를 같은 곡면, 같은 시작점에서 비교합니다. 움직이는 경로, 손실 곡선, "
        "각 스텝의 벡터, 결과 표를 보여 줍니다.",
    },
    "race.intro": {
        "en": "Pick a surface and some optimizers, then press ▶ Play. Click anywhere on the map to "
        "start from there.",
        "ko": "곡면과 옵티마이저를 고른 뒤 ▶ 재생을 누르세요. 지도 위 아무 곳이나 누르면 그곳에서 출발합니다.",
    },
    # surface
    "race.surface": {"en": "Surface", "ko": "곡면"},
    # surface names that are words, not people's names (the others are shown as the library titles them)
    "race.surf.quadratic": {"en": "Quadratic bowl", "ko": "이차 그릇"},
    "race.surf.saddle": {"en": "Saddle", "ko": "안장"},
    "race.surf.monkey_saddle": {"en": "Monkey saddle", "ko": "원숭이 안장"},
    "race.surf.bounded_saddle": {"en": "Saddle with two minima", "ko": "최솟값이 둘인 안장"},
    "race.surf.three_hump_camel": {"en": "Three-hump camel", "ko": "세 혹 낙타"},
    "race.surf.six_hump_camel": {"en": "Six-hump camel", "ko": "여섯 혹 낙타"},
    "race.surf.sharp_flat": {"en": "Sharp vs flat minimum", "ko": "날카로운 최솟값 대 평평한 최솟값"},
    "race.surf.plateau": {"en": "Plateau", "ko": "고원"},
    "race.surf.long_valley": {"en": "Long narrow valley", "ko": "길고 좁은 골짜기"},
    "race.surf.cliff": {"en": "Cliff", "ko": "절벽"},
    "race.surf.double_well": {"en": "Tilted double well", "ko": "기울어진 이중 우물"},
    "race.surface_section": {"en": "Surface and start", "ko": "곡면과 시작점"},
    "race.custom": {"en": "✏️ My own formula", "ko": "✏️ 직접 입력한 수식"},
    "race.formula": {"en": "f(x, y) =", "ko": "f(x, y) ="},
    "race.formula_help": {
        "en": "Use `x` and `y`, numbers, `+ - * / ** ( )` (or `^` for powers), and functions such as "
        "`sin`, `cos`, `exp`, `log`, `sqrt`, `abs`, `tanh`. Example: `x**2 + 10*y**2`",
        "ko": "`x`, `y`, 숫자, `+ - * / ** ( )` (거듭제곱은 `^`도 됨)와 `sin`, `cos`, `exp`, `log`, `sqrt`, "
        "`abs`, `tanh` 같은 함수를 쓸 수 있습니다. 예: `x**2 + 10*y**2`",
    },
    "race.formula_error": {
        "en": "This formula cannot be used: {msg}",
        "ko": "이 수식은 쓸 수 없습니다: {msg}",
    },
    "race.formula_kept": {
        "en": "Still showing the last formula that worked: {expr}",
        "ko": "마지막으로 제대로 동작한 수식을 계속 보여 줍니다: {expr}",
    },
    "race.formula_about": {"en": "Your formula: {expr}", "ko": "직접 입력한 수식: {expr}"},
    "race.formula_unavailable": {
        "en": "Custom formulas need landscapes.from_expression, which this version does not have yet.",
        "ko": "직접 입력한 수식에는 `landscapes.from_expression`이 필요한데, 이 버전에는 아직 없습니다.",
    },
    "race.param": {"en": "Surface parameter: {name}", "ko": "곡면 파라미터: {name}"},
    "race.param.condition": {"en": "Condition number κ", "ko": "조건수 κ"},
    "race.param.rotation": {"en": "Rotation θ (radians)", "ko": "회전각 θ (라디안)"},
    "race.logc": {"en": "Log-scale colours", "ko": "로그 스케일 색"},
    "race.logc_help": {
        "en": "Colour by log(f - min): shows detail in flat regions of surfaces that span decades.",
        "ko": "log(f - 최솟값)으로 색을 칠해, 값의 범위가 매우 넓은 곡면의 평평한 부분도 잘 보이게 합니다.",
    },
    "race.x0": {"en": "Start x", "ko": "시작 x"},
    "race.y0": {"en": "Start y", "ko": "시작 y"},
    "race.click_hint": {
        "en": "…or click on the map to move the start.",
        "ko": "…또는 지도를 눌러 시작점을 옮기세요.",
    },
    # run
    "race.run_section": {"en": "Run", "ko": "실행"},
    "race.steps": {"en": "Steps", "ko": "스텝 수"},
    "race.budget_steps": {
        "en": "Gradient evaluations per optimizer",
        "ko": "옵티마이저마다 기울기 계산 횟수",
    },
    "race.budget": {"en": "Same gradient budget for all", "ko": "모두 같은 기울기 계산 예산"},
    "race.budget_help": {
        "en": "Fair comparison: every optimizer gets the same number of gradient evaluations; "
        "SAM spends 2 per step, so it takes half as many steps.",
        "ko": "공정한 비교: 모든 옵티마이저가 같은 횟수만큼 기울기를 계산합니다. SAM은 한 스텝에 2번 "
        "계산하므로 스텝 수가 절반이 됩니다.",
    },
    "race.tol": {
        "en": "Arrival tolerance (loss above the minimum)",
        "ko": "도착 허용 오차 (최솟값 대비 손실)",
    },
    "race.schedule": {"en": "Learning-rate schedule of every run", "ko": "모든 실행의 학습률 스케줄"},
    "race.sched.constant": {"en": "constant", "ko": "고정"},
    "race.sched.step": {"en": "step decay", "ko": "계단식 감소"},
    "race.sched.exponential": {"en": "exponential decay", "ko": "지수 감소"},
    "race.sched.inverse_time": {"en": "1 / (1 + decay·t)", "ko": "역시간 감소 1 / (1 + k·t)"},
    "race.sched.cosine": {"en": "cosine", "ko": "코사인"},
    "race.sched.warmup_cosine": {"en": "warm-up + cosine", "ko": "워밍업 + 코사인"},
    "race.sched.step_size": {"en": "Decay every (steps)", "ko": "감소 간격 (스텝)"},
    "race.sched.gamma": {"en": "Decay factor γ", "ko": "감소 비율 γ"},
    "race.sched.decay": {"en": "Decay rate", "ko": "감소율"},
    "race.sched.min_frac": {"en": "Final lr (fraction of lr)", "ko": "마지막 학습률 (비율)"},
    "race.sched.warmup": {"en": "Warm-up steps", "ko": "워밍업 스텝 수"},
    "race.noise_section": {"en": "Mini-batch noise", "ko": "미니배치 노이즈"},
    "race.batch": {
        "en": "Batch size of every run (of 128 samples; 128 = full batch)",
        "ko": "모든 실행의 배치 크기 (128개 샘플 중; 128 = 전체 배치)",
    },
    "race.noise": {"en": "Per-sample gradient noise", "ko": "샘플별 기울기 노이즈"},
    "race.noise_full": {
        "en": "A batch of all {n} samples averages the noise away: the gradient is exact, so the noise and its "
        "seed do nothing. Lower the batch size to see them.",
        "ko": "{n}개 샘플을 모두 쓰는 배치는 노이즈를 평균으로 없앱니다. 기울기가 정확하므로 노이즈와 그 시드는 아무 "
        "효과가 없습니다. 보려면 배치 크기를 줄이세요.",
    },
    "race.noise_help": {
        "en": "Each of 128 samples shifts the gradient by noise·uᵢ; a mini-batch averages B of them, "
        "so smaller batches give noisier steps. Batch 128 or noise 0 is exact gradient descent.",
        "ko": "128개 샘플 각각이 기울기를 (노이즈)·uᵢ만큼 바꿉니다. 미니배치는 그중 B개를 평균하므로 배치가 "
        "작을수록 스텝에 노이즈가 큽니다. 배치 128이나 노이즈 0이면 정확한 경사하강법입니다.",
    },
    "race.seed": {"en": "Seed", "ko": "시드"},
    # optimizers
    "race.opt_section": {"en": "Optimizers", "ko": "옵티마이저"},
    "race.n_opt": {"en": "How many", "ko": "개수"},
    "race.opt": {"en": "Optimizer {i}", "ko": "옵티마이저 {i}"},
    "race.hp.lr": {"en": "Learning rate η", "ko": "학습률 η"},
    "race.hp.momentum": {"en": "Momentum μ", "ko": "모멘텀 μ"},
    "race.hp.eps": {"en": "Epsilon ε", "ko": "엡실론 ε"},
    "race.hp.initial_accumulator": {"en": "Initial accumulator G₀", "ko": "초기 누적값 G₀"},
    "race.hp.rho": {"en": "ρ", "ko": "ρ"},
    "race.hp.alpha": {"en": "Decay α", "ko": "감쇠 α"},
    "race.hp.b1": {"en": "β₁", "ko": "β₁"},
    "race.hp.b2": {"en": "β₂", "ko": "β₂"},
    "race.hp.weight_decay": {"en": "Weight decay λ", "ko": "가중치 감쇠 λ"},
    "race.hp.momentum_decay": {"en": "Momentum decay ψ", "ko": "모멘텀 감쇠 ψ"},
    "race.hp.rho_sam": {"en": "Neighbourhood radius ρ", "ko": "이웃 반지름 ρ"},
    "race.hp.rho_adadelta": {"en": "Decay ρ", "ko": "감쇠 ρ"},
    # figures
    "race.map": {"en": "Paths on the surface", "ko": "곡면 위의 경로"},
    "race.play": {"en": "Play", "ko": "재생"},
    "race.pause": {"en": "Pause", "ko": "일시정지"},
    "race.step": {"en": "step", "ko": "스텝"},
    "race.start": {"en": "start", "ko": "시작점"},
    "race.minimum": {"en": "global minimum", "ko": "전역 최솟값"},
    "race.diverged": {"en": "diverged", "ko": "발산"},
    "race.lookahead": {"en": "look-ahead point", "ko": "미리 본 지점"},
    "race.chart_failed": {"en": "The chart could not be drawn", "ko": "차트를 그리지 못했습니다"},
    "race.speed": {"en": "Animation speed (ms per frame)", "ko": "애니메이션 속도 (프레임당 ms)"},
    "race.overlays": {"en": "Show vectors", "ko": "벡터 표시"},
    "race.ov.grad": {"en": "−gradient", "ko": "−기울기"},
    "race.ov.moment": {"en": "−velocity / first moment", "ko": "−속도 / 1차 모멘트"},
    "race.ov.step": {"en": "step taken", "ko": "실제 스텝"},
    "race.ov.lookahead": {"en": "look-ahead point (NAG, SAM)", "ko": "미리 본 지점 (NAG, SAM)"},
    "race.at": {"en": "Step shown", "ko": "보여 줄 스텝"},
    "race.ov_caption": {
        "en": "Arrows show directions at a fixed length: thin = −gradient, thick pale = −velocity / "
        "first moment, small head = the step actually taken. Their sizes are in the table below.",
        "ko": "화살표는 방향만 일정한 길이로 보여 줍니다. 가는 것 = −기울기, 굵고 옅은 것 = −속도/1차 모멘트, "
        "작은 머리 = 실제 스텝. 크기는 아래 표에 있습니다.",
    },
    "race.show3d": {"en": "3-D view", "ko": "3차원 보기"},
    "race.surface3d": {"en": "The surface in 3-D", "ko": "3차원 곡면"},
    "race.curves": {"en": "Progress", "ko": "진행 상황"},
    "race.loss": {"en": "loss f", "ko": "손실 f"},
    "race.loss_gap": {"en": "loss − minimum (log)", "ko": "손실 − 최솟값 (로그)"},
    "race.dist": {"en": "distance to nearest minimum", "ko": "가장 가까운 최솟값까지 거리"},
    "race.grad": {"en": "gradient norm ‖∇f‖", "ko": "기울기 크기 ‖∇f‖"},
    "race.z_log": {"en": "log₁₀(f − min)", "ko": "log₁₀(f − 최솟값)"},
    # table
    "race.results": {"en": "Results", "ko": "결과"},
    "race.col.opt": {"en": "Optimizer", "ko": "옵티마이저"},
    "race.col.final": {"en": "Final loss", "ko": "최종 손실"},
    "race.col.hit": {"en": "Steps to tolerance", "ko": "허용 오차 도달 스텝"},
    "race.col.div": {"en": "Diverged at", "ko": "발산한 스텝"},
    "race.col.reason": {"en": "Why", "ko": "이유"},
    "race.col.evals": {"en": "Gradient evaluations", "ko": "기울기 계산 횟수"},
    "race.col.steps": {"en": "Steps taken", "ko": "진행한 스텝 수"},
    "race.never": {"en": "not reached", "ko": "도달 못 함"},
    "race.no_min": {"en": "no known minimum", "ko": "알려진 최솟값 없음"},
    "race.reason.curvature": {
        "en": "step too large for the curvature here",
        "ko": "이곳의 곡률에 비해 스텝이 너무 큼",
    },
    "race.reason.start": {
        "en": "the loss is not finite at the start point (it overflows there)",
        "ko": "시작점에서 손실이 유한하지 않음 (그곳에서 넘침)",
    },
    "race.reason.overflow": {
        "en": "the loss here is astronomically large: its gradient and step overflow float32",
        "ko": "이곳의 손실이 천문학적으로 커서 기울기와 스텝이 float32 범위를 넘침",
    },
    "race.col.gap": {"en": "Final loss above the minimum (f − f*)", "ko": "최솟값 대비 최종 손실 (f − f*)"},
    "race.col.ended": {"en": "Ended at", "ko": "끝난 곳"},
    "race.end.global": {"en": "global minimum {at}", "ko": "전역 최솟값 {at}"},
    "race.end.local": {"en": "local minimum {at}, f = {f}", "ko": "지역 최솟값 {at}, f = {f}"},
    "race.end.global_basin": {
        "en": "in the basin of the global minimum {at}, {d} away",
        "ko": "전역 최솟값 {at}의 분지 안, {d}만큼 떨어짐",
    },
    "race.end.local_basin": {
        "en": "in the basin of the local minimum {at} (f = {f}), {d} away",
        "ko": "지역 최솟값 {at} (f = {f})의 분지 안, {d}만큼 떨어짐",
    },
    "race.end.none": {"en": "not at a minimum (f = {f})", "ko": "최솟값이 아님 (f = {f})"},
    "race.end.diverged": {"en": "diverged", "ko": "발산"},
    "race.reason.unbounded": {
        "en": "left the view: unbounded surface",
        "ko": "화면을 벗어남: 아래로 끝없는 곡면",
    },
    "race.vectors": {"en": "Vectors at step {k}", "ko": "{k}번째 스텝의 벡터"},
    "race.col.pos": {"en": "Position", "ko": "위치"},
    "race.col.g": {"en": "Gradient g", "ko": "기울기 g"},
    "race.col.m": {"en": "Velocity / m", "ko": "속도 / m"},
    "race.col.d": {"en": "Step Δw", "ko": "스텝 Δw"},
    "race.col.eff": {"en": "Effective lr per coordinate (−Δw/g)", "ko": "좌표별 실효 학습률 (−Δw/g)"},
    "race.col.la": {"en": "Look-ahead point", "ko": "미리 본 지점"},
    # explanations
    "race.explain": {"en": "The optimizers in this race", "ko": "이 경주의 옵티마이저"},
    "race.what_runs": {"en": "What runs (exactly this rule)", "ko": "실제로 실행되는 규칙"},
    "race.differs": {"en": "How it differs from other libraries", "ko": "다른 라이브러리와의 차이"},
    "race.look_for": {"en": "What to look for here", "ko": "여기서 볼 점"},
    "race.surface_about": {"en": "About this surface", "ko": "이 곡면에 대하여"},
    # export
    "race.export": {"en": "Export", "ko": "내보내기"},
    "race.csv": {"en": "Paths (CSV)", "ko": "경로 (CSV)"},
    "race.html": {"en": "Figure (HTML)", "ko": "그림 (HTML)"},
    "race.gif": {"en": "Slides (GIF)", "ko": "슬라이드 (GIF)"},
    "race.mp4": {"en": "Slides (MP4)", "ko": "슬라이드 (MP4)"},
    "race.export_help": {
        "en": "Files are made on the server when you click; the HTML works offline. The GIF and MP4 "
        "carry a title, axes, a legend and a step counter.",
        "ko": "누르면 서버에서 파일을 만듭니다. HTML 파일은 인터넷 없이도 열립니다. GIF와 MP4에는 제목, 축, "
        "범례, 스텝 수가 들어갑니다.",
    },
    # errors
    "race.run_error": {
        "en": "This configuration cannot run: {msg}",
        "ko": "이 설정으로는 실행할 수 없습니다: {msg}",
    },
    # what to look for: per surface kind, and per optimizer family on it
    "race.look.bowl": {
        "en": "A convex bowl: every sensible optimizer reaches the centre. Raise the condition number "
        "to stretch it and watch who zig-zags across the narrow direction.",
        "ko": "볼록한 그릇이라 적절한 옵티마이저라면 모두 중심에 닿습니다. 조건수를 키워 그릇을 늘이고, "
        "좁은 방향으로 지그재그하는 것이 누구인지 보세요.",
    },
    "race.look.valley": {
        "en": "A long, curved valley: falling into it is quick, following its floor is slow. Compare "
        "how far along the floor each one gets.",
        "ko": "길고 휘어진 골짜기: 골짜기에 떨어지는 것은 빠르지만 바닥을 따라가는 것은 느립니다. 각자 "
        "바닥을 따라 얼마나 멀리 가는지 비교하세요.",
    },
    "race.look.saddle": {
        "en": "A saddle: the gradient vanishes at the centre although it is not a minimum. Watch who "
        "lingers there and who escapes downhill.",
        "ko": "안장점: 가운데에서 기울기가 0이 되지만 최솟값은 아닙니다. 누가 그곳에 머물고 누가 "
        "내리막으로 빠져나가는지 보세요.",
    },
    "race.look.plateau": {
        "en": "Flat regions with tiny gradients: plain steps crawl there. Watch the gradient norm and "
        "who keeps moving.",
        "ko": "기울기가 아주 작은 평평한 지역: 단순한 스텝은 그곳에서 기어갑니다. 기울기 크기와 누가 "
        "계속 움직이는지 보세요.",
    },
    "race.look.sharpflat": {
        "en": "Two minima, one sharp and one flat. Which one does each optimizer settle in?",
        "ko": "날카로운 최솟값과 평평한 최솟값이 하나씩 있습니다. 각 옵티마이저는 어디에 자리 잡나요?",
    },
    "race.look.cliff": {
        "en": "A cliff: the gradient jumps from small to huge. Watch for a step that flies far away "
        "when an optimizer reaches the edge.",
        "ko": "절벽: 기울기가 작다가 갑자기 매우 커집니다. 가장자리에 닿았을 때 멀리 튕겨 나가는 스텝을 "
        "찾아보세요.",
    },
    "race.look.other": {
        "en": "Compare the paths and the loss curves; press Play to see who moves first.",
        "ko": "경로와 손실 곡선을 비교하고, 재생을 눌러 누가 먼저 움직이는지 보세요.",
    },
    "race.look.bowl.plain": {
        "en": "With η above 2/λ_max it diverges; just below it, it zig-zags across the steep direction.",
        "ko": "η가 2/λ_max보다 크면 발산하고, 그보다 조금 작으면 가파른 방향으로 지그재그합니다.",
    },
    "race.look.bowl.momentum": {
        "en": "Velocity carries it past the centre and back: look for the spiral and its overshoot.",
        "ko": "속도 때문에 중심을 지나쳤다가 돌아옵니다. 나선 모양과 지나치는 정도를 보세요.",
    },
    "race.look.bowl.adagrad": {
        "en": "Its per-coordinate steps make the stretched bowl look round, but the steps keep shrinking.",
        "ko": "좌표별 스텝 덕분에 늘어난 그릇도 둥글게 보이지만, 스텝은 계속 작아집니다.",
    },
    "race.look.valley.plain": {
        "en": "It reaches the valley floor fast, then crawls: the gradient along the floor is tiny.",
        "ko": "골짜기 바닥에는 빨리 닿지만 그다음은 기어갑니다. 바닥을 따라가는 기울기가 아주 작기 때문입니다.",
    },
    "race.look.valley.momentum": {
        "en": "Velocity builds up along the floor, so it travels much farther than plain SGD with the same η.",
        "ko": "바닥을 따라 속도가 쌓여, 같은 η의 SGD보다 훨씬 멀리 갑니다.",
    },
    "race.look.valley.adagrad": {
        "en": "Its accumulated G only grows, so its steps shrink: watch it slow down before the end.",
        "ko": "누적값 G가 커지기만 해서 스텝이 줄어듭니다. 끝에 닿기 전에 느려지는 것을 보세요.",
    },
    "race.look.valley.rms": {
        "en": "Its running average forgets old gradients, so its step size recovers and it keeps going.",
        "ko": "지수평균이 오래된 기울기를 잊기 때문에 스텝 크기가 회복되어 계속 나아갑니다.",
    },
    "race.look.valley.adam": {
        "en": "Steps of about η per coordinate: fast along the floor, but it may wobble near the minimum.",
        "ko": "좌표마다 대략 η만큼 움직여 바닥을 따라 빠르지만, 최솟값 근처에서 흔들릴 수 있습니다.",
    },
    "race.look.saddle.plain": {
        "en": "Started almost on the ridge line, exact gradient descent barely leaves it; noise helps it escape.",
        "ko": "능선 바로 옆에서 시작하면 정확한 경사하강법은 거의 벗어나지 못합니다. 노이즈가 탈출을 돕습니다.",
    },
    "race.look.saddle.momentum": {
        "en": "Velocity accumulates the tiny escape direction, so it leaves the saddle sooner.",
        "ko": "속도가 작은 탈출 방향을 계속 쌓아서 안장점을 더 빨리 벗어납니다.",
    },
    "race.look.saddle.adam": {
        "en": "Dividing by √v enlarges the tiny escape gradient, so it leaves the saddle quickly.",
        "ko": "√v로 나누면서 아주 작은 탈출 기울기가 커져 안장점을 빨리 벗어납니다.",
    },
    "race.look.plateau.plain": {
        "en": "Step = η·gradient, so on the flat part it barely moves.",
        "ko": "스텝 = η·기울기이므로 평평한 부분에서는 거의 움직이지 않습니다.",
    },
    "race.look.plateau.adam": {
        "en": "The ratio m/√v stays near 1 even for tiny gradients unless ε is comparable to them: "
        "try ε = 1e-8 against ε = 1e-2.",
        "ko": "ε이 기울기만큼 크지 않다면 기울기가 아주 작아도 m/√v는 1 근처입니다. ε = 1e-8과 ε = 1e-2를 "
        "비교해 보세요.",
    },
    "race.look.plateau.rms": {
        "en": "Normalising by the root mean square keeps its steps usable on the flat part.",
        "ko": "제곱평균제곱근으로 나누어 평평한 부분에서도 스텝이 충분히 큽니다.",
    },
    "race.look.sharpflat.plain": {
        "en": "With a large η it cannot stay in the sharp minimum (η above 2/curvature there) and "
        "ends up in the flat one.",
        "ko": "η가 크면 날카로운 최솟값에 머물 수 없어(그곳의 2/곡률보다 큼) 평평한 최솟값으로 갑니다.",
    },
    "race.look.sharpflat.sam": {
        "en": "It follows the gradient at the worst nearby point, which pushes it out of the sharp "
        "basin: watch it prefer the flat one.",
        "ko": "근처에서 가장 나쁜 지점의 기울기를 따라가므로 날카로운 분지에서 밀려납니다. 평평한 쪽을 "
        "선호하는 것을 보세요.",
    },
    "race.look.cliff.plain": {
        "en": "At the edge the gradient is huge, so one step throws it far: a classic exploding gradient.",
        "ko": "가장자리에서 기울기가 매우 커서 한 스텝에 멀리 튕겨 나갑니다. 전형적인 기울기 폭발입니다.",
    },
    "race.look.cliff.momentum": {
        "en": "The huge gradient at the edge enters its velocity and keeps pushing for many steps.",
        "ko": "가장자리의 큰 기울기가 속도에 들어가 여러 스텝 동안 계속 밀어냅니다.",
    },
    "race.look.cliff.adam": {
        "en": "Its normalised step stays about η even where the gradient explodes.",
        "ko": "기울기가 폭발하는 곳에서도 정규화된 스텝은 대략 η로 유지됩니다.",
    },
    # per-run batch size and schedule (GD vs SGD vs mini-batch in one race)
    "race.run_batch": {"en": "Batch size B", "ko": "배치 크기 B"},
    "race.run_batch_help": {
        "en": "This run's own mini-batch of the 128 samples: 128 is gradient descent (GD), 1 is SGD, "
        'in between is mini-batch SGD; "= …" keeps the size under Mini-batch noise. All runs share the '
        "noise and its seed, so they see the same data.",
        "ko": "이 실행만의 미니배치 크기(128개 샘플 중)입니다. 128은 경사하강법(GD), 1은 SGD, 그 사이는 "
        '미니배치 SGD입니다. "= …"는 미니배치 노이즈의 크기를 그대로 씁니다. 모든 실행이 같은 노이즈와 '
        "시드를 쓰므로 같은 데이터를 봅니다.",
    },
    "race.batch_same": {"en": "= {b}", "ko": "= {b}"},
    "race.run_sched": {"en": "Schedule", "ko": "스케줄"},
    "race.run_sched_help": {
        "en": 'This run\'s own learning-rate schedule; "= …" keeps the one under Run.',
        "ko": '이 실행만의 학습률 스케줄입니다. "= …"는 실행 설정의 스케줄을 그대로 씁니다.',
    },
    "race.sched_same": {"en": "= {s}", "ko": "= {s}"},
    # legend words for schedule parameters (what tells runs of the same rule apart)
    "race.sym.sched.step_size": {"en": "every", "ko": "간격"},
    "race.sym.sched.decay": {"en": "decay", "ko": "감소율"},
    "race.sym.sched.min_frac": {"en": "final", "ko": "마지막"},
    "race.sym.sched.warmup": {"en": "warm-up", "ko": "워밍업"},
    # the map's landmarks and animation
    "race.local_minimum": {"en": "local minimum", "ko": "지역 최솟값"},
    "race.saddle": {"en": "saddle point", "ko": "안장점"},
    "race.grow": {"en": "Paths grow during Play", "ko": "재생하면서 경로 그리기"},
    "race.grow_help": {
        "en": "Draw each path as the animation goes instead of showing it whole from the start.",
        "ko": "처음부터 경로 전체를 보여 주지 않고, 애니메이션이 진행되는 만큼 경로를 그립니다.",
    },
    "race.at_help": {
        "en": "The map, the arrows and the cursor on the curves show this step before ▶ Play. Focus the "
        "slider and press ← / →: one key = one step.",
        "ko": "▶ 재생 전에 지도, 화살표, 곡선 위의 커서가 이 스텝을 보여 줍니다. 슬라이더를 누른 뒤 ← / →를 "
        "누르면 한 번에 한 스텝씩 움직입니다.",
    },
    "race.eq": {"en": "Worked step (one key = one step)", "ko": "숫자로 푼 스텝 (키 한 번 = 한 스텝)"},
    "race.eq_help": {
        "en": "Writes the chosen run's update rule out with the numbers of the step shown, as in the "
        "lecture: w_{t+1} = w_t − η g_t with w_t, η and g_t filled in.",
        "ko": "강의처럼, 고른 실행의 업데이트 규칙에 보여 줄 스텝의 숫자를 넣어 씁니다: w_{t+1} = w_t − η g_t에 "
        "w_t, η, g_t 값을 채웁니다.",
    },
    "race.eq_run": {"en": "Run written out", "ko": "풀어 쓸 실행"},
    "race.eq_title": {"en": "Step {k} of {label}", "ko": "{label}의 {k}번째 스텝"},
    "race.eq_none": {
        "en": "{label} takes no step {k} (it diverged before, or this is its last point).",
        "ko": "{label}에는 {k}번째 스텝이 없습니다 (그 전에 발산했거나 마지막 지점입니다).",
    },
    "race.eq_caption": {
        "en": "g is the gradient the step used (a mini-batch's when B < 128; at the look-ahead point for "
        "NAG and SAM). Squares, roots and quotients of vectors are taken per coordinate.",
        "ko": "g는 이 스텝이 쓴 기울기입니다 (B < 128이면 미니배치의 기울기, NAG와 SAM은 미리 본 지점의 "
        "기울기). 벡터의 제곱, 제곱근, 나눗셈은 좌표마다 계산합니다.",
    },
    # the curves' x-axis
    "race.xaxis": {"en": "x-axis of the curves", "ko": "곡선의 가로축"},
    "race.xaxis.step": {"en": "steps (updates)", "ko": "스텝 (업데이트 횟수)"},
    "race.xaxis.epoch": {
        "en": "epochs (passes over the 128 samples)",
        "ko": "에폭 (128개 샘플을 한 번 다 보는 횟수)",
    },
    "race.xaxis.evals": {
        "en": "gradient evaluations (samples touched)",
        "ko": "기울기 계산 (사용한 샘플 수)",
    },
    "race.x.step": {"en": "step", "ko": "스텝"},
    "race.x.epoch": {"en": "epoch", "ko": "에폭"},
    "race.x.evals": {"en": "samples touched", "ko": "사용한 샘플 수"},
    "race.xaxis_caption.epoch": {
        "en": "A run with batch B takes {n}/B steps per epoch: SGD (B = 1) takes {n}, GD (B = {n}) one. The "
        "axis spans what every run covered; double-click to see all.",
        "ko": "배치가 B인 실행은 에폭마다 {n}/B스텝을 갑니다: SGD(B = 1)는 {n}스텝, GD(B = {n})는 한 스텝. "
        "가로축은 모든 실행이 지난 구간입니다. 두 번 누르면 전체를 봅니다.",
    },
    "race.xaxis_caption.evals": {
        "en": "Each step touches B samples (twice for SAM, which takes two gradients per step). The axis "
        "spans what every run covered; double-click to see all.",
        "ko": "한 스텝은 샘플 B개를 씁니다 (한 스텝에 기울기를 두 번 구하는 SAM은 두 배). 가로축은 모든 "
        "실행이 지난 구간입니다. 두 번 누르면 전체를 봅니다.",
    },
}
