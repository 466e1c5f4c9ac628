"""Strings of the Activations and initialization lab (Korean terms follow the lecture notes)."""
# ruff: noqa: E501  (string tables: ruff counts each Korean character as two columns)

STRINGS = {
    "act.title": {"en": "Activations and initialization", "ko": "활성화 함수와 가중치 초기화"},
    "act.desc": {
        "en": "Watch the signal and the gradient travel through a 50-layer network at initialization for every "
        "activation and LeCun / Xavier / He, next to the mean-field theory; see training, dying ReLU, why we need "
        "non-linearity, input normalization and batch / layer norm, all measured.",
        "ko": "초기화된 50층 신경망에서 활성화 함수와 LeCun / Xavier / He 초기화마다 신호와 기울기가 어떻게 전달되는지 "
        "평균장 이론과 나란히 봅니다. 학습 중 변화, Dead ReLU, 비선형이 필요한 이유, 데이터 정규화, 배치/레이어 정규화도 "
        "모두 측정해서 보여줍니다.",
    },
    "act.intro": {
        "en": "The lecture: sigmoid and tanh saturate and their gradients vanish, ReLU units can die, Xavier suits "
        "sigmoid and tanh and He suits ReLU, normalization keeps every layer's inputs on one scale. Here each claim is a "
        "measurement, with the theory drawn beside it.",
        "ko": "강의 내용: Sigmoid와 Tanh는 포화되어 기울기 소실이 생기고, ReLU는 죽을 수 있으며(Dead ReLU), Xavier는 "
        "sigmoid·tanh에, He는 ReLU에 어울리고, 정규화는 각 층의 입력 분포를 일정하게 유지합니다. 여기서는 각 주장을 "
        "직접 측정하고 이론 곡선을 함께 그립니다.",
    },
    "act.view": {"en": "View", "ko": "보기"},
    "act.view_inputs": {"en": "📏 Data normalization", "ko": "📏 데이터 정규화"},
    "act.view_signal": {"en": "📡 Signal through depth", "ko": "📡 깊이에 따른 신호"},
    "act.view_training": {"en": "🏋️ During training", "ko": "🏋️ 학습 중"},
    "act.view_linear": {"en": "〰️ Why non-linearity", "ko": "〰️ 왜 비선형인가"},
    "act.view_dying": {"en": "💀 Dying ReLU", "ko": "💀 Dead ReLU"},
    "act.view_norm": {"en": "🧮 Batch / layer norm", "ko": "🧮 배치 / 레이어 정규화"},
    # names
    "act.fn_sigmoid": {"en": "sigmoid", "ko": "Sigmoid"},
    "act.fn_tanh": {"en": "tanh", "ko": "Tanh"},
    "act.fn_relu": {"en": "ReLU", "ko": "ReLU"},
    "act.fn_leaky_relu": {"en": "leaky ReLU", "ko": "Leaky ReLU"},
    "act.fn_elu": {"en": "ELU", "ko": "ELU"},
    "act.fn_gelu": {"en": "GELU", "ko": "GELU"},
    "act.init_lecun": {"en": "LeCun", "ko": "LeCun"},
    "act.init_xavier": {"en": "Xavier", "ko": "Xavier"},
    "act.init_he": {"en": "He", "ko": "He"},
    "act.dist_normal": {"en": "normal", "ko": "정규 분포"},
    "act.dist_uniform": {"en": "uniform", "ko": "균등 분포"},
    "act.kind_kept": {"en": "kept", "ko": "유지"},
    "act.kind_vanishes": {"en": "vanishes", "ko": "소실"},
    "act.kind_explodes": {"en": "explodes", "ko": "폭발"},
    "act.norm_none": {"en": "no normalization", "ko": "정규화 없음"},
    "act.norm_batch": {"en": "batch norm", "ko": "배치 정규화"},
    "act.norm_layer": {"en": "layer norm", "ko": "레이어 정규화"},
    # controls
    "act.act": {"en": "Activation function", "ko": "활성화 함수"},
    "act.init": {"en": "Weight initialization", "ko": "가중치 초기화"},
    "act.dist": {"en": "Distribution", "ko": "분포"},
    "act.gain": {"en": "Gain (× the standard deviation)", "ko": "이득 (표준편차에 곱함)"},
    "act.gain_help": {
        "en": "Multiplies every weight's standard deviation (its variance by gain²). 1 is the initializer as defined.",
        "ko": "모든 가중치의 표준편차에 곱합니다 (분산에는 g²). 1이면 정의 그대로의 초기화입니다.",
    },
    "act.sigma_b": {"en": "Bias standard deviation σ_b", "ko": "편향의 표준편차 σ_b"},
    "act.sigma_b_help": {
        "en": "Biases are drawn from N(0, σ_b²); 0 is the usual zero bias.",
        "ko": "편향을 N(0, σ_b²)에서 뽑습니다. 0이면 보통의 0 편향입니다.",
    },
    "act.depth": {"en": "Layers", "ko": "층 수"},
    "act.width": {"en": "Width (units per layer)", "ko": "너비 (층마다 유닛 수)"},
    "act.inputs": {"en": "Inputs (standard normal)", "ko": "입력 개수 (표준 정규 분포)"},
    "act.seed": {"en": "Seed of the random weights", "ko": "가중치 난수 시드"},
    "act.seeds": {"en": "Seeds", "ko": "시드 수"},
    "act.data": {"en": "Data set", "ko": "데이터셋"},
    "act.n_train": {"en": "Training points", "ko": "학습 점 개수"},
    "act.opt": {"en": "Optimizer", "ko": "옵티마이저"},
    "act.lr": {"en": "Learning rate η", "ko": "학습률 η"},
    "act.batch": {"en": "Mini-batch size", "ko": "미니배치 크기"},
    "act.steps": {"en": "Steps", "ko": "스텝 수"},
    "act.run": {"en": "Run", "ko": "실행"},
    "act.computing": {"en": "Computing…", "ko": "계산 중…"},
    "act.bad_config": {
        "en": "These settings cannot be run: {msg}",
        "ko": "이 설정으로는 실행할 수 없습니다: {msg}",
    },
    "act.progress_signal": {
        "en": "Propagating through every initializer, activation {i} of {total}…",
        "ko": "모든 초기화로 전파하는 중, 활성화 함수 {i}/{total}…",
    },
    "act.progress_training": {"en": "Training…", "ko": "학습 중…"},
    "act.progress_linear": {"en": "Training both networks…", "ko": "두 신경망을 학습하는 중…"},
    "act.progress_dying": {
        "en": "Training every run, activation {i} of {total}…",
        "ko": "모든 실행을 학습하는 중, 활성화 함수 {i}/{total}…",
    },
    "act.progress_norm": {
        "en": "Sweeping learning rates, normalization {i} of {total}…",
        "ko": "학습률을 훑는 중, 정규화 {i}/{total}…",
    },
    # signal view
    "act.formula_label": {
        "en": "{name} initialization, gain g = {gain}: normal N(0, Var(W)) or uniform U(−a, a) with the same variance",
        "ko": "{name} 초기화, 이득 g = {gain}: 정규 분포 N(0, Var(W)) 또는 같은 분산의 균등 분포 U(−a, a)",
    },
    "act.formula_note": {
        "en": "Here σ_w² = n_in · Var(W) = {s2}. Every layer is square (inputs have the width's dimension), so Xavier's "
        "2/(n_in + n_out) equals LeCun's 1/n_in. The lecture notes write Var(W) = √(1/n_in): that is the standard "
        "deviation; the variance is 1/n_in (the uniform bounds beside it agree).",
        "ko": "여기서 σ_w² = n_in · Var(W) = {s2}입니다. 모든 층이 정사각형이므로(입력 차원 = 너비) Xavier의 "
        "2/(n_in + n_out)는 LeCun의 1/n_in과 같습니다. 강의 노트의 Var(W) = √(1/n_in)은 표준편차이고, 분산은 1/n_in입니다 "
        "(옆의 균등 분포 범위도 이와 맞습니다).",
    },
    "act.pair_verdict": {
        "en": "**{act} + {init}, {depth} layers.** The standard deviation of z goes from {s1} (layer 1) to {sL} (layer "
        "{depth}): {ratio} of the first layer's (mean-field theory: {tratio}). The gradient reaching layer 1 is {g} "
        "times the one at layer {depth} (theory: {tg}). Signal: **{signal}**; gradient: **{gradient}** (below 1/100 "
        "counts as vanished, above 100 as exploded).",
        "ko": "**{act} + {init}, {depth}층.** z의 표준편차는 1층 {s1}에서 {depth}층 {sL}이 됩니다: 첫 층의 {ratio}배 "
        "(평균장 이론: {tratio}). 1층에 도달한 기울기는 {depth}층 기울기의 {g}배입니다 (이론: {tg}). 신호: **{signal}**, "
        "기울기: **{gradient}** (1/100 미만이면 소실, 100배 초과면 폭발로 봅니다).",
    },
    "act.fig_z": {"en": "std of z (pre-activation)", "ko": "z(활성화 전 값)의 표준편차"},
    "act.fig_grad": {"en": "RMS of the gradient ∂L/∂z", "ko": "기울기 ∂L/∂z의 RMS"},
    "act.fig_flat": {"en": "saturated / inactive", "ko": "포화 / 비활성 비율"},
    "act.measured": {"en": "measured", "ko": "측정값"},
    "act.theory": {"en": "mean-field theory", "ko": "평균장 이론"},
    "act.flat_name": {
        "en": "values with flat φ′ (< 5% of its peak)",
        "ko": "φ′가 평평한 값 (최대의 5% 미만)",
    },
    "act.dead_name": {"en": "dead units (z ≤ 0 on every input)", "ko": "죽은 유닛 (모든 입력에서 z ≤ 0)"},
    "act.layer": {"en": "layer", "ko": "층"},
    "act.depth_explain": {
        "en": "Left: the measured spread of z against the mean-field recursion q_(l+1) = σ_w² E[φ(z)²] + σ_b² "
        "(Gauss-Hermite quadrature). Middle: a random unit-variance signal sent back from the last layer; each layer "
        "multiplies its mean square by σ_w² E[φ′(z)²] in theory. Right: where φ′ is flat (sigmoid and tanh "
        "saturate; ReLU's negative side passes nothing).",
        "ko": "왼쪽: 측정한 z의 퍼짐과 평균장 점화식 q_(l+1) = σ_w² E[φ(z)²] + σ_b² (가우스-에르미트 구적법). 가운데: 마지막 "
        "층에서 분산 1인 무작위 신호를 거꾸로 보냅니다(역전파). 이론상 각 층은 그 제곱 평균에 σ_w² E[φ′(z)²]를 곱합니다. "
        "오른쪽: φ′가 평평한 곳 (Sigmoid와 Tanh는 포화되고, ReLU의 음수 쪽은 아무것도 전달하지 않습니다).",
    },
    "act.hist_act": {
        "en": "activation values φ(z) per layer",
        "ko": "층별 활성화 값 φ(z)",
    },
    "act.hist_grad": {
        "en": "gradient size |∂L/∂z| per layer (log)",
        "ko": "층별 기울기 크기 |∂L/∂z| (로그)",
    },
    "act.hist_zero": {"en": "0", "ko": "0"},
    "act.hist_explain": {
        "en": "Each row is one layer's histogram. Left: the activation values (the end bins hold everything "
        "beyond the range). Right: the size of the back-propagated gradient on a log scale, so a gradient that "
        "vanishes drifts left layer by layer from the top and one that explodes drifts right; the first column "
        "counts the values that are exactly 0 (ReLU's inactive side passes nothing back).",
        "ko": "각 행이 한 층의 히스토그램입니다. 왼쪽: 활성화 값 (양 끝 칸은 범위 밖 값 포함). 오른쪽: 역전파된 기울기의 "
        "크기를 로그 눈금으로 나타냅니다. 기울기가 사라지면 위층에서 아래층으로 갈수록 왼쪽으로, 폭발하면 오른쪽으로 "
        "옮겨 갑니다. 첫 열은 정확히 0인 값의 비율입니다 (ReLU의 비활성 쪽은 아무것도 거꾸로 보내지 않습니다).",
    },
    "act.share": {"en": "share", "ko": "비율"},
    "act.pairs_title": {"en": "Every activation × initialization", "ko": "모든 활성화 함수 × 초기화 조합"},
    "act.pairs_intro": {
        "en": "The same network ({depth} layers of {width}, the same random draws), with every activation and "
        "initializer, at the distribution, gain and bias scale chosen on the left.",
        "ko": "같은 신경망({depth}층, 너비 {width}, 같은 난수)에 모든 활성화 함수와 초기화를 적용합니다. 분포, 이득, "
        "편향 크기는 왼쪽에서 고른 값입니다.",
    },
    "act.pairs_sig": {
        "en": "signal: std of z, last / first layer",
        "ko": "신호: z의 표준편차, 마지막 층 / 첫 층",
    },
    "act.pairs_grad": {
        "en": "gradient: RMS at the first / last layer",
        "ko": "기울기: 첫 층 / 마지막 층의 RMS",
    },
    "act.group_both": {"en": "**Both kept:** {pairs}.", "ko": "**둘 다 유지:** {pairs}."},
    "act.group_sig_vanishes": {"en": "**Signal vanishes:** {pairs}.", "ko": "**신호 소실:** {pairs}."},
    "act.group_sig_explodes": {"en": "**Signal explodes:** {pairs}.", "ko": "**신호 폭발:** {pairs}."},
    "act.group_grad_vanishes": {"en": "**Gradient vanishes:** {pairs}.", "ko": "**기울기 소실:** {pairs}."},
    "act.group_grad_explodes": {"en": "**Gradient explodes:** {pairs}.", "ko": "**기울기 폭발:** {pairs}."},
    "act.pairs_explain": {
        "en": "Red: shrank by that factor over the depth; blue: grew. A ratio below 1/100 counts as vanished, above 100 "
        "as exploded. Xavier and LeCun coincide here because every layer is square. To be quick, this table multiplies "
        "in bfloat16 (8 significant bits, float32 sums); its ratios agree with the float32 figures above within 2%.",
        "ko": "빨강: 깊이를 지나며 그만큼 줄어듦, 파랑: 커짐. 비율이 1/100 미만이면 소실, 100 초과면 폭발로 봅니다. 모든 "
        "층이 정사각형이라 Xavier와 LeCun은 여기서 같습니다. 빠르게 계산하려고 이 표는 bfloat16(유효 숫자 8비트, 합은 "
        "float32)으로 곱합니다. 비율은 위의 float32 결과와 2% 안에서 일치합니다.",
    },
    # training view
    "act.train_verdict": {
        "en": "Training loss {loss0} → {loss} (accuracy {acc}). At the start the first layer's gradient norm is {ratio} "
        "times the last hidden layer's (layer {depth}).",
        "ko": "학습 손실 {loss0} → {loss} (정확도 {acc}). 처음에 첫 층의 기울기 크기는 마지막 은닉층({depth}층)의 "
        "{ratio}배입니다.",
    },
    "act.train_loss": {"en": "training loss", "ko": "학습 손실"},
    "act.loss_title": {"en": "Loss during training", "ko": "학습 중 손실"},
    "act.loss": {"en": "loss", "ko": "손실"},
    "act.step": {"en": "step", "ko": "스텝"},
    "act.grad_time": {"en": "gradient norm ‖∂L/∂W‖ per layer", "ko": "층별 기울기 크기 ‖∂L/∂W‖"},
    "act.std_time": {"en": "std of the activations per layer", "ko": "층별 활성화 값의 표준편차"},
    "act.flat_time": {"en": "saturated / inactive values per layer", "ko": "층별 포화 / 비활성 값의 비율"},
    "act.dead_time": {"en": "dead units per layer", "ko": "층별 죽은 유닛 비율"},
    "act.train_explain": {
        "en": "Every few steps the whole training set is passed through the network: colours are log10 of the "
        "gradient norm and of the activations' spread, and the fractions of flat values and dead units.",
        "ko": "몇 스텝마다 전체 학습 데이터를 신경망에 통과시킵니다: 색은 기울기 크기와 활성화 값 퍼짐의 log10, 그리고 "
        "평평한 값과 죽은 유닛의 비율입니다.",
    },
    # linear view
    "act.linear_intro": {
        "en": "A stack of linear layers multiplies out to ONE matrix: however deep, it is a linear model and its "
        "decision boundary is a straight line. Put an activation between the layers and the same stack bends.",
        "ko": "선형 층을 쌓으면 곱해서 하나의 행렬이 됩니다: 아무리 깊어도 선형 모델이고 결정 경계는 직선입니다. 층 "
        "사이에 활성화 함수를 넣으면 같은 구조가 휘어집니다.",
    },
    "act.linear_verdict": {
        "en": "The trained linear stack computes exactly x·w + b with w = ({a}, {b}), b = {c}: its boundary is the "
        "line {line} = 0, accuracy {acc_lin}. With {act} between the same {depth} hidden layers: "
        "accuracy {acc_act}.",
        "ko": "학습된 선형 층 묶음은 정확히 x·w + b (w = ({a}, {b}), b = {c})를 계산합니다: 경계는 직선 "
        "{line} = 0, 정확도 {acc_lin}. 같은 {depth}개 은닉층 사이에 {act}를 넣으면: 정확도 {acc_act}.",
    },
    "act.linear_stack": {"en": "linear layers only", "ko": "선형 층만"},
    "act.with_act": {"en": "with {act}", "ko": "{act} 사용"},
    # inputs view
    "act.inputs_intro": {
        "en": "A linear model y ≈ w₁x₁ + w₂x₂ with squared error. Feature 2 is on a larger scale than feature 1. "
        "Standardising each feature (z-score, (x − μ)/σ) changes the loss surface, not the model.",
        "ko": "제곱 오차를 쓰는 선형 모델 y ≈ w₁x₁ + w₂x₂. 특성 2의 크기(scale)가 특성 1보다 큽니다. 각 특성을 표준화하면 "
        "(z-점수, (x − μ)/σ) 모델은 그대로이고 손실 곡면만 바뀝니다.",
    },
    "act.i_scale": {
        "en": "Scale of feature 2 (std; feature 1 has 1)",
        "ko": "특성 2의 크기 (표준편차, 특성 1은 1)",
    },
    "act.i_scale_help": {
        "en": "The raw surface's condition number is about scale².",
        "ko": "원본 곡면의 조건수는 대략 (배율)²입니다.",
    },
    "act.i_corr": {"en": "Correlation of the features", "ko": "두 특성의 상관계수"},
    "act.i_c": {"en": "Step: c / λ_max", "ko": "스텝 크기: c / λ_max"},
    "act.i_c_help": {
        "en": "Each surface gets the same rule, η = c / λ_max of its own Hessian (stable for c < 2).",
        "ko": "두 곡면 모두 같은 규칙, 자기 헤시안의 η = c / λ_max를 씁니다 (c < 2이면 안정).",
    },
    "act.inputs_verdict": {
        "en": "Condition number of the Hessian: **{k_raw}** raw, **{k_std}** standardised. Gradient descent with "
        "η = {c}/λ_max reaches the minimum (0.1% of the starting excess loss) after **{n_raw}** steps on the raw "
        "surface and **{n_std}** on the standardised one.",
        "ko": "헤시안의 조건수: 원본 **{k_raw}**, 표준화 **{k_std}**. η = {c}/λ_max인 경사하강법이 최솟값(처음 초과 "
        "손실의 0.1%)에 닿는 스텝 수: 원본 **{n_raw}**, 표준화 **{n_std}**.",
    },
    "act.not_arrived": {"en": "not within the steps shown", "ko": "보여준 스텝 안에 도달하지 못함"},
    "act.raw_title": {"en": "raw features (κ = {k})", "ko": "원본 특성 (κ = {k})"},
    "act.std_title": {"en": "standardised features (κ = {k})", "ko": "표준화한 특성 (κ = {k})"},
    "act.gd_path": {"en": "gradient descent", "ko": "경사하강법"},
    "act.minimum": {"en": "minimum", "ko": "최솟값"},
    "act.raw_name": {"en": "raw", "ko": "원본"},
    "act.std_name": {"en": "standardised", "ko": "표준화"},
    "act.excess_title": {"en": "Loss above the minimum", "ko": "최솟값보다 높은 손실"},
    "act.excess": {"en": "loss − minimum", "ko": "손실 − 최솟값"},
    # dying view
    "act.dying_intro": {
        "en": "A unit is **dead** when its pre-activation is ≤ 0 on every training example: a ReLU then outputs 0 and "
        "gets no gradient, so nothing can bring it back. Each cell trains the same network with mini-batch SGD at one "
        "learning rate, with every hidden bias started at one value.",
        "ko": "유닛의 활성화 전 값이 모든 학습 샘플에서 0 이하이면 그 유닛은 **죽은** 것입니다: ReLU는 0을 내고 기울기도 "
        "0이라 되살릴 방법이 없습니다(Dead ReLU). 각 칸은 같은 신경망을 한 학습률과 한 편향 초깃값으로 미니배치 SGD로 "
        "학습한 결과입니다.",
    },
    "act.d_lrs": {"en": "Learning rates", "ko": "학습률"},
    "act.d_biases": {"en": "Initial bias values", "ko": "편향 초깃값"},
    "act.d_biases_help": {
        "en": "Every hidden bias starts at this value. The notes: a small positive bias shifts ReLU left and keeps units "
        "alive.",
        "ko": "모든 은닉층 편향을 이 값으로 시작합니다. 강의 노트: 작은 양의 편향은 ReLU를 왼쪽으로 옮겨 유닛을 살립니다.",
    },
    "act.d_pick_lr": {"en": "Run to look into: learning rate", "ko": "자세히 볼 실행: 학습률"},
    "act.d_pick_bias": {"en": "Run to look into: initial bias", "ko": "자세히 볼 실행: 편향 초깃값"},
    "act.lr_axis": {"en": "learning rate", "ko": "학습률"},
    "act.bias_axis": {"en": "initial bias", "ko": "편향 초깃값"},
    "act.dead_short": {"en": "dead units", "ko": "죽은 유닛"},
    "act.dying_explain": {
        "en": "Share of hidden units with z ≤ 0 on every training example after {steps} steps, mean of {seeds} seeds "
        "(— : every seed diverged). For leaky ReLU such a unit still passes 1% of the gradient.",
        "ko": "{steps}스텝 뒤 모든 학습 샘플에서 z ≤ 0인 은닉 유닛의 비율, 시드 {seeds}개의 평균 (— : 모든 시드가 발산). "
        "Leaky ReLU에서는 그런 유닛도 기울기의 1%를 전달합니다.",
    },
    "act.pick": {"en": "lr {lr}, bias {bias}", "ko": "학습률 {lr}, 편향 {bias}"},
    "act.dead_steps_title": {
        "en": "Dead units during training ({pick}), mean over seeds",
        "ko": "학습 중 죽은 유닛 ({pick}), 시드 평균",
    },
    "act.no_story": {
        "en": "No unit of the ReLU network died during training at {pick} (in any seed that did not diverge).",
        "ko": "{pick}에서는 (발산하지 않은 어떤 시드에서도) 학습 중에 죽은 ReLU 유닛이 없습니다.",
    },
    "act.story_title": {
        "en": "Layer {layer}, unit {unit} (seed {seed}): its pre-activations",
        "ko": "{layer}층 {unit}번 유닛 (시드 {seed}): 활성화 전 값",
    },
    "act.at_init": {"en": "at initialization", "ko": "초기화 직후"},
    "act.after_training": {"en": "after training", "ko": "학습 후"},
    "act.z_axis": {"en": "pre-activation z", "ko": "활성화 전 값 z"},
    "act.examples": {"en": "training examples", "ko": "학습 샘플 수"},
    "act.story_explain": {
        "en": "Its largest pre-activation over the training set was {before} at the start and is {after} now: it is 0 "
        "for every example, and so is its gradient.",
        "ko": "학습 데이터에서 이 유닛의 가장 큰 활성화 전 값은 처음 {before}였고 지금은 {after}입니다: 모든 샘플에서 출력이 "
        "0이고 기울기도 0입니다.",
    },
    # normalization view
    "act.norm_intro": {
        "en": "The same deep network with no normalization, with batch norm (each unit standardised over the "
        "mini-batch) and with layer norm (each example standardised over the units), before every activation; "
        "mini-batch SGD at each learning rate.",
        "ko": "같은 깊은 신경망을 정규화 없이, 배치 정규화(각 유닛을 미니배치에 대해 표준화)와 레이어 정규화(각 샘플을 "
        "유닛들에 대해 표준화)를 활성화 함수 앞에 넣어 학습합니다. 각 학습률에서 미니배치 SGD를 씁니다.",
    },
    "act.n_pick_lr": {"en": "Learning rate of the trained curves", "ko": "학습 후 곡선의 학습률"},
    "act.largest": {"en": "{name}: trains up to η = **{lr}**.", "ko": "{name}: η = **{lr}**까지 학습됩니다."},
    "act.none_trains": {"en": "no rate", "ko": "어떤 학습률도 안 됨"},
    "act.sweep_title": {
        "en": "Final training loss against the learning rate",
        "ko": "학습률에 따른 최종 학습 손실",
    },
    "act.final_loss": {"en": "final loss (mean of seeds)", "ko": "최종 손실 (시드 평균)"},
    "act.trains_line": {"en": "trains below this", "ko": "이 아래면 학습됨"},
    "act.at_init_of": {"en": "{name}, at init", "ko": "{name}, 초기화 직후"},
    "act.trained_of": {"en": "{name}, trained at η = {lr}", "ko": "{name}, η = {lr}로 학습 후"},
    "act.norm_std_title": {"en": "Spread of each layer's activations", "ko": "층별 활성화 값의 퍼짐"},
    "act.h_std": {"en": "std of φ(z)", "ko": "φ(z)의 표준편차"},
    "act.norm_grad_title": {
        "en": "Gradient norm of each layer's weights at initialization",
        "ko": "초기화 직후 층별 가중치 기울기 크기",
    },
    "act.grad_norm": {"en": "‖∂L/∂W‖", "ko": "‖∂L/∂W‖"},
    "act.norm_explain": {
        "en": "A run trains when its final loss is below half the chance loss ({chance}); a rate trains when all {seeds} "
        "seeds do, after {steps} steps. Batch norm is evaluated on the whole training set, whose statistics are then "
        "those of the population (the notes: at inference use the statistics of the whole training data).",
        "ko": "최종 손실이 찍기 손실({chance})의 절반 아래면 학습된 것으로 봅니다. {steps}스텝 뒤 시드 {seeds}개가 모두 "
        "학습되어야 그 학습률에서 학습이 된다고 봅니다. 배치 정규화는 전체 학습 데이터로 평가하므로 통계가 전체 데이터의 "
        "통계입니다 (강의 노트: 추론 시에는 학습 데이터 전체의 평균과 분산을 씁니다).",
    },
}
