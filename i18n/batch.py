"""Strings of the Batch-size lab page."""
# ruff: noqa: E501  (string tables: ruff counts each Korean character as two columns)

STRINGS = {
    "batch.title": {"en": "Batch size and generalization", "ko": "배치 크기와 일반화"},
    "batch.desc": {
        "en": "Train a small network at several batch sizes and seeds, then measure: the train/test gap, "
        "the sharpness of each solution (top Hessian eigenvalue, Keskar's ε-sharpness), the line between "
        "solutions, 2-D slices and decision boundaries. Plus a two-basin surface and the lecture's picture.",
        "ko": "작은 신경망을 여러 배치 크기와 시드로 학습한 뒤 측정합니다: 학습/테스트 격차, 각 해의 날카로움"
        "(헤시안의 최대 고윳값, Keskar의 ε-날카로움), 해 사이의 직선, 2차원 단면, 결정 경계. "
        "두 분지 곡면과 강의의 그림도 함께 봅니다.",
    },
    "batch.intro": {
        "en": "The lecture's claim: large batches settle in sharp minima, small batches in flat ones, and flat "
        "minima generalize better. Here you can test it with numbers.",
        "ko": "강의의 주장: 큰 배치는 날카로운 최솟값에, 작은 배치는 평평한 최솟값에 자리 잡고, 평평한 최솟값이 "
        "더 잘 일반화된다. 여기서 숫자로 직접 확인해 보세요.",
    },
    "batch.view": {"en": "View", "ko": "보기"},
    "batch.view_network": {"en": "🧠 Network study", "ko": "🧠 신경망 실험"},
    "batch.view_basins": {"en": "⛰️ Two basins", "ko": "⛰️ 두 분지"},
    "batch.view_concept": {"en": "💡 The picture", "ko": "💡 개념 그림"},
    # controls
    "batch.data_section": {"en": "Data", "ko": "데이터"},
    "batch.data": {"en": "Data set", "ko": "데이터셋"},
    "batch.data_moons": {"en": "Two moons", "ko": "두 개의 반달"},
    "batch.data_circles": {"en": "Circles", "ko": "동심원"},
    "batch.data_spirals": {"en": "Spirals", "ko": "나선"},
    "batch.data_xor": {"en": "XOR", "ko": "XOR"},
    "batch.data_blobs": {"en": "Gaussian blobs (3 classes)", "ko": "가우스 덩어리 (3개 클래스)"},
    "batch.data_regression": {"en": "1-D regression curve", "ko": "1차원 회귀 곡선"},
    "batch.n_train": {
        "en": "Training points (and as many test points)",
        "ko": "학습 점 개수 (테스트 점도 같은 수)",
    },
    "batch.noise": {"en": "Input noise", "ko": "입력 노이즈"},
    "batch.noise_help": {
        "en": "Standard deviation of the jitter added to each point (for the regression curve: to each target).",
        "ko": "각 점에 더하는 흔들림의 표준편차입니다 (회귀 곡선에서는 목표값에 더합니다).",
    },
    "batch.label_noise": {"en": "Flipped training labels (fraction)", "ko": "뒤바꾼 학습 레이블 비율"},
    "batch.label_noise_help": {
        "en": "This fraction of TRAINING labels is replaced by a wrong class; the test set stays clean. A network "
        "that memorises the flipped labels shows a large train/test gap.",
        "ko": "학습 레이블 중 이 비율만큼을 틀린 클래스로 바꿉니다. 테스트 세트는 그대로입니다. 뒤바뀐 레이블에 "
        "오버피팅한 신경망은 학습/테스트 격차가 커집니다.",
    },
    "batch.net_section": {"en": "Network", "ko": "신경망"},
    "batch.width": {"en": "Width (units per hidden layer)", "ko": "너비 (은닉층의 유닛 수)"},
    "batch.depth": {"en": "Hidden layers", "ko": "은닉층 수"},
    "batch.act": {"en": "Activation", "ko": "활성화 함수"},
    "batch.init": {"en": "Weight initialization", "ko": "가중치 초기화"},
    # the activations and initializations by their names in the lecture notes (landscapes.mlp)
    "batch.act_relu": {"en": "ReLU", "ko": "ReLU"},
    "batch.act_leaky_relu": {"en": "Leaky ReLU", "ko": "Leaky ReLU"},
    "batch.act_tanh": {"en": "tanh", "ko": "tanh"},
    "batch.act_sigmoid": {"en": "Sigmoid", "ko": "Sigmoid"},
    "batch.init_lecun": {"en": "LeCun (variance 1/n_in)", "ko": "LeCun (분산 1/n_in)"},
    "batch.init_xavier": {"en": "Xavier (variance 2/(n_in + n_out))", "ko": "Xavier (분산 2/(n_in + n_out))"},
    "batch.init_he": {"en": "He (variance 2/n_in, for ReLU)", "ko": "He (분산 2/n_in, ReLU용)"},
    "batch.train_section": {"en": "Training", "ko": "학습"},
    "batch.opt": {"en": "Optimizer", "ko": "옵티마이저"},
    "batch.lr": {"en": "Learning rate η", "ko": "학습률 η"},
    "batch.rho": {"en": "SAM radius ρ", "ko": "SAM 반지름 ρ"},
    "batch.rho_help": {
        "en": "Only used by SAM: how far it looks uphill before taking the gradient.",
        "ko": "SAM에서만 씁니다: 기울기를 구하기 전에 오르막으로 얼마나 멀리 보는지 정합니다.",
    },
    "batch.scaling": {"en": "Learning rate vs batch size", "ko": "배치 크기에 따른 학습률"},
    "batch.scaling_help": {
        "en": "Keep η fixed, or scale it with the batch size relative to the smallest one (√ rule or linear rule).",
        "ko": "η를 그대로 두거나, 가장 작은 배치에 대한 비율로 키웁니다 (제곱근 규칙 또는 선형 규칙).",
    },
    "batch.scaling_none": {"en": "same η for every batch size", "ko": "모든 배치에 같은 η"},
    "batch.scaling_sqrt": {"en": "η × √(B / B_min)", "ko": "η × √(B / B_min)"},
    "batch.scaling_linear": {"en": "η × B / B_min", "ko": "η × B / B_min"},
    "batch.batches": {"en": "Batch sizes", "ko": "배치 크기"},
    "batch.batches_help": {
        "en": "Sizes larger than the training set are left out; the training-set size itself is full-batch descent.",
        "ko": "학습 세트보다 큰 값은 빠집니다. 학습 세트 크기와 같으면 전체 배치 경사하강법입니다.",
    },
    "batch.seeds": {"en": "Seeds per batch size", "ko": "배치 크기마다 시드 수"},
    "batch.steps": {"en": "Steps (the same for every batch size)", "ko": "스텝 수 (모든 배치 크기에 같게)"},
    "batch.steps_help": {
        "en": "Every batch size takes the same number of updates, so large batches see more epochs. With the same "
        "number of epochs instead, full batch simply takes too few steps and underfits.",
        "ko": "모든 배치 크기가 같은 횟수만큼 업데이트하므로 큰 배치는 더 많은 에폭을 봅니다. 에폭 수를 같게 하면 전체 "
        "배치는 스텝이 너무 적어 그냥 덜 학습됩니다.",
    },
    "batch.sym": {"en": "Symmetric ε-sharpness", "ko": "대칭 ε-날카로움"},
    "batch.sym_help": {
        "en": "Maximise (f(w+y) + f(w−y))/2 instead of f(w+y): cancels the slope term, which dominates at a noisy "
        "iterate that is not exactly at a minimum.",
        "ko": "f(w+y) 대신 (f(w+y) + f(w−y))/2를 최대화합니다. 최솟값에 정확히 있지 않은 노이즈 섞인 반복값에서 "
        "지배적인 기울기 항이 상쇄됩니다.",
    },
    "batch.run": {"en": "▶ Run", "ko": "▶ 실행"},
    "batch.running": {"en": "Training and measuring…", "ko": "학습하고 측정하는 중…"},
    "batch.progress_train": {
        "en": "Trained batch size {b} ({done} of {total})",
        "ko": "배치 크기 {b} 학습 완료 ({total}개 중 {done}개)",
    },
    "batch.progress_basins": {
        "en": "Running the noisy descents…",
        "ko": "노이즈가 섞인 경사하강법을 실행하는 중…",
    },
    "batch.progress_measure": {"en": "Measuring sharpness…", "ko": "날카로움을 측정하는 중…"},
    "batch.progress_slices": {
        "en": "Computing slices and decision boundaries…",
        "ko": "단면과 결정 경계를 계산하는 중…",
    },
    "batch.done": {
        "en": "Done: {n} networks trained and measured",
        "ko": "완료: 신경망 {n}개를 학습하고 측정했습니다",
    },
    "batch.b_done": {"en": "Done: {n} runs", "ko": "완료: {n}번 실행"},
    "batch.bad_config": {
        "en": "These settings cannot be run: {msg}",
        "ko": "이 설정으로는 실행할 수 없습니다: {msg}",
    },
    "batch.diverged": {
        "en": "{n} run(s) diverged (loss became infinite); they are left out of the means. Try a smaller η.",
        "ko": "{n}개 실행이 발산했습니다 (손실이 무한대). 평균에서 뺐습니다. 더 작은 η를 써 보세요.",
    },
    # verdicts
    "batch.verdict_one": {
        "en": "Choose at least two batch sizes to compare them.",
        "ko": "비교하려면 배치 크기를 두 개 이상 고르세요.",
    },
    "batch.verdict_lecture": {"en": "**As the lecture says.**", "ko": "**강의에서 말한 그대로입니다.**"},
    "batch.verdict_other": {
        "en": "**Not the lecture's picture here.**",
        "ko": "**여기서는 강의의 그림과 다릅니다.**",
    },
    "batch.verdict_sharp.sharper": {
        "en": "The largest batch (B={large}) found a sharper minimum than the smallest (B={small}): top "
        "eigenvalue {e_large} vs {e_small}.",
        "ko": "가장 큰 배치(B={large})가 가장 작은 배치(B={small})보다 더 날카로운 최솟값을 찾았습니다: 최대 "
        "고윳값 {e_large} 대 {e_small}.",
    },
    "batch.verdict_sharp.flatter": {
        "en": "The largest batch (B={large}) found a flatter minimum than the smallest (B={small}): top "
        "eigenvalue {e_large} vs {e_small}.",
        "ko": "가장 큰 배치(B={large})가 가장 작은 배치(B={small})보다 더 평평한 최솟값을 찾았습니다: 최대 "
        "고윳값 {e_large} 대 {e_small}.",
    },
    "batch.verdict_sharp.same": {
        "en": "The largest batch (B={large}) found a minimum about as sharp as the smallest (B={small}): top "
        "eigenvalue {e_large} vs {e_small} (within 20%).",
        "ko": "가장 큰 배치(B={large})가 찾은 최솟값은 가장 작은 배치(B={small})와 날카로움이 비슷합니다: 최대 "
        "고윳값 {e_large} 대 {e_small} (20% 이내).",
    },
    "batch.verdict_gap.larger": {
        "en": "Its generalization gap (test − train loss) is larger: {g_large} vs {g_small}.",
        "ko": "일반화 격차(테스트 − 학습 손실)는 더 큽니다: {g_large} 대 {g_small}.",
    },
    "batch.verdict_gap.smaller": {
        "en": "Its generalization gap (test − train loss) is smaller: {g_large} vs {g_small}.",
        "ko": "일반화 격차(테스트 − 학습 손실)는 더 작습니다: {g_large} 대 {g_small}.",
    },
    "batch.verdict_gap.same": {
        "en": "Its generalization gap (test − train loss) is about the same: {g_large} vs {g_small} (within 0.02).",
        "ko": "일반화 격차(테스트 − 학습 손실)는 거의 같습니다: {g_large} 대 {g_small} (0.02 이내).",
    },
    "batch.verdict_hint": {
        "en": "The lecture's effect needs many steps and flipped labels: try the preset “Keskar's effect”.",
        "ko": "강의의 효과가 나타나려면 스텝 수가 많고 레이블이 뒤바뀌어 있어야 합니다. “Keskar의 효과” 프리셋을 "
        "써 보세요.",
    },
    # table
    "batch.col_batch": {"en": "batch size", "ko": "배치 크기"},
    "batch.col_train": {"en": "train loss", "ko": "학습 손실"},
    "batch.col_test": {"en": "test loss", "ko": "테스트 손실"},
    "batch.col_gap": {"en": "gap (test − train loss)", "ko": "격차 (테스트 − 학습 손실)"},
    "batch.col_gap_acc": {"en": "gap (train − test accuracy)", "ko": "격차 (학습 − 테스트 정확도)"},
    "batch.col_eig": {"en": "top Hessian eigenvalue", "ko": "헤시안 최대 고윳값"},
    "batch.col_eps": {"en": "ε-sharpness (ε = {eps})", "ko": "ε-날카로움 (ε = {eps})"},
    # tabs and figures
    "batch.fig": {"en": "Figure", "ko": "그림"},
    "batch.tab_curves": {"en": "Curves", "ko": "곡선"},
    "batch.tab_gap": {"en": "Gap", "ko": "격차"},
    "batch.tab_sharp": {"en": "Sharpness", "ko": "날카로움"},
    "batch.tab_interp": {"en": "Line between solutions", "ko": "해 사이의 직선"},
    "batch.tab_slices": {"en": "2-D slices", "ko": "2차원 단면"},
    "batch.tab_bounds": {"en": "Decision boundaries", "ko": "결정 경계"},
    "batch.train": {"en": "train", "ko": "학습"},
    "batch.test": {"en": "test", "ko": "테스트"},
    "batch.loss": {"en": "loss", "ko": "손실"},
    "batch.accuracy": {"en": "accuracy", "ko": "정확도"},
    "batch.step": {"en": "step", "ko": "스텝"},
    "batch.curves_title": {
        "en": "Loss during training: train (solid), test (dashed), mean over seeds",
        "ko": "학습 중 손실: 학습(실선), 테스트(점선), 시드 평균",
    },
    "batch.acc_title": {"en": "Accuracy during training", "ko": "학습 중 정확도"},
    "batch.batch_axis": {"en": "batch size", "ko": "배치 크기"},
    "batch.mean_sd": {"en": "mean ± std over seeds", "ko": "시드 평균 ± 표준편차"},
    "batch.seed_points": {"en": "single seeds", "ko": "각 시드"},
    "batch.gap_axis": {"en": "test loss − train loss", "ko": "테스트 손실 − 학습 손실"},
    "batch.gap_title": {"en": "Generalization gap (loss)", "ko": "일반화 격차 (손실)"},
    "batch.gap_acc_axis": {"en": "train accuracy − test accuracy", "ko": "학습 정확도 − 테스트 정확도"},
    "batch.gap_acc_title": {"en": "Generalization gap (accuracy)", "ko": "일반화 격차 (정확도)"},
    "batch.gap_explain": {
        "en": "The training loss is measured on the training set as the network saw it (flipped labels included), "
        "the test loss on clean labels. A negative gap means the network did NOT fit the flipped labels: it "
        "pays for them on the training set and is right on the test set.",
        "ko": "학습 손실은 신경망이 본 그대로의 학습 세트(뒤바뀐 레이블 포함)에서, 테스트 손실은 깨끗한 레이블에서 "
        "잽니다. 격차가 음수이면 신경망이 뒤바뀐 레이블에 오버피팅하지 않았다는 뜻입니다. 학습 세트에서는 그만큼 손해를 "
        "보고 테스트 세트에서는 맞힙니다.",
    },
    "batch.eig_title": {"en": "top Hessian eigenvalue", "ko": "헤시안 최대 고윳값"},
    "batch.eps_title": {"en": "ε-sharpness, ε = {eps}", "ko": "ε-날카로움, ε = {eps}"},
    "batch.sharp_explain": {
        "en": "Top eigenvalue: 20 Lanczos steps with Hessian-vector products of the training loss. ε-sharpness "
        "(Keskar et al. 2017): the largest training loss in the box |Δᵢ| ≤ ε(|wᵢ| + 1) around the solution, as "
        "(max − f)/(1 + f) × 100, found by projected sign-gradient ascent from 3 starts.",
        "ko": "최대 고윳값: 학습 손실의 헤시안-벡터 곱으로 Lanczos 20단계를 돌려 구합니다. ε-날카로움(Keskar 외 2017): "
        "해 주변 상자 |Δᵢ| ≤ ε(|wᵢ| + 1) 안에서 가장 큰 학습 손실을 (max − f)/(1 + f) × 100으로 나타냅니다. "
        "시작점 3개에서 사영된 부호-기울기 상승법으로 찾습니다.",
    },
    "batch.interp_title": {
        "en": "Along α·w(large batch) + (1 − α)·w(small batch)",
        "ko": "α·w(큰 배치) + (1 − α)·w(작은 배치)를 따라",
    },
    "batch.interp_explain": {
        "en": "α = 0 is the B={small} solution, α = 1 the B={large} solution of the same seed (both started from the "
        "same weights). Thin lines: single seeds; thick: their mean. Keskar et al. (Fig. 3) saw a narrow valley "
        "around the large-batch end.",
        "ko": "α = 0은 B={small}의 해, α = 1은 같은 시드의 B={large} 해입니다 (둘 다 같은 가중치에서 출발). 가는 선은 "
        "각 시드, 굵은 선은 평균입니다. Keskar 외(그림 3)는 큰 배치 쪽 끝에서 좁은 골짜기를 보았습니다.",
    },
    "batch.interp_need_two": {
        "en": "The line between solutions needs at least two batch sizes.",
        "ko": "해 사이의 직선을 그리려면 배치 크기가 두 개 이상 필요합니다.",
    },
    "batch.slices_title": {
        "en": "Training loss around each solution (seed 0), filter-normalised directions, one colour scale",
        "ko": "각 해(시드 0) 주변의 학습 손실, 필터 정규화 방향, 같은 색 척도",
    },
    "batch.slices_explain": {
        "en": "f(w + a·d₁ + b·d₂) for a, b in [−1, 1]. Each random direction is rescaled filter by filter (per "
        "output unit) to the norm of the solution's own weights, biases zeroed (Li et al. 2018), so networks "
        "with different weight scales are comparable. A sharp minimum shows a small dark centre.",
        "ko": "a, b가 [−1, 1]일 때 f(w + a·d₁ + b·d₂)입니다. 무작위 방향을 필터(출력 유닛)마다 해 자신의 가중치 "
        "노름에 맞게 다시 조정하고 편향 방향은 0으로 둡니다(Li 외 2018). 그래서 가중치 크기가 다른 신경망도 비교할 "
        "수 있습니다. 날카로운 최솟값은 어두운 중심이 작습니다.",
    },
    "batch.bounds_title": {"en": "Decision boundaries (seed 0)", "ko": "결정 경계 (시드 0)"},
    "batch.bounds_explain": {
        "en": "Colour: the predicted probability of class 1 (or the predicted class); black line: the boundary. "
        "Points: training data as the network saw it, flipped labels included. A network that memorises the "
        "flipped labels draws small islands around them.",
        "ko": "색: 클래스 1일 확률(또는 예측한 클래스), 검은 선: 경계입니다. 점: 신경망이 본 그대로의 학습 데이터"
        "(뒤바뀐 레이블 포함)입니다. 뒤바뀐 레이블에 오버피팅한 신경망은 그 주변에 작은 섬을 그립니다.",
    },
    # basins
    "batch.b_start": {"en": "Runs start", "ko": "출발 위치"},
    "batch.b_start_sharp": {
        "en": "in the sharp minimum (who escapes?)",
        "ko": "날카로운 최솟값 안 (누가 빠져나갈까?)",
    },
    "batch.b_start_uniform": {"en": "anywhere in view", "ko": "보이는 영역 어디서나"},
    "batch.b_noise": {"en": "Gradient noise σ", "ko": "기울기 노이즈 σ"},
    "batch.b_noise_help": {
        "en": "Each of the 128 per-sample losses is f(w) + σ·uᵢ·w. A batch of B samples averages B of them: the "
        "step's noise shrinks like σ·√((128 − B)/(127·B)) and vanishes at B = 128.",
        "ko": "128개의 샘플별 손실은 각각 f(w) + σ·uᵢ·w입니다. B개 샘플의 배치는 그중 B개를 평균하므로 스텝의 "
        "노이즈는 σ·√((128 − B)/(127·B))처럼 줄고 B = 128에서 사라집니다.",
    },
    "batch.b_seeds": {"en": "Runs per batch size", "ko": "배치 크기마다 실행 수"},
    "batch.b_batch_axis": {"en": "batch size (of 128 samples)", "ko": "배치 크기 (샘플 128개 중)"},
    "batch.basin_axis": {"en": "fraction ending in the flat basin", "ko": "평평한 분지에서 끝난 비율"},
    "batch.basin_title": {"en": "Who ends in the flat basin?", "ko": "누가 평평한 분지에서 끝날까?"},
    "batch.ends_title": {"en": "Where the runs end", "ko": "실행이 끝난 곳"},
    "batch.minima": {"en": "minima", "ko": "최솟값"},
    "batch.basins_intro": {
        "en": "The “Sharp vs flat minimum” surface: a narrow, slightly deeper well and a wide one. Every run uses "
        "the same learning rate (small enough to stay in the narrow well without noise) and the engine's "
        "mini-batch noise; the learning rate decays to zero (cosine) so each run settles where it is.",
        "ko": "“날카로운 최솟값 대 평평한 최솟값” 곡면입니다: 좁고 조금 더 깊은 우물과 넓은 우물이 있습니다. 모든 실행이 "
        "같은 학습률(노이즈가 없으면 좁은 우물에 머물 만큼 작음)과 엔진의 미니배치 노이즈를 씁니다. 학습률은 코사인으로 "
        "0까지 줄어들어 각 실행이 있던 곳에 자리 잡습니다.",
    },
    "batch.basins_explain": {
        "en": "Curvature (top Hessian eigenvalue) at the flat minimum: {flat}; at the sharp one: {sharp}. Small "
        "batches kick the iterate out of the narrow well; exact gradients (B = 128) never leave it. SAM looks ρ "
        "uphill before stepping, which helps it leave the narrow well at larger batches.",
        "ko": "평평한 최솟값의 곡률(헤시안 최대 고윳값): {flat}, 날카로운 최솟값: {sharp}. 작은 배치의 노이즈는 반복값을 "
        "좁은 우물 밖으로 차냅니다. 정확한 기울기(B = 128)는 결코 떠나지 않습니다. SAM은 스텝 전에 ρ만큼 오르막을 "
        "살피므로 더 큰 배치에서도 좁은 우물을 떠나기 쉽습니다.",
    },
    # concept
    "batch.c_shift": {"en": "Shift of the test curve", "ko": "테스트 곡선의 이동"},
    "batch.c_shift_help": {
        "en": "The test loss is the training loss moved sideways: the data sets differ a little.",
        "ko": "테스트 손실은 학습 손실을 옆으로 옮긴 것입니다. 두 데이터셋이 조금 다르기 때문입니다.",
    },
    "batch.c_sharp": {"en": "Width of the sharp well", "ko": "날카로운 우물의 폭"},
    "batch.concept_title": {
        "en": "Flat and sharp minimum: the same shift, different gaps",
        "ko": "평평한 최솟값과 날카로운 최솟값: 같은 이동, 다른 격차",
    },
    "batch.train_loss": {"en": "training loss", "ko": "학습 손실"},
    "batch.test_loss": {"en": "test loss", "ko": "테스트 손실"},
    "batch.flat_min": {"en": "flat minimum", "ko": "평평한 최솟값"},
    "batch.sharp_min": {"en": "sharp minimum", "ko": "날카로운 최솟값"},
    "batch.gap_word": {"en": "gap", "ko": "격차"},
    "batch.concept_explain": {
        "en": "On the training curve both minima are about equally good (the sharp one is even a little lower). Moving the curve sideways costs little where it "
        "is flat (gap {g_flat}) and a lot where it is sharp (gap {g_sharp}). This is Keskar et al.'s picture; "
        "whether real networks behave like it is what the Network study measures.",
        "ko": "학습 곡선에서는 두 최솟값이 거의 똑같이 좋습니다 (날카로운 쪽이 오히려 조금 더 낮습니다). 곡선을 옆으로 옮기면 평평한 곳에서는 손해가 작고(격차 "
        "{g_flat}) 날카로운 곳에서는 큽니다(격차 {g_sharp}). Keskar 외의 그림이며, 실제 신경망이 정말 이렇게 "
        "행동하는지는 ‘신경망 실험’에서 측정합니다.",
    },
}
