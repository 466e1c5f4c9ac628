# ruff: noqa: E501 - translated prose: lines are broken for reading, not at 110 columns
"""Strings of the Learning-rate lab (pages/lr_lab.py and the figures it draws)."""

STRINGS = {
    "lr.title": {"en": "Learning-rate lab", "ko": "학습률 실험실"},
    "lr.desc": {
        "en": "Too small, about right, too large: the stability limit from the local curvature, rate sweeps "
        "over thousands of values, (learning rate, momentum) phase maps with the theory, schedules, and "
        "grid vs random search.",
        "ko": "너무 작은, 적당한, 너무 큰 학습률: 국소 곡률에서 나온 안정성 한계, 수천 개 학습률 스윕, "
        "이론과 겹쳐 본 (학습률, 모멘텀) 위상도, 학습률 스케줄, 그리드 탐색과 랜덤 탐색.",
    },
    "lr.intro": {
        "en": "Too small is slow, too large overshoots, oscillates or diverges. Where the line lies is set by "
        "the curvature: gradient descent is stable while lr × λ_max < 2.",
        "ko": "학습률이 너무 작으면 느리고, 너무 크면 지나치거나 진동하거나 발산합니다. 그 경계는 곡률이 "
        "정합니다: 경사 하강법은 lr × λ_max < 2일 때 안정적입니다.",
    },
    "lr.view": {"en": "Experiment", "ko": "실험"},
    "lr.view.panels": {"en": "Too small / right / too large", "ko": "작다 / 적당 / 크다"},
    "lr.view.sweep": {"en": "Learning-rate sweep", "ko": "학습률 스윕"},
    "lr.view.phase": {"en": "Phase map", "ko": "위상도"},
    "lr.view.schedules": {"en": "Schedules", "ko": "스케줄"},
    "lr.view.search": {"en": "Grid vs random search", "ko": "그리드 대 랜덤 탐색"},
    "lr.surface_section": {"en": "Surface and start", "ko": "곡면과 시작점"},
    "lr.surface": {"en": "Surface", "ko": "곡면"},
    "lr.param": {"en": "Surface parameter {name}", "ko": "곡면 매개변수 {name}"},
    "lr.param.condition": {"en": "Condition number κ", "ko": "조건수 κ"},
    "lr.param.rotation": {"en": "Rotation θ", "ko": "회전 θ"},
    "lr.x0": {"en": "Start x", "ko": "시작 x"},
    "lr.y0": {"en": "Start y", "ko": "시작 y"},
    "lr.steps": {"en": "Steps", "ko": "걸음 수"},
    "lr.settings": {"en": "Settings", "ko": "설정"},
    "lr.opt": {"en": "Optimizer", "ko": "옵티마이저"},
    "lr.mu": {"en": "Momentum μ — {rules}", "ko": "모멘텀 μ — {rules}"},
    "lr.sw_opts": {"en": "Optimizers (1-4)", "ko": "옵티마이저 (1-4개)"},
    "lr.sw_lo": {"en": "Smallest rate", "ko": "가장 작은 학습률"},
    "lr.sw_hi": {"en": "Largest rate", "ko": "가장 큰 학습률"},
    "lr.sw_n": {"en": "Rates (log-spaced)", "ko": "학습률 개수 (로그 간격)"},
    "lr.tol": {"en": "Tolerance above the minimum", "ko": "최솟값 위 허용 오차"},
    "lr.ph_opt": {"en": "Optimizer of the map", "ko": "위상도의 옵티마이저"},
    "lr.ph_n": {"en": "Cells per axis", "ko": "축당 칸 수"},
    "lr.ph_lo": {"en": "Smallest rate", "ko": "가장 작은 학습률"},
    "lr.ph_hi": {"en": "Largest rate", "ko": "가장 큰 학습률"},
    "lr.ph_metric": {"en": "Colour by", "ko": "색으로 나타낼 값"},
    "lr.ph_metric.rate": {"en": "measured convergence rate", "ko": "측정한 수렴 속도"},
    "lr.ph_metric.loss": {"en": "final loss", "ko": "최종 손실"},
    "lr.sc_lr": {"en": "Base learning rate", "ko": "기본 학습률"},
    "lr.sc_kinds": {"en": "Schedules", "ko": "스케줄"},
    "lr.se_pair": {"en": "Hyperparameters searched", "ko": "탐색할 하이퍼파라미터"},
    "lr.se_pair.momentum_lr_mu": {"en": "Momentum: lr × μ", "ko": "모멘텀: lr × μ"},
    "lr.se_pair.adam_lr_eps": {"en": "Adam: lr × ε", "ko": "Adam: lr × ε"},
    "lr.se_pair.adam_lr_b1": {"en": "Adam: lr × β1", "ko": "Adam: lr × β1"},
    "lr.se_pair.rmsprop_lr_alpha": {"en": "RMSprop: lr × α", "ko": "RMSprop: lr × α"},
    "lr.se_budget": {"en": "Budget (runs per method)", "ko": "예산 (방법별 실행 횟수)"},
    "lr.se_seed": {"en": "Random seed", "ko": "난수 시드"},
    "lr.sched.constant": {"en": "constant", "ko": "고정"},
    "lr.sched.step": {"en": "step decay", "ko": "계단식 감소"},
    "lr.sched.exponential": {"en": "exponential", "ko": "지수 감소"},
    "lr.sched.inverse_time": {"en": "inverse time", "ko": "역시간 감소"},
    "lr.sched.cosine": {"en": "cosine", "ko": "코사인"},
    "lr.sched.warmup_cosine": {"en": "warm-up + cosine", "ko": "워밍업 + 코사인"},
    "lr.computing": {
        "en": "Running {what} in one compiled call…",
        "ko": "{what}을(를) 한 번의 컴파일된 호출로 실행하는 중…",
    },
    "lr.done": {"en": "{what}: done in {sec:.2f} s", "ko": "{what}: {sec:.2f}초 만에 완료"},
    "lr.error": {"en": "Cannot run this: {msg}", "ko": "실행할 수 없습니다: {msg}"},
    # three panels
    "lr.fig.small": {"en": "too small", "ko": "너무 작음"},
    "lr.fig.right": {"en": "about right", "ko": "적당함"},
    "lr.fig.large": {"en": "too large", "ko": "너무 큼"},
    "lr.fig.step": {"en": "step", "ko": "걸음"},
    "lr.fig.loss": {"en": "loss", "ko": "손실"},
    "lr.fig.lr": {"en": "learning rate", "ko": "학습률"},
    "lr.fig.rise": {"en": "loss rises", "ko": "손실 증가"},
    "lr.fig.start": {"en": "start", "ko": "시작점"},
    "lr.fig.diverged": {"en": "diverged", "ko": "발산"},
    "lr.fig.lambda": {"en": "top Hessian eigenvalue λ_max", "ko": "헤시안 최대 고윳값 λ_max"},
    "lr.fig.limit": {"en": "stability limit c / lr", "ko": "안정성 한계 c / lr"},
    "lr.fig.unstable": {"en": "unstable (λ_max > c / lr)", "ko": "불안정 (λ_max > c / lr)"},
    "lr.fig.final_loss": {"en": "final loss", "ko": "최종 손실"},
    "lr.fig.steps_to_tol": {"en": "steps to tolerance", "ko": "허용 오차까지 걸음 수"},
    "lr.fig.edge": {"en": "divergence edge", "ko": "발산 경계"},
    "lr.fig.best": {"en": "best rate", "ko": "최적 학습률"},
    "lr.fig.rate": {"en": "per-step contraction", "ko": "걸음당 수축률"},
    "lr.fig.not_converging": {"en": "not contracting (ρ ≥ 1)", "ko": "수축하지 않음 (ρ ≥ 1)"},
    "lr.fig.theory_edge": {"en": "theory: lr·λ_max = c(μ)", "ko": "이론: lr·λ_max = c(μ)"},
    "lr.fig.optimum": {"en": "theory: optimal (lr, μ)", "ko": "이론: 최적 (lr, μ)"},
    "lr.fig.gd_edge": {"en": "theory: GD edge 2/λ_max", "ko": "이론: 경사 하강법 경계 2/λ_max"},
    "lr.fig.grid": {"en": "grid search", "ko": "그리드 탐색"},
    "lr.fig.random": {"en": "random search", "ko": "랜덤 탐색"},
    "lr.fig.best_found": {"en": "best found", "ko": "찾은 최적값"},
    "lr.fig.log10_loss": {"en": "log10 final loss", "ko": "log10 최종 손실"},
    "lr.reason.uphill": {
        "en": "carried uphill: the step points against the gradient (velocity / moments)",
        "ko": "오르막으로 밀려 감: 걸음이 기울기 반대쪽을 향함 (속도 / 모멘트 때문)",
    },
    "lr.reason.unstable": {
        "en": "lr·λ_max = {x:.2f} > {c:.2f}: jumps across the valley and lands higher",
        "ko": "lr·λ_max = {x:.2f} > {c:.2f}: 골짜기를 건너뛰어 더 높은 곳에 떨어짐",
    },
    "lr.reason.overshoot": {
        "en": "crosses the valley floor (lr·λ_max = {x:.2f} within the limit): built-up velocity, an adaptive "
        "step, or curvature growing along the step",
        "ko": "골짜기 바닥을 지나침 (lr·λ_max = {x:.2f}는 한계 안): 쌓인 속도, 적응형 걸음, 또는 걸음 방향으로 "
        "커지는 곡률 때문",
    },
    "lr.panels.curv": {
        "en": "Curvature at the start λ_max = {l0}; the largest along a short reference run λ_ref = {lref}. "
        "This optimizer is stable while lr × λ_max < c = {c}, so the limit is lr = c / λ_ref = {lim}. "
        "About right = half the limit ({right}), too small = 1/20 of that ({small}), too large = 1.25 × the "
        "limit ({large}).",
        "ko": "시작점의 곡률 λ_max = {l0}, 짧은 기준 실행을 따라 가장 큰 값 λ_ref = {lref}. 이 옵티마이저는 "
        "lr × λ_max < c = {c}일 때 안정적이므로 한계는 lr = c / λ_ref = {lim}입니다. 적당한 값은 한계의 "
        "절반({right}), 너무 작은 값은 그 1/20({small}), 너무 큰 값은 한계의 1.25배({large})입니다.",
    },
    "lr.panels.sweep": {
        "en": "{opt} rescales its step per coordinate, so no single lr × λ limit exists. The three rates come "
        "from a 64-rate sweep of the same runs: about right = its best rate ({right}), too large = {large}, "
        "too small = {small}.",
        "ko": "{opt}은(는) 좌표마다 걸음 크기를 다시 조정하므로 lr × λ 한계가 하나로 정해지지 않습니다. 세 "
        "학습률은 같은 실행의 64개 학습률 스윕에서 나왔습니다: 적당한 값 = 가장 좋은 학습률({right}), 너무 큰 "
        "값 = {large}, 너무 작은 값 = {small}.",
    },
    "lr.panels.rises": {"en": "Steps where the loss rises ({label}):", "ko": "손실이 증가한 걸음 ({label}):"},
    "lr.panels.no_rise": {
        "en": "The loss never rises in the three runs.",
        "ko": "세 실행 모두 손실이 한 번도 증가하지 않습니다.",
    },
    "lr.panels.more": {"en": "… and {n} more.", "ko": "… 그리고 {n}개 더."},
    "lr.panels.rise_item": {"en": "step {k}→{k1}: +{d} — {why}", "ko": "걸음 {k}→{k1}: +{d} — {why}"},
    "lr.stability.title": {"en": "Stability along each path", "ko": "경로를 따라 본 안정성"},
    "lr.stability.caption": {
        "en": "The curve is λ_max where the iterate is; the dashed line is the largest curvature this rate "
        "tolerates (c / lr). Above it (shaded) a step overshoots along the top eigenvector; staying there "
        "makes the error grow and the run diverge.",
        "ko": "곡선은 현재 위치의 λ_max이고, 점선은 이 학습률이 견딜 수 있는 가장 큰 곡률(c / lr)입니다. "
        "그보다 위(색칠된 영역)에서는 한 걸음이 최대 고유벡터 방향으로 지나치며, 거기 머물면 오차가 커져 "
        "발산합니다.",
    },
    "lr.stability.none": {
        "en": "{opt} has no single curvature limit (its step is rescaled per coordinate): only λ_max is drawn.",
        "ko": "{opt}은(는) 좌표마다 걸음이 조정되어 곡률 한계가 하나로 정해지지 않습니다: λ_max만 그립니다.",
    },
    # sweep
    "lr.sweep.caption": {
        "en": "{n} rates × {k} optimizers × {steps} steps in one compiled call. Dotted lines: the smallest "
        "rate that diverged. Stars: the best rate (fewest steps to the tolerance, else lowest final loss).",
        "ko": "{n}개 학습률 × {k}개 옵티마이저 × {steps}걸음을 한 번의 컴파일된 호출로 실행했습니다. 점선: "
        "발산한 가장 작은 학습률. 별: 최적 학습률(허용 오차까지 걸음 수가 가장 적거나, 없으면 최종 손실이 가장 "
        "낮은 값).",
    },
    "lr.sweep.col.opt": {"en": "Optimizer", "ko": "옵티마이저"},
    "lr.sweep.col.best": {"en": "Best rate", "ko": "최적 학습률"},
    "lr.sweep.col.loss": {"en": "Final loss there", "ko": "그때 최종 손실"},
    "lr.sweep.col.hit": {"en": "Steps to tolerance", "ko": "허용 오차까지 걸음 수"},
    "lr.sweep.col.edge": {"en": "Divergence edge", "ko": "발산 경계"},
    "lr.sweep.never": {"en": "never", "ko": "도달 못 함"},
    "lr.sweep.none": {"en": "none in range", "ko": "범위 안에 없음"},
    "lr.sweep.send": {
        "en": "Race these optimizers at their tuned rates",
        "ko": "조정된 학습률로 레이스 페이지에서 비교하기",
    },
    "lr.sweep.send_help": {
        "en": "Opens the Optimizer Race on this surface and start with each optimizer at its best rate, so the "
        "comparison is fair.",
        "ko": "같은 곡면과 시작점에서 각 옵티마이저를 최적 학습률로 설정한 레이스 페이지를 엽니다. 공정한 "
        "비교를 위해서입니다.",
    },
    "lr.sweep.too_many": {"en": "Choose 1 to 4 optimizers.", "ko": "옵티마이저를 1-4개 고르세요."},
    "lr.sweep.bad_range": {
        "en": "The smallest rate must be below the largest; using {lo} to {hi}.",
        "ko": "가장 작은 학습률이 가장 큰 학습률보다 작아야 합니다; {lo}부터 {hi}까지 씁니다.",
    },
    # phase
    "lr.phase.too_big": {
        "en": "A {n} × {n} map of {steps} steps is more than this server computes at once. Lower "
        "**{cells}** or **{steps_label}**: {fit_steps} steps fit at {n} × {n}, and {fit_n} × {fit_n} "
        "fits at {steps} steps.",
        "ko": "{n} × {n} 위상도를 {steps}걸음씩 돌리는 것은 이 서버가 한 번에 계산하는 양을 넘습니다. "
        "**{cells}**나 **{steps_label}**를 줄이세요: {n} × {n}이면 {fit_steps}걸음, {steps}걸음이면 "
        "{fit_n} × {fit_n}이 가능합니다.",
    },
    "lr.phase.caption.theory": {
        "en": "{n} × {n} runs of {steps} steps in one compiled call. Colour: the exact per-step contraction ρ of "
        "each setting on this quadratic (the spectral radius of the rule's update map; lighter is faster), "
        "grey: the run diverged, orange: not contracting.",
        "ko": "{steps}걸음짜리 실행 {n} × {n}개를 한 번의 컴파일된 호출로 돌렸습니다. 색: 이 이차 함수에서 각 설정의 "
        "정확한 걸음당 수축률 ρ (규칙의 갱신 행렬의 스펙트럼 반지름; 밝을수록 빠름), 회색: 실행이 발산, "
        "주황색: 수축하지 않음.",
    },
    "lr.phase.caption.measured": {
        "en": "{n} × {n} runs of {steps} steps in one compiled call. Colour: the measured per-step contraction ρ "
        "(fitted over each run's tail; lighter is faster), grey: diverged, orange: not contracting.",
        "ko": "{steps}걸음짜리 실행 {n} × {n}개를 한 번의 컴파일된 호출로 돌렸습니다. 색: 측정한 걸음당 수축률 ρ "
        "(각 실행의 뒷부분에서 맞춤; 밝을수록 빠름), 회색: 발산, 주황색: 수축하지 않음.",
    },
    "lr.phase.theory.heavy_ball": {
        "en": "Quadratic with eigenvalues {lmin} and {lmax} (κ = {k}): heavy ball converges iff 0 < lr·λ < 2 + 2μ "
        "for every eigenvalue (dashed line). Fastest setting (star): lr = {lr}, μ = {mu}, ρ = (√κ−1)/(√κ+1) = "
        "{rho}. It lies just inside the edge, not on it: there lr·λ_max = (1 + √μ)² = {at}, below 2 + 2μ = "
        "{edge}.",
        "ko": "고윳값이 {lmin}과 {lmax}인 이차 함수(κ = {k}): 헤비볼 모멘텀은 모든 고윳값에 대해 0 < lr·λ < 2 + 2μ"
        "일 때만 수렴합니다(점선). 가장 빠른 설정(별): lr = {lr}, μ = {mu}, ρ = (√κ−1)/(√κ+1) = {rho}. 이 점은 "
        "경계 위가 아니라 경계 바로 안쪽에 있습니다: 그곳에서 lr·λ_max = (1 + √μ)² = {at}로 2 + 2μ = {edge}보다 "
        "작습니다.",
    },
    "lr.phase.theory.nag": {
        "en": "Quadratic with eigenvalues {lmin} and {lmax}: NAG converges iff 0 < lr·λ < (2 + 2μ)/(1 + 2μ) for "
        "every eigenvalue (dashed line).",
        "ko": "고윳값이 {lmin}과 {lmax}인 이차 함수: NAG는 모든 고윳값에 대해 0 < lr·λ < (2 + 2μ)/(1 + 2μ)일 때만 "
        "수렴합니다(점선).",
    },
    "lr.phase.best.theory": {
        "en": "Fastest cell of the map: lr = {lr}, {axis} = {v}, ρ = {rho} (exact for this setting).",
        "ko": "위상도에서 가장 빠른 칸: lr = {lr}, {axis} = {v}, ρ = {rho} (이 설정의 정확한 값).",
    },
    "lr.phase.best.measured": {
        "en": "Fastest measured cell: lr = {lr}, {axis} = {v}, ρ = {rho}.",
        "ko": "측정상 가장 빠른 칸: lr = {lr}, {axis} = {v}, ρ = {rho}.",
    },
    "lr.phase.none": {"en": "No cell converged.", "ko": "수렴한 칸이 없습니다."},
    # schedules
    "lr.sched.caption": {
        "en": "Same optimizer, start and base rate; only the schedule differs. Top: loss; bottom: the learning "
        "rate each schedule used at each step.",
        "ko": "옵티마이저, 시작점, 기본 학습률은 같고 스케줄만 다릅니다. 위: 손실, 아래: 각 스케줄이 걸음마다 쓴 "
        "학습률.",
    },
    "lr.sched.col.kind": {"en": "Schedule", "ko": "스케줄"},
    "lr.sched.col.final": {"en": "Final loss", "ko": "최종 손실"},
    "lr.sched.col.hit": {"en": "Steps to tolerance", "ko": "허용 오차까지 걸음 수"},
    "lr.sched.col.div": {"en": "Diverged at", "ko": "발산한 걸음"},
    "lr.sched.empty": {"en": "Choose at least one schedule.", "ko": "스케줄을 하나 이상 고르세요."},
    # search
    "lr.search.caption": {
        "en": "Both methods spend {b} runs. The grid tries only {g} distinct values per axis; random search tries "
        "{b} on each. Ticks along the edges are what each method learns about one axis alone. Background: "
        "final loss over a dense grid.",
        "ko": "두 방법 모두 {b}번 실행합니다. 그리드는 축마다 서로 다른 값을 {g}개만 시도하고, 랜덤 탐색은 축마다 "
        "{b}개를 시도합니다. 가장자리의 눈금은 각 방법이 한 축에 대해 알게 되는 값들입니다. 배경: 촘촘한 격자에서 "
        "본 최종 손실.",
    },
    "lr.search.importance": {
        "en": "Importance (decades spanned by the best loss along each axis): {x} = {ix}, {y} = {iy}.",
        "ko": "중요도 (각 축을 따라 가장 좋은 손실이 변하는 자릿수): {x} = {ix}, {y} = {iy}.",
    },
    "lr.search.best": {
        "en": "Best found, {method}: {x} = {vx}, {y} = {vy}, final loss {loss}.",
        "ko": "찾은 최적값, {method}: {x} = {vx}, {y} = {vy}, 최종 손실 {loss}.",
    },
    "lr.search.verdict.random_one": {
        "en": "**Here random search found the lower loss** ({random} vs {grid}): one axis matters and the other "
        "hardly does, so the grid's repeats of the same few values were wasted.",
        "ko": "**여기서는 랜덤 탐색이 더 낮은 손실을 찾았습니다** ({random} 대 {grid}). 한 축만 중요하고 다른 축은 "
        "거의 상관없어서, 그리드가 같은 몇 개 값을 반복한 것은 낭비였습니다.",
    },
    "lr.search.verdict.random_both": {
        "en": "**Here random search found the lower loss** ({random} vs {grid}), with both axes mattering: it "
        "tried more distinct values of each.",
        "ko": "**여기서는 랜덤 탐색이 더 낮은 손실을 찾았습니다** ({random} 대 {grid}). 두 축이 모두 중요한데, 랜덤 "
        "탐색이 축마다 더 많은 서로 다른 값을 시도했습니다.",
    },
    "lr.search.verdict.grid_one": {
        "en": "**Here the grid found the lower loss** ({grid} vs {random}): by luck of this seed its few values of "
        "the important axis fell closer to the best one. Try other seeds: on average random search wins when "
        "one axis hardly matters.",
        "ko": "**여기서는 그리드가 더 낮은 손실을 찾았습니다** ({grid} 대 {random}). 이 시드에서는 운 좋게 중요한 축의 "
        "몇 안 되는 값이 최적값에 더 가까웠습니다. 다른 시드도 해 보세요. 한 축이 거의 상관없을 때는 평균적으로 "
        "랜덤 탐색이 이깁니다.",
    },
    "lr.search.verdict.grid_both": {
        "en": "**Here the grid found the lower loss** ({grid} vs {random}): both axes matter, and with so few runs "
        "the grid's evenly spread values covered the plane better than random draws did. Random search pays off "
        "when one axis hardly matters.",
        "ko": "**여기서는 그리드가 더 낮은 손실을 찾았습니다** ({grid} 대 {random}). 두 축이 모두 중요하고 실행 횟수가 "
        "적어서, 고르게 퍼진 그리드 값이 무작위 값보다 평면을 더 잘 덮었습니다. 랜덤 탐색은 한 축이 거의 "
        "상관없을 때 유리합니다.",
    },
    "lr.search.verdict.tie_one": {
        "en": "**Both found about the same loss** ({random} random, {grid} grid; within a factor 2).",
        "ko": "**두 방법이 거의 같은 손실을 찾았습니다** (랜덤 {random}, 그리드 {grid}; 2배 이내).",
    },
    "lr.search.verdict.tie_both": {
        "en": "**Both found about the same loss** ({random} random, {grid} grid; within a factor 2).",
        "ko": "**두 방법이 거의 같은 손실을 찾았습니다** (랜덤 {random}, 그리드 {grid}; 2배 이내).",
    },
    "lr.search.why": {
        "en": "When one axis matters much more than the other, the grid wastes its budget repeating the same few "
        "values of the important axis; random search samples it at every run.",
        "ko": "한 축이 다른 축보다 훨씬 중요할 때, 그리드는 중요한 축의 같은 몇 개 값을 반복하느라 예산을 "
        "낭비하지만 랜덤 탐색은 실행할 때마다 그 축의 새로운 값을 시도합니다.",
    },
    "lr.sent": {
        "en": "Sent to the Race page: {rates}. Open it from the menu.",
        "ko": "레이스 페이지로 보냈습니다: {rates}. 메뉴에서 여세요.",
    },
}

# What the learning-rate figures draw (viz/lr.py's ``text``): lr.fig.<key> for each of these.
FIGURE_KEYS = (
    "step",
    "loss",
    "lr",
    "rise",
    "start",
    "diverged",
    "lambda",
    "limit",
    "unstable",
    "final_loss",
    "steps_to_tol",
    "edge",
    "best",
    "rate",
    "not_converging",
    "theory_edge",
    "optimum",
    "gd_edge",
    "grid",
    "random",
    "best_found",
    "log10_loss",
)
PANELS = ("small", "right", "large")  # the three panels: too small, about right, too large
REASONS = ("uphill", "unstable", "overshoot")  # why the loss rose (lr.reason.<reason>)


def figure_text(lang: str) -> dict:
    """The strings of the learning-rate figures in ``lang`` ("en" or "ko"), as ``viz.lr`` takes them.

    Returns:
        {key: text} for :data:`FIGURE_KEYS`, plus "panels" (the three panel names, in order) and
        "reasons" ({reason: text with {x} and {c} fields}).
    """
    out: dict = {k: STRINGS[f"lr.fig.{k}"][lang] for k in FIGURE_KEYS}
    out["panels"] = tuple(STRINGS[f"lr.fig.{k}"][lang] for k in PANELS)
    out["reasons"] = {r: STRINGS[f"lr.reason.{r}"][lang] for r in REASONS}
    return out
