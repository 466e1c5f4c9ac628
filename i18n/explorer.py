# ruff: noqa: E501 - translated prose: lines are broken for reading, not at 110 columns
"""Strings of the Landscape explorer (pages/explorer.py and the figures it draws)."""

STRINGS = {
    "explorer.title": {"en": "Landscape explorer", "ko": "손실 지형 탐험"},
    "explorer.desc": {
        "en": "The shape of the loss: every critical point of a surface found and classified by its Hessian "
        "(minimum, maximum, saddle, degenerate), the basins of attraction of an optimizer side by side, "
        "how long gradient descent takes to escape a saddle, why saddles outnumber minima in high "
        "dimensions, and a real network's loss on the plane of its training path.",
        "ko": "손실의 모양: 곡면의 모든 임계점을 찾아 헤시안으로 분류하고(최솟값, 최댓값, 안장점, 퇴화), "
        "옵티마이저의 끌림 영역을 나란히 비교하고, 경사하강법이 안장점을 벗어나는 데 걸리는 스텝을 보고, "
        "고차원에서 안장점이 최솟값보다 훨씬 많은 이유와 실제 신경망의 손실을 학습 경로의 평면 위에서 봅니다.",
    },
    "explorer.intro": {
        "en": "Where the gradient vanishes the Hessian decides: both eigenvalues positive is a minimum, both "
        "negative a maximum, mixed signs a saddle. Which minimum an optimizer ends in depends on where it "
        "starts and on its hyperparameters.",
        "ko": "그레이디언트가 0인 곳에서는 헤시안이 결정합니다: 두 고윳값이 모두 양수면 최솟값, 모두 음수면 "
        "최댓값, 부호가 섞이면 안장점입니다. 옵티마이저가 어느 최솟값에 도착하는지는 시작점과 "
        "하이퍼파라미터에 달려 있습니다.",
    },
    "explorer.view": {"en": "Experiment", "ko": "실험"},
    "explorer.view.critical": {"en": "Critical points", "ko": "임계점"},
    "explorer.view.basins": {"en": "Basins of attraction", "ko": "끌림 영역"},
    "explorer.view.escape": {"en": "Escaping a saddle", "ko": "안장점 탈출"},
    "explorer.surface_section": {"en": "Surface", "ko": "곡면"},
    "explorer.surface": {"en": "Surface", "ko": "곡면"},
    "explorer.param": {"en": "Surface parameter {name}", "ko": "곡면 파라미터 {name}"},
    "explorer.custom": {"en": "✏️ My own formula", "ko": "✏️ 직접 입력한 수식"},
    "explorer.formula": {"en": "f(x, y) =", "ko": "f(x, y) ="},
    "explorer.formula_help": {
        "en": "Use `x` and `y`, numbers, `+ - * / ** ( )` (or `^` for powers), and functions such as `sin`, "
        "`cos`, `exp`, `log`, `sqrt`, `tanh`. Example: `x^4 - 2*x^2 + y^2`",
        "ko": "`x`, `y`, 숫자, `+ - * / ** ( )` (거듭제곱은 `^`도 됨)와 `sin`, `cos`, `exp`, `log`, `sqrt`, "
        "`tanh` 같은 함수를 쓸 수 있습니다. 예: `x^4 - 2*x^2 + y^2`",
    },
    "explorer.formula_error": {
        "en": "This formula cannot be used: {msg}",
        "ko": "이 수식은 사용할 수 없습니다: {msg}",
    },
    "explorer.formula_kept": {
        "en": "Still showing the last formula that worked: {expr}",
        "ko": "마지막으로 제대로 동작한 수식을 계속 보여 줍니다: {expr}",
    },
    "explorer.formula_about": {"en": "Your formula: {expr}", "ko": "직접 입력한 수식: {expr}"},
    "explorer.settings": {"en": "Settings", "ko": "설정"},
    "explorer.computing": {"en": "Computing {what}…", "ko": "{what} 계산 중…"},
    "explorer.done": {"en": "{what}: done in {sec:.2f} s", "ko": "{what}: {sec:.2f}초 만에 완료"},
    "explorer.error": {"en": "Cannot run this: {msg}", "ko": "실행할 수 없습니다: {msg}"},
    # critical points
    "explorer.seeds": {"en": "Newton seeds per axis", "ko": "축마다 뉴턴 시작점 수"},
    "explorer.seeds_help": {
        "en": "Newton's method on the gradient starts from a seeds × seeds grid; raise it for busy surfaces.",
        "ko": "그레이디언트에 대한 뉴턴 방법을 시작점 격자(개수 × 개수)에서 시작합니다. 굴곡이 많은 곡면이면 늘리세요.",
    },
    "explorer.show3d": {"en": "3-D view", "ko": "3차원 보기"},
    "explorer.kind.minimum": {"en": "minimum", "ko": "최솟값"},
    "explorer.kind.maximum": {"en": "maximum", "ko": "최댓값"},
    "explorer.kind.saddle": {"en": "saddle", "ko": "안장점"},
    "explorer.kind.degenerate": {"en": "degenerate", "ko": "퇴화 임계점"},
    "explorer.crit.summary": {
        "en": "{n} critical points in the view: minima {minimum}, maxima {maximum}, saddles {saddle}, degenerate {degenerate}.",
        "ko": "보이는 영역의 임계점 {n}개: 최솟값 {minimum}개, 최댓값 {maximum}개, 안장점 {saddle}개, 퇴화 {degenerate}개.",
    },
    "explorer.crit.none": {
        "en": "No isolated critical point in the view (the gradient vanishes nowhere, or everywhere).",
        "ko": "보이는 영역에 고립된 임계점이 없습니다(그레이디언트가 어디서도 0이 아니거나, 모든 곳에서 0입니다).",
    },
    "explorer.crit.caption": {
        "en": "Hover a point for its Hessian eigenvalues and value. At each saddle the two eigenvector "
        "directions are drawn: blue goes down (negative eigenvalue), red goes up.",
        "ko": "점 위에 마우스를 올리면 헤시안 고윳값과 함숫값이 보입니다. 안장점마다 두 고유벡터 방향을 그렸습니다: "
        "파란색은 내려가는 방향(음의 고윳값), 빨간색은 올라가는 방향입니다.",
    },
    "explorer.crit.col.i": {"en": "#", "ko": "#"},
    "explorer.crit.col.kind": {"en": "kind", "ko": "종류"},
    "explorer.crit.col.x": {"en": "x", "ko": "x"},
    "explorer.crit.col.y": {"en": "y", "ko": "y"},
    "explorer.crit.col.f": {"en": "f", "ko": "f"},
    "explorer.crit.col.l1": {"en": "λ₁", "ko": "λ₁"},
    "explorer.crit.col.l2": {"en": "λ₂", "ko": "λ₂"},
    "explorer.degenerate.title": {
        "en": "The degenerate point at ({x}, {y})",
        "ko": "({x}, {y})의 퇴화 임계점",
    },
    "explorer.degenerate.second": {
        "en": "The Hessian's eigenvalues are {l1} and {l2}: at least one is zero, so the second-order test "
        "says nothing here. A zero eigenvalue means the quadratic term of the Taylor series is flat in that "
        "direction, and the higher terms decide.",
        "ko": "헤시안 고윳값이 {l1}, {l2}로 적어도 하나가 0이므로 2차 판정법은 여기서 아무것도 말해 주지 "
        "못합니다. 고윳값이 0이면 테일러 전개의 2차 항이 그 방향으로 평평하고, 더 높은 차수의 항이 결정합니다.",
    },
    "explorer.degenerate.cubic": {
        "en": "The third-order term is f'''[u,u,u]/6 = {cubic}; around the point it changes sign {n} times.",
        "ko": "3차 항은 f'''[u,u,u]/6 = {cubic}이고, 점 주위를 한 바퀴 돌면 부호가 {n}번 바뀝니다.",
    },
    "explorer.degenerate.no_cubic": {
        "en": "The third-order term vanishes too; the fourth or a higher one decides.",
        "ko": "3차 항도 0이므로 4차 이상의 항이 결정합니다.",
    },
    "explorer.degenerate.saddle": {
        "en": "On a circle of radius {r} around it, f drops below its value in {k} separate directions: a "
        "saddle with {k} ways down (three make a monkey saddle), not a minimum.",
        "ko": "반지름 {r}인 원 위에서 f가 {k}개의 서로 다른 방향으로 그 값보다 낮아집니다: 내려가는 길이 "
        "{k}개인 안장점이며(세 개면 원숭이 안장), 최솟값이 아닙니다.",
    },
    "explorer.degenerate.minimum": {
        "en": "On a circle of radius {r} around it, f is above its value in every direction: a (flat) minimum.",
        "ko": "반지름 {r}인 원 위에서 f가 모든 방향으로 그 값보다 높습니다: (평평한) 최솟값입니다.",
    },
    "explorer.degenerate.maximum": {
        "en": "On a circle of radius {r} around it, f is below its value in every direction: a (flat) maximum.",
        "ko": "반지름 {r}인 원 위에서 f가 모든 방향으로 그 값보다 낮습니다: (평평한) 최댓값입니다.",
    },
    "explorer.degenerate.flat": {
        "en": "On a circle of radius {r} around it, f does not change: the surface is flat there.",
        "ko": "반지름 {r}인 원 위에서 f가 변하지 않습니다: 그곳의 곡면은 평평합니다.",
    },
    "explorer.degenerate.more": {
        "en": "… and {n} more degenerate points. Many of them side by side usually lie on a whole line or curve "
        "of critical points (x² has one along x = 0): those are not isolated, and Newton's method stops "
        "wherever it meets the line.",
        "ko": "… 그리고 퇴화 임계점이 {n}개 더 있습니다. 이렇게 여러 개가 나란히 있으면 보통 임계점이 직선이나 "
        "곡선 전체에 놓여 있는 것입니다(x²는 x = 0을 따라 그렇습니다): 고립된 점이 아니며, 뉴턴 방법은 그 선을 "
        "만나는 곳에서 멈춥니다.",
    },
    # basins
    "explorer.b_n": {"en": "Starts per axis", "ko": "축마다 시작점 수"},
    "explorer.b_steps": {"en": "Steps", "ko": "스텝 수"},
    "explorer.side": {"en": "Setting {side}", "ko": "설정 {side}"},
    "explorer.opt": {"en": "Optimizer", "ko": "옵티마이저"},
    "explorer.lr": {"en": "Learning rate", "ko": "학습률"},
    "explorer.mu": {"en": "Momentum μ", "ko": "모멘텀 μ"},
    "explorer.basin.too_big": {
        "en": "{n} × {n} starts × {steps} steps is more than one call may run ({limit:,} updates). "
        "At {n} × {n} starts use at most {fit} steps.",
        "ko": "{n} × {n} 시작점 × {steps} 스텝은 한 번의 호출이 실행할 수 있는 양({limit:,}번의 업데이트)보다 "
        "많습니다. {n} × {n} 시작점이면 스텝을 {fit} 이하로 하세요.",
    },
    "explorer.basin.caption": {
        "en": "Each pixel is one start of {n} × {n}, coloured by the minimum the run ends at after {steps} "
        "steps (within 1 % of the view of it); black: diverged; white: not arrived. Stars mark the minima "
        "(large: global).",
        "ko": "각 픽셀은 {n} × {n}개 시작점 중 하나이며, {steps} 스텝 뒤 도착한 최솟값(보이는 영역의 1 % 이내)의 "
        "색으로 칠했습니다. 검은색: 발산, 흰색: 도착하지 못함. 별은 최솟값이며 큰 별이 전역 최솟값입니다.",
    },
    "explorer.basin.none": {
        "en": "This surface has no minimum in the view, so every start either diverges or does not arrive.",
        "ko": "이 곡면에는 보이는 영역에 최솟값이 없어서 모든 시작점이 발산하거나 도착하지 못합니다.",
    },
    "explorer.basin.click_hint": {
        "en": "Click a pixel to see the path of both settings from that start.",
        "ko": "픽셀을 클릭하면 그 시작점에서 출발한 두 설정의 경로가 보입니다.",
    },
    "explorer.basin.picked": {
        "en": "Paths of both settings from the start ({x}, {y}) (circle), the same runs as that pixel's.",
        "ko": "시작점 ({x}, {y})(원)에서 출발한 두 설정의 경로이며, 그 픽셀의 실행과 같습니다.",
    },
    "explorer.basin.col.label": {"en": "ends at", "ko": "도착 지점"},
    "explorer.basin.col.f": {"en": "f", "ko": "f"},
    "explorer.basin.global": {"en": "global minimum", "ko": "전역 최솟값"},
    "explorer.basin.local": {"en": "local minimum", "ko": "지역 최솟값"},
    "explorer.basin.diverged": {"en": "diverged", "ko": "발산"},
    "explorer.basin.not_arrived": {"en": "not arrived", "ko": "도착하지 못함"},
    "explorer.basin.global_share": {
        "en": "Share of starts that end at a global minimum: {a} with setting A, {b} with setting B.",
        "ko": "전역 최솟값에 도착한 시작점의 비율: 설정 A {a}, 설정 B {b}.",
    },
    # escape
    "explorer.e_saddle": {"en": "Saddle", "ko": "안장점"},
    "explorer.e_lr": {"en": "Learning rate (every optimizer)", "ko": "학습률 (모든 옵티마이저)"},
    "explorer.e_radius": {
        "en": "Ball radius r (fraction of the view)",
        "ko": "공의 반지름 r (보이는 영역 대비)",
    },
    "explorer.e_steps": {"en": "At most this many steps", "ko": "최대 스텝 수"},
    "explorer.escape.none": {
        "en": "This surface has no saddle in the view. Try the saddle, Himmelblau or the six-hump camel.",
        "ko": "이 곡면에는 보이는 영역에 안장점이 없습니다. 안장 곡면, 힘멜블라우 또는 여섯 혹 낙타 곡면을 골라 보세요.",
    },
    "explorer.escape.caption": {
        "en": "Gradient descent started δ away from the saddle along its downhill eigenvector (λ_min = {lam}); "
        "dots: the first step whose iterate is farther than r = {r} from the saddle; line: "
        "log(r/δ) / log(1 + lr·|λ_min|), exact on a quadratic saddle. Halving δ costs the same number of "
        "steps every time: escape time grows only like log(1/δ).",
        "ko": "경사하강법을 안장점에서 내리막 고유벡터 방향(λ_min = {lam})으로 δ만큼 떨어진 곳에서 시작했습니다. "
        "점: 반복점이 안장점에서 r = {r}보다 멀어지는 첫 스텝. 선: log(r/δ) / log(1 + lr·|λ_min|), 2차 안장점에서 "
        "정확한 값. δ를 반으로 줄일 때마다 같은 수의 스텝이 더 들 뿐이라, 탈출 시간은 log(1/δ)처럼만 늘어납니다.",
    },
    "explorer.escape.never": {
        "en": "Some starts did not leave the ball within the steps: raise the steps or the learning rate.",
        "ko": "일부 시작점은 주어진 스텝 안에 공을 벗어나지 못했습니다: 스텝 수나 학습률을 늘리세요.",
    },
    "explorer.fig.x": {"en": "x", "ko": "x"},
    "explorer.fig.y": {"en": "y", "ko": "y"},
    "explorer.fig.value": {"en": "f", "ko": "f"},
    "explorer.fig.down": {"en": "downhill eigenvector", "ko": "내리막 고유벡터"},
    "explorer.fig.up": {"en": "uphill eigenvector", "ko": "오르막 고유벡터"},
    "explorer.fig.delta": {
        "en": "distance δ of the start from the saddle",
        "ko": "시작점과 안장점 사이 거리 δ",
    },
    "explorer.fig.steps": {"en": "steps to leave the ball", "ko": "공을 벗어나는 스텝 수"},
    "explorer.fig.measured": {"en": "measured (GD)", "ko": "측정값 (경사하강법)"},
    "explorer.fig.theory": {"en": "log(r/δ) / log(1 + lr·|λ_min|)", "ko": "log(r/δ) / log(1 + lr·|λ_min|)"},
    "explorer.fig.share": {"en": "share of starts", "ko": "시작점 비율"},
    "explorer.fig.ball": {"en": "ball of radius r", "ko": "반지름 r인 공"},
    "explorer.e_delta": {"en": "Start distance δ (fraction of r)", "ko": "시작 거리 δ (r 대비)"},
    "explorer.e_mu": {"en": "Momentum μ (momentum, NAG)", "ko": "모멘텀 μ (모멘텀, NAG)"},
    "explorer.e_noise": {"en": "Gradient noise of mini-batch SGD", "ko": "미니배치 SGD의 기울기 노이즈"},
    "explorer.e_race": {
        "en": "Five optimizers at learning rate {lr} start δ = {delta} off the saddle",
        "ko": "다섯 옵티마이저가 학습률 {lr}로 안장점에서 δ = {delta} 떨어진 곳에서 출발합니다",
    },
    "explorer.rule.gd": {"en": "GD", "ko": "경사하강법"},
    "explorer.rule.momentum": {"en": "Momentum", "ko": "모멘텀"},
    "explorer.rule.nag": {"en": "NAG", "ko": "NAG"},
    "explorer.rule.sgd": {"en": "Mini-batch SGD (B = 16, noisy)", "ko": "미니배치 SGD (B = 16, 노이즈)"},
    "explorer.rule.adam": {"en": "Adam", "ko": "Adam"},
    "explorer.escape.col.rule": {"en": "optimizer", "ko": "옵티마이저"},
    "explorer.escape.col.steps": {"en": "steps to leave the ball", "ko": "공을 벗어나는 스텝"},
    "explorer.escape.col.theory": {"en": "theory (quadratic saddle)", "ko": "이론 (2차 안장점)"},
    "explorer.escape.race_caption": {
        "en": "GD's offset grows by 1 + lr·|λ_min| per step, the heavy ball's by the larger root ρ of "
        "z² − (1 + μ + lr·|λ_min|) z + μ; both need log(r/δ)/log(growth) steps (momentum a few more: it starts "
        "at rest). Noisy SGD does not need the offset at all: its noise pushes it off the saddle. Adam's steps "
        "have size ≈ lr whatever the gradient, so a tiny gradient does not slow it.",
        "ko": "경사하강법의 거리는 스텝마다 1 + lr·|λ_min|배, 헤비볼 모멘텀은 z² − (1 + μ + lr·|λ_min|) z + μ의 "
        "큰 근 ρ배로 커집니다. 둘 다 log(r/δ)/log(증가율) 스텝이 필요합니다(모멘텀은 정지 상태에서 출발하므로 "
        "몇 스텝 더). 노이즈 있는 SGD는 처음 거리가 필요 없습니다: 노이즈가 안장점에서 밀어냅니다. Adam의 스텝 "
        "크기는 그레이디언트와 상관없이 약 lr이라 작은 그레이디언트에도 느려지지 않습니다.",
    },
    "explorer.never": {"en": "not within the steps", "ko": "주어진 스텝 안에 못 벗어남"},
}

FIGURE_KEYS = (
    "x",
    "y",
    "value",
    "down",
    "up",
    "delta",
    "steps",
    "measured",
    "theory",
    "share",
    "ball",
)
KINDS = ("minimum", "maximum", "saddle", "degenerate")


def figure_text(lang: str) -> dict:
    """The strings of the explorer's figures in ``lang``, as ``viz.explorer`` takes them: {key: text}
    for :data:`FIGURE_KEYS`, plus "kinds" ({kind: name})."""
    out: dict = {k: STRINGS[f"explorer.fig.{k}"][lang] for k in FIGURE_KEYS}
    out["kinds"] = {k: STRINGS[f"explorer.kind.{k}"][lang] for k in KINDS}
    out["diverged"] = STRINGS["explorer.basin.diverged"][lang]
    out["not_arrived"] = STRINGS["explorer.basin.not_arrived"][lang]
    out["global"] = STRINGS["explorer.basin.global"][lang]
    out["local"] = STRINGS["explorer.basin.local"][lang]
    return out
