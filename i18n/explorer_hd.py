# ruff: noqa: E501 - translated prose: lines are broken for reading, not at 110 columns
"""Strings of the Landscape explorer's high-dimension view (pages/explorer.py, viz/explorer_hd.py)."""

STRINGS = {
    "explorer.view.hd": {"en": "Saddles in high dimensions", "ko": "고차원의 안장점"},
    "explorer.hd.family": {"en": "Random functions", "ko": "무작위 함수"},
    "explorer.hd.family_help": {
        "en": "Gaussian-process samples: `f(x) = √(2/64) Σ cos(wₖ·x + bₖ)` with 64 random waves. Quartics: `f(x) = Σ xᵢ⁴/4 + xᵀAx/2 + bᵀx` with a random symmetric A.",
        "ko": "가우스 과정 샘플: 무작위 파동 64개로 만든 `f(x) = √(2/64) Σ cos(wₖ·x + bₖ)`. 4차 다항식: 무작위 대칭 행렬 A로 만든 `f(x) = Σ xᵢ⁴/4 + xᵀAx/2 + bᵀx`.",
    },
    "explorer.hd.family.cosines": {
        "en": "Gaussian-process samples (sums of cosines)",
        "ko": "가우스 과정 샘플 (코사인의 합)",
    },
    "explorer.hd.family.quartic": {"en": "Random quartic polynomials", "ko": "무작위 4차 다항식"},
    "explorer.hd.nmin": {"en": "Smallest dimension n", "ko": "가장 작은 차원 n"},
    "explorer.hd.nmax": {"en": "Largest dimension n", "ko": "가장 큰 차원 n"},
    "explorer.hd.functions": {"en": "Random functions per dimension", "ko": "차원마다 무작위 함수 수"},
    "explorer.hd.seeds": {"en": "Newton starts per function", "ko": "함수마다 뉴턴 방법 시작점 수"},
    "explorer.hd.seed": {"en": "Random seed", "ko": "난수 시드"},
    "explorer.hd.mlp": {"en": "Also a small network (MLP)", "ko": "작은 신경망(MLP)도 보기"},
    "explorer.hd.data": {"en": "Data set of the network", "ko": "신경망의 데이터셋"},
    "explorer.hd.width": {"en": "Hidden units", "ko": "은닉 유닛 수"},
    "explorer.hd.starts": {"en": "Starts of the search for critical points", "ko": "임계점 찾기의 시작점 수"},
    "explorer.hd.intro": {
        "en": "A critical point is a minimum only if **all n** eigenvalues of its Hessian are positive. In one dimension half of the critical points are minima; in n dimensions every extra direction is another chance to go down, so almost every critical point is a saddle. Newton's method on the gradient finds critical points of every kind from many starts; the chart counts the minima among them.",
        "ko": "임계점이 최솟값이 되려면 헤시안의 고윳값 **n개가 모두** 양수여야 합니다. 1차원에서는 임계점의 절반이 최솟값이지만, n차원에서는 방향이 하나 늘 때마다 내려갈 기회가 하나 더 생기므로 거의 모든 임계점이 안장점입니다. 기울기에 대한 뉴턴 방법은 여러 시작점에서 모든 종류의 임계점을 찾고, 그래프는 그중 최솟값의 비율을 셉니다.",
    },
    "explorer.hd.progress_dims": {
        "en": "Newton's method: {i} of {total} dimensions done",
        "ko": "뉴턴 방법: {total}개 차원 중 {i}개 완료",
    },
    "explorer.hd.progress_goe": {"en": "Random matrices…", "ko": "무작위 행렬…"},
    "explorer.hd.progress_mlp": {"en": "Critical points of the network…", "ko": "신경망의 임계점…"},
    "explorer.hd.progress_done": {"en": "Done", "ko": "완료"},
    "explorer.hd.bad": {"en": "Cannot run this: {msg}", "ko": "실행할 수 없습니다: {msg}"},
    "explorer.hd.share_title": {
        "en": "Share of minima among the critical points",
        "ko": "임계점 중 최솟값의 비율",
    },
    "explorer.hd.summary": {
        "en": "Share of minima: {first} at n = {n0} ({k0} critical points found), {last} at n = {n1} ({k1} found).",
        "ko": "최솟값의 비율: n = {n0}에서 {first}(찾은 임계점 {k0}개), n = {n1}에서 {last}(찾은 임계점 {k1}개).",
    },
    "explorer.hd.none_found": {
        "en": "No minimum among the critical points found at n = {dims}: the share is below what this many points can show.",
        "ko": "n = {dims}에서는 찾은 임계점 중 최솟값이 없습니다: 이 정도 개수로는 보이지 않을 만큼 비율이 작습니다.",
    },
    "explorer.hd.one_dim": {
        "en": "At n = 1 this family's share is known: {v} (star). Measured: {m} ± {e}.",
        "ko": "n = 1에서 이 함수들의 비율은 계산할 수 있습니다: {v}(별). 측정값: {m} ± {e}.",
    },
    "explorer.hd.theory": {
        "en": "Grey: a random symmetric matrix (the Gaussian orthogonal ensemble, GOE) is positive definite with probability P(n), computed exactly (line, de Bruijn's Pfaffian formula) and counted with NumPy's `eigvalsh` in {samples} random matrices (circles). If each eigenvalue's sign were a coin toss, P(n) would be 2⁻ⁿ; the eigenvalues of a random matrix repel each other, so it falls much faster, like exp(−θn²) with θ = ln 3 / 4 ≈ {theta} (Dean & Majumdar 2006, dashed). Read off the exact values between n = {a} and {b}: θ ≈ {measured}.",
        "ko": "회색: 무작위 대칭 행렬(가우스 직교 앙상블(GOE))이 양의 정부호일 확률 P(n)을 정확히 계산하고(선, 드브라윈(de Bruijn)의 파피안 공식), NumPy의 `eigvalsh`로 무작위 행렬 {samples}개에서 세었습니다(원). 고윳값마다 부호가 동전 던지기라면 P(n)은 2⁻ⁿ이겠지만, 무작위 행렬의 고윳값은 서로 밀어내므로 훨씬 빨리, exp(−θn²)처럼 줄어듭니다. θ = ln 3 / 4 ≈ {theta}(딘(Dean)과 마줌다르(Majumdar) 2006, 점선). n = {a}과 {b} 사이의 정확한 값에서 읽으면 θ ≈ {measured}입니다.",
    },
    "explorer.hd.not_goe": {
        "en": "The random functions' Hessians are not GOE matrices: at a low critical point the curvature tends to be positive (Bray & Dean 2007), so their share of minima falls more slowly than the grey curve. It still falls fast: in high dimensions almost every critical point is a saddle.",
        "ko": "무작위 함수의 헤시안은 GOE 행렬이 아닙니다: 낮은 임계점에서는 곡률이 양수인 경향이 있어서(브레이(Bray)와 딘(Dean) 2007), 최솟값의 비율은 회색 곡선보다 천천히 줄어듭니다. 그래도 빠르게 줄어듭니다: 고차원에서는 거의 모든 임계점이 안장점입니다.",
    },
    "explorer.hd.index_title": {
        "en": "Index against value at the critical points",
        "ko": "임계점의 지표와 함숫값",
    },
    "explorer.hd.index_caption": {
        "en": "Each dot is one critical point: its index is the share of its Hessian's eigenvalues that are negative (0: a minimum, 1: a maximum). The higher the critical point, the more directions lead down (correlation of index and value: {r}). So a point where descent stalls high up is almost surely a saddle, with ways down, not a bad local minimum (Dauphin et al. 2014, Fig. 1).",
        "ko": "점 하나가 임계점 하나입니다: 지표는 헤시안 고윳값 중 음수의 비율입니다(0: 최솟값, 1: 최댓값). 임계점이 높을수록 내려가는 방향이 많습니다(지표와 함숫값의 상관계수: {r}). 그래서 높은 곳에서 하강이 멈춘 점은 나쁜 지역 최솟값이 아니라 거의 확실히 내려갈 길이 있는 안장점입니다(도핀(Dauphin) 등 2014, 그림 1).",
    },
    "explorer.hd.mlp_caption": {
        "en": "The network: one hidden layer of {width} tanh units ({p} parameters), MSE on {points} points of “{data}” plus a small weight decay ({wd}, so that no direction is exactly flat). Starts are random initialisations trained for 0 to {train} steps; from each, Adam minimises ½‖∇L‖² (its gradient is the Hessian times ∇L, a Hessian-vector product), then Levenberg-Marquardt steps finish. {found} of {starts} searches reached ‖∇L‖ < 10⁻⁹: {k} different critical points (counting networks that only swap or sign-flip hidden units once). Correlation of index and loss: {r}.",
        "ko": "신경망: tanh 유닛 {width}개의 은닉층 하나({p}개 파라미터), “{data}”의 점 {points}개에 대한 MSE와 작은 가중치 감쇠({wd}, 정확히 평평한 방향이 없도록). 시작점은 무작위 초기화를 0~{train} 스텝 학습한 점입니다. 각 시작점에서 Adam이 ½‖∇L‖²을 최소화하고(그 기울기는 헤시안 곱하기 ∇L, 헤시안-벡터 곱), 레벤버그-마쿼트(Levenberg-Marquardt) 스텝이 마무리합니다. 탐색 {starts}개 중 {found}개가 ‖∇L‖ < 10⁻⁹에 도달했습니다: 서로 다른 임계점 {k}개(은닉 유닛의 순서나 부호만 바꾼 신경망은 하나로 셈). 지표와 손실의 상관계수: {r}.",
    },
    "explorer.hd.mlp_none": {
        "en": "None of the {starts} searches reached a critical point of the network: raise the number of starts.",
        "ko": "탐색 {starts}개 중 어느 것도 신경망의 임계점에 도달하지 못했습니다: 시작점 수를 늘리세요.",
    },
    "explorer.hd.fig.n": {"en": "dimension n", "ko": "차원 n"},
    "explorer.hd.fig.share": {"en": "share of minima", "ko": "최솟값의 비율"},
    "explorer.hd.fig.measured": {
        "en": "{family}: minima among critical points found",
        "ko": "{family}: 찾은 임계점 중 최솟값",
    },
    "explorer.hd.fig.one_dim": {"en": "analytic value at n = 1", "ko": "n = 1의 이론값"},
    "explorer.hd.fig.goe_exact": {
        "en": "P(GOE matrix is positive definite), exact",
        "ko": "P(GOE 행렬이 양의 정부호), 정확한 값",
    },
    "explorer.hd.fig.goe_mc": {
        "en": "the same, counted in {n} random matrices",
        "ko": "같은 확률, 무작위 행렬 {n}개에서 센 값",
    },
    "explorer.hd.fig.asymptote": {"en": "exp(−θn²), θ = ln 3 / 4", "ko": "exp(−θn²), θ = ln 3 / 4"},
    "explorer.hd.fig.index": {"en": "index (share of negative eigenvalues)", "ko": "지표 (음의 고윳값 비율)"},
    "explorer.hd.fig.value": {"en": "f at the critical point", "ko": "임계점의 f"},
    "explorer.hd.fig.loss": {"en": "loss at the critical point", "ko": "임계점의 손실"},
    "explorer.hd.fig.random_title": {"en": "Random functions", "ko": "무작위 함수"},
    "explorer.hd.fig.mlp_title": {"en": "Small network (MLP)", "ko": "작은 신경망 (MLP)"},
    "explorer.hd.fig.mlp": {
        "en": "MLP: {width} hidden units, {p} parameters",
        "ko": "MLP: 은닉 유닛 {width}개, 파라미터 {p}개",
    },
}

FIGURE_KEYS = (
    "n",
    "share",
    "measured",
    "one_dim",
    "goe_exact",
    "goe_mc",
    "asymptote",
    "index",
    "value",
    "loss",
    "random_title",
    "mlp_title",
    "mlp",
)
FAMILIES = ("cosines", "quartic")


def figure_text(lang: str) -> dict:
    """The strings of the view's figures in ``lang``, as ``viz.explorer_hd`` takes them: {key: text} for
    :data:`FIGURE_KEYS`, plus "families" ({family: name})."""
    out: dict = {k: STRINGS[f"explorer.hd.fig.{k}"][lang] for k in FIGURE_KEYS}
    out["families"] = {f: STRINGS[f"explorer.hd.family.{f}"][lang] for f in FAMILIES}
    return out
