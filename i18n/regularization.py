"""Strings of the Regularization lab page (Korean terms follow the lecture notes, section 2-3)."""
# ruff: noqa: E501  (string tables: ruff counts each Korean character as two columns)

STRINGS = {
    "reg.title": {"en": "Regularization and generalization", "ko": "정규화(Regularization)와 일반화"},
    "reg.desc": {
        "en": "Under- and over-fitting against model capacity, early stopping on a validation set (and why the test "
        "set must not choose), weight decay on a surface, and every regularizer of the lecture side by side: "
        "L2 vs AdamW, L1, dropout, noise, label smoothing, mixup, batch norm. Each one is an experiment with numbers.",
        "ko": "모델 용량에 따른 과소적합과 오버피팅, 검증 세트로 하는 조기 종료(Early Stopping)와 테스트 세트로 고르면 안 되는 "
        "이유, 곡면 위의 가중치 감쇠, 그리고 강의의 정규화 방법들을 나란히: L2 대 AdamW, L1, 드롭아웃, 노이즈, 레이블 "
        "스무딩, 믹스업, 배치 정규화. 모두 숫자가 나오는 실험입니다.",
    },
    "reg.intro": {
        "en": "Regularization makes training harder on purpose, so that the network works on data it has not seen. "
        "Here every claim is measured: train and test error, the gap, the weights' norm and the sharpness.",
        "ko": "정규화는 학습을 일부러 방해해서 학습 데이터뿐 아니라 처음 보는 데이터에서도 잘 동작하게 만듭니다. 여기서는 "
        "모든 주장을 잽니다: 학습/테스트 오차, 격차, 가중치 노름, 날카로움.",
    },
    "reg.view": {"en": "Experiment", "ko": "실험"},
    "reg.view_capacity": {"en": "📈 Under- and over-fitting", "ko": "📈 과소적합과 오버피팅"},
    "reg.view_early": {"en": "⏱️ Early stopping", "ko": "⏱️ 조기 종료"},
    "reg.view_surface": {"en": "🥣 Weight decay on a surface", "ko": "🥣 곡면 위의 가중치 감쇠"},
    "reg.view_compare": {"en": "🧪 Regularizers side by side", "ko": "🧪 정규화 방법 비교"},
    "reg.view_sweep": {"en": "🎚️ Sweep one strength", "ko": "🎚️ 강도 하나 훑기"},
    "reg.run": {"en": "Run", "ko": "실행"},
    "reg.bad_config": {
        "en": "These settings cannot be run: {msg}",
        "ko": "이 설정으로는 실행할 수 없습니다: {msg}",
    },
    "reg.progress_train": {
        "en": "Training every configuration and seed in one compiled call…",
        "ko": "모든 설정과 시드를 컴파일된 호출 하나로 학습하는 중…",
    },
    "reg.progress_pairs": {
        "en": "L2 against decoupled weight decay, under two optimizers…",
        "ko": "두 옵티마이저에서 L2와 분리된 가중치 감쇠를 비교하는 중…",
    },
    "reg.progress_measure": {
        "en": "Measuring sharpness and decision boundaries…",
        "ko": "날카로움과 결정 경계를 재는 중…",
    },
    "reg.progress_width": {
        "en": "Width {w} trained ({done} of {total})",
        "ko": "너비 {w} 학습 완료 ({total}개 중 {done}개)",
    },
    # sets and metrics
    "reg.set_train": {"en": "train", "ko": "학습"},
    "reg.set_val": {"en": "validation", "ko": "검증"},
    "reg.set_test": {"en": "test", "ko": "테스트"},
    "reg.set_fresh": {"en": "fresh data", "ko": "새 데이터"},
    "reg.loss": {"en": "loss", "ko": "손실"},
    "reg.error": {"en": "error (1 − accuracy)", "ko": "오차 (1 − 정확도)"},
    "reg.test_error": {"en": "test error", "ko": "테스트 오차"},
    "reg.mse": {"en": "mean squared error", "ko": "평균 제곱 오차"},
    "reg.metric_loss": {"en": "loss", "ko": "손실"},
    "reg.metric_error": {"en": "error", "ko": "오차"},
    "reg.step": {"en": "step", "ko": "스텝"},
    "reg.best": {"en": "best", "ko": "최적"},
    "reg.best_val": {"en": "least validation error", "ko": "검증 오차 최소"},
    "reg.seeds": {"en": "Seeds", "ko": "시드 수"},
    "reg.steps": {"en": "Steps", "ko": "스텝 수"},
    "reg.none": {"en": "none", "ko": "없음"},
    # capacity
    "reg.cap_model": {"en": "Model", "ko": "모델"},
    "reg.cap_poly": {"en": "Polynomial on the 1-D curve", "ko": "1차원 곡선의 다항식"},
    "reg.cap_mlp_reg": {"en": "MLP width on the 1-D curve", "ko": "1차원 곡선의 MLP 너비"},
    "reg.cap_mlp_cls": {"en": "MLP width on two moons", "ko": "두 반달의 MLP 너비"},
    "reg.cap_n": {"en": "Training points (1-D curve)", "ko": "학습 점 개수 (1차원 곡선)"},
    "reg.cap_noise": {"en": "Target noise (1-D curve)", "ko": "목표값 노이즈 (1차원 곡선)"},
    "reg.cap_depth": {"en": "Hidden layers", "ko": "은닉층 수"},
    "reg.cap_mlp_only": {"en": "Used by the MLP models only.", "ko": "MLP 모델에서만 씁니다."},
    "reg.cap_cls_only": {"en": "Used on two moons only.", "ko": "두 반달에서만 씁니다."},
    "reg.cap_show": {"en": "Fits drawn beside the plot", "ko": "그래프 옆에 그릴 모델"},
    "reg.cap_show_help": {
        "en": "Up to 3. Empty: the lowest, the best (least test error) and the highest capacity. Choosing needs no "
        "new training.",
        "ko": "최대 3개. 비워 두면 가장 작은 용량, 최적(테스트 오차 최소), 가장 큰 용량을 그립니다. 고를 때 다시 학습하지 "
        "않습니다.",
    },
    "reg.cap_intro": {
        "en": "The lecture's picture of fitting: too simple a model misses the pattern (under-fitting), too flexible "
        "a model follows the noise (over-fitting); in between lies the sweet spot. Several independent training "
        "draws (polynomial) or initialisations (MLP) give mean ± std.",
        "ko": "강의의 적합(Fitting) 그림: 너무 단순한 모델은 패턴을 놓치고(과소적합), 너무 유연한 모델은 노이즈를 "
        "따라갑니다(오버피팅). 그 사이에 알맞은 지점이 있습니다. 학습 데이터를 여러 번 새로 뽑거나(다항식) "
        "초기화를 여러 번 바꿔(MLP) 평균 ± 표준편차를 봅니다.",
    },
    "reg.poly_verdict": {
        "en": "Degree {best} has the least test error (geometric mean over {seeds} draws of {n} points: {mid}); "
        "degree 1 under-fits ({lo}) and degree {top} over-fits ({hi}), while its training error is the lowest.",
        "ko": "차수 {best}의 테스트 오차가 가장 작습니다 ({n}개 점을 {seeds}번 뽑은 기하 평균: {mid}). 차수 1은 과소적합({lo}), "
        "차수 {top}은 오버피팅({hi})이며 그 학습 오차는 가장 작습니다.",
    },
    "reg.poly_title": {
        "en": "Least-squares polynomials: error against degree",
        "ko": "최소제곱 다항식: 차수에 따른 오차",
    },
    "reg.degree": {"en": "polynomial degree", "ko": "다항식 차수"},
    "reg.degree_n": {"en": "degree {d}", "ko": "차수 {d}"},
    "reg.fits_title": {"en": "The fits (first draw)", "ko": "맞춘 곡선 (첫 번째 샘플)"},
    "reg.truth": {"en": "true curve sin 3x + 0.3x", "ko": "참 곡선 sin 3x + 0.3x"},
    "reg.train_points": {"en": "training points", "ko": "학습 점"},
    "reg.poly_explain": {
        "en": "Test error is measured against the noiseless curve on 1,000 points over [−2, 2]. A polynomial with as many "
        "coefficients as points passes through every training point and swings between them.",
        "ko": "테스트 오차는 [−2, 2]의 점 1,000개에서 노이즈 없는 곡선과 비교합니다. 계수가 점의 개수만큼 많은 다항식은 모든 "
        "학습 점을 지나며 그 사이에서 크게 출렁입니다.",
    },
    "reg.mlp_verdict": {
        "en": "Width {best} (depth {depth}) has the least mean test value {test_best}; width {lo}: {test_lo}, width "
        "{hi}: {test_hi} (its training value {train_hi}).",
        "ko": "너비 {best}(깊이 {depth})의 평균 테스트 값이 {test_best}로 가장 작습니다. 너비 {lo}: {test_lo}, 너비 {hi}: "
        "{test_hi} (학습 값 {train_hi}).",
    },
    "reg.mlp_title": {"en": "MLP: final error against width", "ko": "MLP: 너비에 따른 최종 오차"},
    "reg.width": {"en": "Width (units per hidden layer)", "ko": "너비 (은닉층의 유닛 수)"},
    "reg.width_n": {"en": "width {w}", "ko": "너비 {w}"},
    "reg.mlp_explain": {
        "en": "Every width trains full batch with Adam for the same number of steps, from the same seeds. Large "
        "networks trained by gradient descent do not always over-fit as much as their parameter count suggests: "
        "the curve shows what happened here.",
        "ko": "모든 너비를 같은 시드에서 Adam으로 같은 스텝 수만큼 전체 배치로 학습합니다. 경사하강법으로 학습한 큰 신경망은 "
        "파라미터 개수만큼 오버피팅하지 않을 때도 있습니다: 곡선이 여기서 일어난 일을 보여 줍니다.",
    },
    "reg.bounds_title": {"en": "Decision boundaries (seed 0)", "ko": "결정 경계 (시드 0)"},
    # early stopping
    "reg.label_noise": {"en": "Flipped training labels (fraction)", "ko": "뒤바꾼 학습 레이블 비율"},
    "reg.label_noise_help": {
        "en": "This fraction of TRAINING labels is wrong; validation, test and fresh sets are clean. A network that "
        "memorises the wrong labels loses test accuracy.",
        "ko": "학습 레이블 중 이 비율만큼이 틀렸습니다. 검증, 테스트, 새 데이터 세트는 깨끗합니다. 틀린 레이블에 오버피팅한 신경망은 "
        "테스트 정확도를 잃습니다.",
    },
    "reg.lr": {"en": "Learning rate η", "ko": "학습률 η"},
    "reg.e_seeds": {"en": "Runs (seeds)", "ko": "실행 수 (시드)"},
    "reg.patience": {"en": "Patience (evaluations)", "ko": "인내 (평가 횟수)"},
    "reg.patience_help": {
        "en": "Stop after this many evaluations in a row without a new validation minimum, and keep the weights of "
        "the minimum. Moving it re-reads the recorded curves: nothing is trained again.",
        "ko": "검증 최솟값이 이만큼 연속으로 업데이트되지 않으면 멈추고, 최솟값일 때의 가중치를 남깁니다. 값을 바꾸면 기록된 "
        "곡선만 다시 읽고 다시 학습하지 않습니다.",
    },
    "reg.e_metric": {"en": "Watch on validation", "ko": "검증에서 볼 값"},
    "reg.early_intro": {
        "en": "An over-parameterised network on noisy labels: the training error keeps falling, the validation error "
        "turns up once the network starts to memorise the wrong labels. Early stopping watches the validation set, "
        "never the test set.",
        "ko": "레이블에 노이즈가 있는 데이터에 과하게 큰 신경망: 학습 오차는 계속 줄지만, 틀린 레이블에 오버피팅하기 시작하면 검증 "
        "오차는 다시 오릅니다. 조기 종료는 테스트 세트가 아니라 검증 세트(Validation)를 봅니다.",
    },
    "reg.early_verdict": {
        "en": "With patience {patience}, over {seeds} runs: test error {best} at the kept step (median step {step}) "
        "against {end} after all {steps} steps; the best any recorded step reached was {floor}.",
        "ko": "인내 {patience}, 실행 {seeds}번: 남긴 스텝(중앙값 {step}스텝)의 테스트 오차는 {best}, {steps}스텝을 모두 "
        "학습한 뒤에는 {end}입니다. 기록된 스텝 중 가장 좋았던 값은 {floor}입니다.",
    },
    "reg.early_title": {
        "en": "One run: where the validation minimum is and where training stopped",
        "ko": "실행 하나: 검증 최솟값의 위치와 학습을 멈춘 곳",
    },
    "reg.kept": {"en": "kept (validation minimum)", "ko": "남긴 가중치 (검증 최솟값)"},
    "reg.stopped": {"en": "stopped", "ko": "멈춤"},
    "reg.per_seed": {"en": "Every run", "ko": "모든 실행"},
    "reg.col_seed": {"en": "seed", "ko": "시드"},
    "reg.col_kept": {"en": "kept step", "ko": "남긴 스텝"},
    "reg.col_stopped": {"en": "stopped at", "ko": "멈춘 스텝"},
    "reg.col_test_kept": {"en": "test error, kept", "ko": "테스트 오차 (남긴 것)"},
    "reg.col_test_end": {"en": "test error, end", "ko": "테스트 오차 (끝)"},
    "reg.optimism_head": {
        "en": "Why validation and test must be different sets",
        "ko": "검증 세트와 테스트 세트가 달라야 하는 이유",
    },
    "reg.optimism_verdict": {
        "en": "Among {n} candidate networks (every recorded step of every run), the one of least validation error has "
        "test error {vt} and error {vf} on fresh data ({n_fresh} points that took part in no choice). The one of "
        "least TEST error reports {tt}, and on fresh data it makes {tf}.",
        "ko": "후보 신경망 {n}개(모든 실행의 기록된 모든 스텝) 중 검증 오차가 가장 작은 것은 테스트 오차 {vt}, 새 데이터 오차 "
        "{vf}입니다 (새 데이터: 어떤 선택에도 쓰이지 않은 점 {n_fresh}개). 테스트 오차가 가장 작은 것은 {tt}로 보고되고, "
        "새 데이터에서는 {tf}입니다.",
    },
    "reg.optimism_yes": {
        "en": "Choosing on the {n_test} test points made their error optimistic: it reads {gap} lower than the same "
        "network's error on fresh data.",
        "ko": "테스트 점 {n_test}개로 고르면 그 오차가 낙관적이 됩니다: 같은 신경망의 새 데이터 오차보다 {gap} 낮게 나옵니다.",
    },
    "reg.optimism_no": {
        "en": "Here the test-chosen network's test error is not below its fresh error: with these settings the "
        "selection happened not to flatter it. Try more runs or a smaller test set.",
        "ko": "여기서는 테스트로 고른 신경망의 테스트 오차가 새 데이터 오차보다 낮지 않습니다: 이 설정에서는 선택이 우연히 "
        "유리하게 작용하지 않았습니다. 실행을 늘리거나 테스트 세트를 줄여 보세요.",
    },
    "reg.optimism_title": {
        "en": "Choose on validation, report test — or choose on test?",
        "ko": "검증으로 고르고 테스트로 보고할까, 테스트로 고를까?",
    },
    "reg.chosen_val": {"en": "chosen on validation", "ko": "검증으로 고름"},
    "reg.chosen_test": {"en": "chosen on test", "ko": "테스트로 고름"},
    "reg.its_test": {"en": "its test error", "ko": "그 테스트 오차"},
    "reg.its_fresh": {"en": "its error on fresh data", "ko": "새 데이터에서의 오차"},
    "reg.optimism_explain": {
        "en": "The test set estimates the error on new data only if nothing was chosen with it (the notes: test data "
        "must not be used for training in any way). Once it picks the winner among many candidates, its error is a "
        "minimum of noisy numbers and too low.",
        "ko": "테스트 세트는 그것으로 아무것도 고르지 않았을 때만 새 데이터의 오차를 추정합니다 (강의: 테스트 데이터는 어떤 "
        "식으로든 학습에 사용되어서는 안 된다). 여러 후보 중 승자를 고르는 데 쓰면 그 오차는 노이즈 섞인 값들의 최솟값이 "
        "되어 너무 낮게 나옵니다.",
    },
    # surface
    "reg.surf": {"en": "Surface", "ko": "곡면"},
    "reg.lam": {"en": "Weight decay λ", "ko": "가중치 감쇠 λ"},
    "reg.lam_help": {
        "en": "The penalty λ/2 ‖w‖² added to the surface.",
        "ko": "곡면에 더하는 벌점 λ/2 ‖w‖²입니다.",
    },
    "reg.surface_intro": {
        "en": "Parameter norm penalty (weight decay): adding λ/2 ‖w‖² to the loss pulls the minimum towards the origin "
        "and adds λ to every curvature (its Hessian is λ I). The notes: keep the parameters from growing too large.",
        "ko": "파라미터 노름 페널티(가중치 감쇠): 손실에 λ/2 ‖w‖²를 더하면 최솟값이 원점 쪽으로 당겨지고 모든 "
        "곡률에 λ가 더해집니다 (헤시안 행렬이 λ I). 강의: 파라미터가 너무 커지지 않게 한다.",
    },
    "reg.surface_verdict": {
        "en": "With λ = {lam} the minimum moves from ({x0}, {y0}) to ({x1}, {y1}); its distance from the origin goes "
        "from {r0} to {r1}.",
        "ko": "λ = {lam}이면 최솟값이 ({x0}, {y0})에서 ({x1}, {y1})로 옮겨 가고, 원점까지의 거리는 {r0}에서 {r1}이 됩니다.",
    },
    "reg.surf_base": {"en": "f(w)", "ko": "f(w)"},
    "reg.surf_pen": {"en": "f(w) + λ/2‖w‖², λ = {lam}", "ko": "f(w) + λ/2‖w‖², λ = {lam}"},
    "reg.min_base": {"en": "minimum of f", "ko": "f의 최솟값"},
    "reg.min_pen": {"en": "minimum with the penalty", "ko": "벌점을 더한 최솟값"},
    "reg.min_path": {"en": "the minimum as λ grows", "ko": "λ가 커질 때 최솟값의 경로"},
    "reg.origin": {"en": "origin", "ko": "원점"},
    "reg.col_where": {"en": "point", "ko": "점"},
    "reg.col_eigs": {"en": "Hessian eigenvalues", "ko": "헤시안 행렬 고윳값"},
    "reg.surface_explain": {
        "en": "Both minima are found by Newton's method on the gradient (critical points, float64). On a quadratic bowl "
        "(Booth) the eigenvalues at the new minimum are the old ones plus λ, and each coordinate of the minimum in "
        "the Hessian's eigenbasis shrinks by h/(h + λ): the flat directions shrink most.",
        "ko": "두 최솟값 모두 기울기에 뉴턴 방법을 써서 찾았습니다 (임계점, float64). 이차 그릇(Booth)에서는 새 최솟값의 "
        "고윳값이 원래 값에 λ를 더한 것이고, 헤시안 고유 기저에서 최솟값의 각 좌표는 h/(h + λ)배로 줄어듭니다: 평평한 "
        "방향이 가장 많이 줄어듭니다.",
    },
    # network task controls
    "reg.data_section": {"en": "Data", "ko": "데이터"},
    "reg.data": {"en": "Data set", "ko": "데이터셋"},
    "reg.data_moons": {"en": "Two moons", "ko": "두 개의 반달"},
    "reg.data_circles": {"en": "Circles", "ko": "동심원"},
    "reg.data_xor": {"en": "XOR", "ko": "XOR"},
    "reg.data_spirals": {"en": "Spirals", "ko": "나선"},
    "reg.n_train": {"en": "Training points", "ko": "학습 점 개수"},
    "reg.noise": {"en": "Input noise of the data", "ko": "데이터의 입력 노이즈"},
    "reg.net_section": {"en": "Network and training", "ko": "신경망과 학습"},
    "reg.depth": {"en": "Hidden layers", "ko": "은닉층 수"},
    "reg.act": {"en": "Activation", "ko": "활성화 함수"},
    "reg.opt": {"en": "Optimizer", "ko": "옵티마이저"},
    "reg.opt_adam": {"en": "Adam", "ko": "Adam"},
    "reg.opt_sgd": {"en": "SGD", "ko": "SGD"},
    "reg.opt_momentum": {"en": "Momentum", "ko": "모멘텀"},
    "reg.batch": {"en": "Batch size", "ko": "배치 크기"},
    "reg.regs_section": {
        "en": "Regularizers (each trained on its own)",
        "ko": "정규화 방법 (각각 따로 학습)",
    },
    "reg.strength": {"en": "{name}: strength", "ko": "{name}: 강도"},
    "reg.r_l2": {"en": "L2 in the loss", "ko": "손실에 더한 L2"},
    "reg.r_weight_decay": {"en": "Decoupled weight decay (AdamW)", "ko": "분리된 가중치 감쇠 (AdamW)"},
    "reg.r_l1": {"en": "L1", "ko": "L1"},
    "reg.r_dropout": {"en": "Dropout", "ko": "드롭아웃"},
    "reg.r_input_noise": {"en": "Gaussian input noise", "ko": "입력 가우스 노이즈"},
    "reg.r_weight_noise": {"en": "Weight noise", "ko": "가중치 노이즈"},
    "reg.r_label_smoothing": {"en": "Label smoothing", "ko": "레이블 스무딩"},
    "reg.r_mixup": {"en": "Mixup", "ko": "믹스업"},
    "reg.r_batch_norm": {"en": "Batch norm", "ko": "배치 정규화"},
    "reg.h_l2": {
        "en": "Adds λ/2‖w‖² to the loss; its gradient λw goes through the optimizer (with Adam it is divided by √v).",
        "ko": "손실에 λ/2‖w‖²를 더합니다. 그 기울기 λw가 옵티마이저를 거칩니다 (Adam에서는 √v로 나뉩니다).",
    },
    "reg.h_weight_decay": {
        "en": "After each step w ← w − η·λ·w, outside the optimizer (Loshchilov & Hutter). With Adam this is AdamW; with SGD it equals L2.",
        "ko": "매 스텝 뒤 옵티마이저 밖에서 w ← w − η·λ·w (Loshchilov & Hutter). Adam에서는 AdamW이고, SGD에서는 L2와 같습니다.",
    },
    "reg.h_l1": {
        "en": "Adds λ‖w‖₁ to the loss: pushes weights to exactly zero.",
        "ko": "손실에 λ‖w‖₁을 더합니다: 가중치를 정확히 0으로 밉니다.",
    },
    "reg.h_dropout": {
        "en": "Each hidden unit is dropped with probability p during training, the rest scaled by 1/(1 − p); off at evaluation.",
        "ko": "학습 중 각 은닉 유닛을 확률 p로 끄고 나머지는 1/(1 − p)배 합니다. 평가할 때는 쓰지 않습니다.",
    },
    "reg.h_input_noise": {
        "en": "Gaussian noise of this σ added to the inputs of every mini-batch (noise robustness, a simple data augmentation).",
        "ko": "매 미니배치의 입력에 표준편차 σ의 가우스 노이즈를 더합니다 (노이즈 강건성, 간단한 데이터 증강).",
    },
    "reg.h_weight_noise": {
        "en": "The gradient is taken at w + σ·N(0, 1) and applied to w (the notes: noise on the weights too).",
        "ko": "기울기를 w + σ·N(0, 1)에서 구해 w에 적용합니다 (강의: 노이즈를 가중치에도 섞어 준다).",
    },
    "reg.h_label_smoothing": {
        "en": "Targets (1 − ε)·one-hot + ε/K: the network is not pushed to infinite confidence.",
        "ko": "목표를 (1 − ε)·원-핫 + ε/K로 둡니다: 신경망이 끝없이 확신하도록 밀리지 않습니다.",
    },
    "reg.h_mixup": {
        "en": "Each example is mixed with a random partner, λ ~ `Beta(α, α)`: inputs and targets alike.",
        "ko": "각 예제를 임의의 짝과 섞습니다, λ ~ `Beta(α, α)`: 입력과 목표를 똑같이.",
    },
    "reg.h_batch_norm": {
        "en": "Each hidden layer is normalised with the mini-batch's mean and variance in training, with running averages at evaluation.",
        "ko": "학습 때는 미니배치의 평균과 분산으로, 평가 때는 지수평균으로 각 은닉층을 정규화합니다.",
    },
    "reg.pairs": {
        "en": "Also: L2 vs decoupled decay under Adam and SGD",
        "ko": "추가: Adam과 SGD에서 L2 대 분리된 감쇠",
    },
    "reg.pairs_help": {
        "en": "Trains L2 = λ and decoupled decay λ (λ of the L2 control) under the chosen optimizer and under SGD.",
        "ko": "선택한 옵티마이저와 SGD에서 L2 = λ와 분리된 감쇠 λ(L2 조절의 λ)를 학습합니다.",
    },
    "reg.compare_intro": {
        "en": "The same network, data, seeds and mini-batches; each regularizer on its own at its strength, against "
        "none. Everything trains in one compiled call (vmap over configurations and seeds).",
        "ko": "같은 신경망, 데이터, 시드, 미니배치에서 각 정규화 방법을 하나씩 그 강도로 켜고, 아무것도 없는 경우와 비교합니다. "
        "모두 컴파일된 호출 하나로 학습합니다 (설정과 시드에 대한 `vmap`).",
    },
    "reg.compare_verdict": {
        "en": "Without regularization the test error is {none}; the lowest here is {best} with {best_err} (mean of "
        "{seeds} seeds).",
        "ko": "정규화가 없으면 테스트 오차는 {none}이고, 여기서 가장 낮은 것은 {best}의 {best_err}입니다 (시드 {seeds}개 평균).",
    },
    "reg.col_reg": {"en": "regularizer", "ko": "정규화 방법"},
    "reg.col_train_err": {"en": "train error", "ko": "학습 오차"},
    "reg.col_test_err": {"en": "test error", "ko": "테스트 오차"},
    "reg.col_gap": {"en": "gap (test − train)", "ko": "격차 (테스트 − 학습)"},
    "reg.col_test_loss": {"en": "test loss", "ko": "테스트 손실"},
    "reg.col_norm": {"en": "‖w‖", "ko": "‖w‖"},
    "reg.col_eig": {"en": "top Hessian eigenvalue", "ko": "헤시안 최대 고윳값"},
    "reg.tab_bars": {"en": "Errors, norm, sharpness", "ko": "오차, 노름, 날카로움"},
    "reg.tab_curves": {"en": "Test error during training", "ko": "학습 중 테스트 오차"},
    "reg.tab_bounds": {"en": "Decision boundaries", "ko": "결정 경계"},
    "reg.bars_title": {
        "en": "Final values per regularizer (mean ± std, dots: seeds)",
        "ko": "정규화 방법별 최종 값 (평균 ± 표준편차, 점: 시드)",
    },
    "reg.bars_explain": {
        "en": "Train error is on the noisy training labels (a network that fits them has low train error and high "
        "test error). The top Hessian eigenvalue is of the clean training loss at the final weights (Lanczos on "
        "Hessian-vector products); batch norm uses its running averages there.",
        "ko": "학습 오차는 노이즈 섞인 학습 레이블에서 잽니다 (그것을 맞춘 신경망은 학습 오차가 낮고 테스트 오차가 높습니다). "
        "헤시안 최대 고윳값은 최종 가중치에서 깨끗한 학습 손실의 값입니다 (헤시안-벡터 곱에 란초시 방법). 배치 정규화는 "
        "지수평균을 씁니다.",
    },
    "reg.curves_title": {
        "en": "Test error during training (mean over seeds)",
        "ko": "학습 중 테스트 오차 (시드 평균)",
    },
    "reg.pairs_head": {
        "en": "L2 in the loss vs decoupled weight decay, λ = {lam}",
        "ko": "손실에 더한 L2 대 분리된 가중치 감쇠, λ = {lam}",
    },
    "reg.col_diff": {"en": "max |w_L2 − w_decay|", "ko": "max |w_L2 − w_감쇠|"},
    "reg.col_norm_l2": {"en": "‖w‖ with L2", "ko": "L2의 ‖w‖"},
    "reg.col_norm_wd": {"en": "‖w‖ with decay", "ko": "감쇠의 ‖w‖"},
    "reg.col_test_l2": {"en": "test error, L2", "ko": "테스트 오차, L2"},
    "reg.col_test_wd": {"en": "test error, decay", "ko": "테스트 오차, 감쇠"},
    "reg.pairs_explain": {
        "en": "Under SGD the two are one update, w ← w − η(g + λw): they differ only by round-off grown over the "
        "steps. Under Adam the L2 gradient λw is divided by √v together with the data gradient, the decoupled decay "
        "is not (Loshchilov & Hutter 2019): the same λ gives another solution.",
        "ko": "SGD에서는 둘이 같은 업데이트 w ← w − η(g + λw)이므로 스텝마다 쌓인 반올림 오차만큼만 다릅니다. Adam에서는 L2의 "
        "기울기 λw가 데이터 기울기와 함께 √v로 나뉘지만 분리된 감쇠는 그렇지 않습니다 (Loshchilov & Hutter 2019): 같은 "
        "λ가 다른 해를 줍니다.",
    },
    # sweep
    "reg.sw_name": {"en": "Regularizer to sweep", "ko": "훑을 정규화 방법"},
    "reg.sw_n": {"en": "Strengths", "ko": "강도 개수"},
    "reg.sweep_intro": {
        "en": "One regularizer at many strengths, the others off: too little does not stop over-fitting, too much "
        "under-fits. The strength of least VALIDATION error is marked; the test error is reported at it.",
        "ko": "정규화 방법 하나를 여러 강도로, 나머지는 끈 채로: 너무 약하면 오버피팅을 막지 못하고 너무 강하면 과소적합합니다. "
        "검증 오차가 가장 작은 강도를 표시하고 그 점의 테스트 오차를 보고합니다.",
    },
    "reg.sweep_verdict": {
        "en": "{name}: least validation error at {best}, where the test error is {test_best}; at {lo} it is "
        "{test_lo} and at {hi} {test_hi}.",
        "ko": "{name}: 검증 오차가 가장 작은 강도는 {best}이고 그때 테스트 오차는 {test_best}입니다. {lo}에서는 {test_lo}, "
        "{hi}에서는 {test_hi}입니다.",
    },
    "reg.sweep_title": {"en": "{name}: final error against strength", "ko": "{name}: 강도에 따른 최종 오차"},
    "reg.sweep_explain": {
        "en": "Mean ± std over seeds; every strength trains from the same initial weights and mini-batches.",
        "ko": "시드에 대한 평균 ± 표준편차입니다. 모든 강도가 같은 초기 가중치와 미니배치로 학습합니다.",
    },
}
