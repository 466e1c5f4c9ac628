"""Strings of the Model-selection lab page (Korean terms from the lecture notes 000-002)."""
# ruff: noqa: E501  (string tables: ruff counts each Korean character as two columns)

STRINGS = {
    "selection.title": {"en": "Model selection", "ko": "모델 선택"},
    "selection.desc": {
        "en": "Cross-validation (k-fold, hold-out, leave-one-out, time series), the bias-variance "
        "decomposition, bootstrapping, bagging and boosting, and hyperparameter search (grid, random, "
        "Bayesian), every number computed on data whose truth is known.",
        "ko": "교차 검증(k-fold, 홀드아웃, LOO(하나씩 빼기), 시계열), 편향-분산 분해, 부트스트래핑, 배깅과 부스팅, "
        "하이퍼파라미터 탐색(그리드, 랜덤, 베이지안)을 다룹니다. 모든 숫자는 정답을 아는 데이터에서 계산합니다.",
    },
    "selection.intro": {
        "en": "The data come from a known curve (sin 3x + 0.3x) or a known series plus noise of a known "
        "level, so the true test error, the bias and the noise are exact, not guessed: you can check every "
        "estimate against the truth. Views follow the lecture's order.",
        "ko": "데이터는 알려진 곡선(sin 3x + 0.3x)이나 알려진 시계열에 크기를 아는 노이즈를 더해 만듭니다. 그래서 "
        "진짜 테스트 오차, 편향, 노이즈가 추측이 아니라 정확한 값이고, 모든 추정을 정답과 비교할 수 있습니다. "
        "보기는 강의 순서를 따릅니다.",
    },
    "selection.view": {"en": "View", "ko": "보기"},
    "selection.view_cv": {"en": "🔀 Cross-validation", "ko": "🔀 교차 검증"},
    "selection.view_timeseries": {"en": "⏱️ Time series", "ko": "⏱️ 시계열 교차 검증"},
    "selection.view_bias_variance": {"en": "🎯 Bias-variance", "ko": "🎯 편향-분산"},
    "selection.view_bootstrap": {"en": "🎲 Bootstrap", "ko": "🎲 부트스트래핑"},
    "selection.view_bagging": {"en": "🧺 Bagging", "ko": "🧺 배깅"},
    "selection.view_boosting": {"en": "🚀 Boosting", "ko": "🚀 부스팅"},
    "selection.view_search": {"en": "🔎 Hyperparameter search", "ko": "🔎 하이퍼파라미터 탐색"},
    "selection.run": {"en": "▶ Run", "ko": "▶ 실행"},
    "selection.bad_config": {
        "en": "These settings cannot be run: {msg}",
        "ko": "이 설정으로는 실행할 수 없습니다: {msg}",
    },
    "selection.progress_capacity": {
        "en": "Trained capacity {c} ({done} of {total})",
        "ko": "복잡도 {c} 학습 완료 ({total}개 중 {done}개)",
    },
    "selection.progress_train": {
        "en": "Training {n} networks in one call…",
        "ko": "신경망 {n}개를 한 번에 학습하는 중…",
    },
    "selection.progress_measure": {"en": "Measuring…", "ko": "측정하는 중…"},
    "selection.progress_coverage": {
        "en": "Resampling {n} more data sets for the coverage count…",
        "ko": "포함 비율을 세려고 데이터셋 {n}개를 더 리샘플링하는 중…",
    },
    "selection.progress_rate": {
        "en": "Boosted with learning rate {rate:g} ({done} of {total})",
        "ko": "학습률 {rate:g}로 부스팅 완료 ({total}개 중 {done}개)",
    },
    "selection.progress_tpe": {
        "en": "Searching: trial {done} of {total} in every repetition…",
        "ko": "탐색 중: 반복마다 {total}번 중 {done}번째 시도…",
    },
    # ---- cross-validation
    "selection.cv.about": {
        "en": "k-fold cross-validation: split the data into k parts, train on k − 1 of them and validate on the "
        "one left out, k times, and average. A single hold-out split validates once. Each repeat draws a new "
        "shuffle, so you see how much each estimate depends on the luck of the split. Leave-one-out is k = n.",
        "ko": "k-fold 교차 검증: 데이터를 k개로 나눠 k − 1개로 학습하고 남은 하나로 검증하기를 k번 하고 평균을 냅니다. "
        "홀드아웃은 한 번만 나눠 한 번 검증합니다. 반복마다 새로 섞으므로 각 추정이 나누는 운에 얼마나 좌우되는지 "
        "보입니다. LOO(하나씩 빼기)는 k = n입니다.",
    },
    "selection.cv_n": {"en": "Data points n (a small set)", "ko": "데이터 점 개수 n (작은 데이터)"},
    "selection.cv_noise": {"en": "Noise σ", "ko": "노이즈 σ"},
    "selection.cv_k": {"en": "Folds k", "ko": "폴드 수 k"},
    "selection.cv_repeats": {"en": "Repeats (new shuffles)", "ko": "반복 (새로 섞기)"},
    "selection.cv_holdout": {"en": "Hold-out fraction", "ko": "홀드아웃 비율"},
    "selection.cv_loo": {"en": "Leave-one-out too", "ko": "LOO(하나씩 빼기)도 계산"},
    "selection.cv_width": {"en": "Network width (hidden units)", "ko": "신경망 너비 (은닉 유닛 수)"},
    "selection.cv_seed": {"en": "Data seed", "ko": "데이터 시드"},
    "selection.cv.verdict": {
        "en": "Over {r} shuffles of the same {n} points, the **{k}-fold** estimate ranged {k_lo}–{k_hi} (sd {k_sd}); "
        "the single **{p} hold-out** ranged {h_lo}–{h_hi} (sd {h_sd}): **{ratio}×** the spread. The model trained "
        "on all {n} points has a true test error of **{true}** (from the known curve).",
        "ko": "같은 {n}개 점을 {r}번 섞었을 때 **{k}-fold** 추정은 {k_lo}–{k_hi} (표준편차 {k_sd}), 한 번 나누는 "
        "**{p} 홀드아웃**은 {h_lo}–{h_hi} (표준편차 {h_sd})였습니다: 흩어짐이 **{ratio}배**입니다. {n}개 점 전체로 "
        "학습한 모델의 진짜 테스트 오차는 **{true}**입니다 (알려진 곡선으로 계산).",
    },
    "selection.cv.verdict_loo": {
        "en": "Leave-one-out (one split, no luck of the draw): {loo}.",
        "ko": "LOO(하나씩 빼기) (나누는 방법이 하나뿐이라 운이 없음): {loo}.",
    },
    "selection.cv.explain": {
        "en": "Every network starts from the same initial weights, so the spread comes only from how the data were "
        "split. Cross-validation estimates the error of models trained on (k − 1)/k of the points; on one small "
        "data set it can miss the final model's true error either way, but k-fold misses it by less from one "
        "shuffle to the next. The k models are compared to choose hyperparameters; the final model is then "
        "trained on all the data (lecture notes 001).",
        "ko": "모든 신경망이 같은 초기 가중치에서 출발하므로 흩어짐은 데이터를 나눈 방법에서만 옵니다. 교차 검증은 "
        "점의 (k − 1)/k로 학습한 모델의 오차를 추정합니다. 작은 데이터셋 하나에서는 최종 모델의 진짜 오차보다 "
        "높게도 낮게도 나올 수 있지만, k-fold는 섞을 때마다 덜 흔들립니다. 하이퍼파라미터를 고른 뒤에는 모든 "
        "데이터로 최종 모델을 학습합니다 (강의 노트 001).",
    },
    "selection.cv.est.title": {"en": "The estimate over repeated splits", "ko": "여러 번 나눴을 때의 추정값"},
    "selection.cv.est.kfold": {"en": "k-fold ({k} folds)", "ko": "k-fold ({k}개 폴드)"},
    "selection.cv.est.holdout": {"en": "hold-out ({p:.0%})", "ko": "홀드아웃 ({p:.0%})"},
    "selection.cv.est.loo": {"en": "leave-one-out", "ko": "LOO(하나씩 빼기)"},
    "selection.cv.est.true": {"en": "true test error", "ko": "진짜 테스트 오차"},
    "selection.cv.est.error": {"en": "estimated test error (MSE)", "ko": "추정한 테스트 오차 (MSE)"},
    "selection.cv.est.sd": {"en": "sd {sd:.3f}", "ko": "표준편차 {sd:.3f}"},
    "selection.cv.folds.title": {"en": "Which fold holds each point out", "ko": "각 점을 검증에 쓰는 폴드"},
    "selection.cv.folds.kfold": {
        "en": "k-fold: {k} folds in each of {r} shuffles",
        "ko": "k-fold: {r}번 섞을 때마다 {k}개 폴드",
    },
    "selection.cv.folds.holdout": {
        "en": "hold-out: one split per repeat",
        "ko": "홀드아웃: 반복마다 한 번 나누기",
    },
    "selection.cv.folds.repeat": {"en": "repeat", "ko": "반복"},
    "selection.cv.folds.point": {"en": "points (sorted by x)", "ko": "점 (x 순서)"},
    "selection.cv.folds.held": {"en": "held out", "ko": "검증용"},
    "selection.cv.folds.fold": {"en": "fold {j}", "ko": "폴드 {j}"},
    # ---- time series
    "selection.timeseries.about": {
        "en": "A series with a trend, a season and noise that is correlated in time, forecast by a small network of "
        "the time. Ordinary (shuffled) k-fold mixes past and future: the lecture notes warn that it then looks "
        "very good while the real performance on future data is worse. Rolling-origin validation always "
        "validates on data later than the training part.",
        "ko": "추세, 계절성, 시간에 따라 상관된 노이즈가 있는 시계열을 시간을 입력으로 받는 작은 신경망으로 예측합니다. "
        "일반적인(섞은) k-fold는 과거와 미래 데이터를 섞습니다. 강의 노트대로 이럴 경우 성능이 굉장히 잘 나오지만 "
        "실제로 미래 데이터를 처리하는 성능은 떨어집니다. 롤링 오리진 검증은 언제나 학습 구간보다 미래의 데이터로 "
        "검증합니다.",
    },
    "selection.ts_length": {"en": "Observed steps", "ko": "관측한 시점 수"},
    "selection.ts_trend": {"en": "Trend (rise per season)", "ko": "추세 (계절 한 번당 상승)"},
    "selection.ts_season": {"en": "Season amplitude", "ko": "계절성 진폭"},
    "selection.ts_noise": {"en": "Noise σ", "ko": "노이즈 σ"},
    "selection.ts_corr": {
        "en": "Noise correlation between neighbouring steps",
        "ko": "이웃한 시점 사이 노이즈 상관",
    },
    "selection.ts_corr_help": {
        "en": "0: independent noise. Close to 1: runs of high, then low values, as in real series; neighbours then "
        "reveal each other, which is what shuffled folds exploit.",
        "ko": "0이면 서로 독립인 노이즈입니다. 1에 가까우면 실제 시계열처럼 높은 값이 이어지다 낮은 값이 이어집니다. "
        "그러면 이웃한 점이 서로를 알려 주고, 섞은 폴드가 이것을 이용합니다.",
    },
    "selection.ts_folds": {
        "en": "Folds (k of the shuffled k-fold, blocks of rolling origin)",
        "ko": "폴드 수 (섞은 k-fold의 k, 롤링 오리진의 블록 수)",
    },
    "selection.ts_horizon": {"en": "Forecast block (steps)", "ko": "예측 블록 (시점 수)"},
    "selection.ts_series": {"en": "Independent series", "ko": "독립인 시계열 개수"},
    "selection.ts_seed": {"en": "Seed", "ko": "시드"},
    "selection.timeseries.verdict": {
        "en": "Mean over {s} series: **shuffled k-fold reports {sh}**, rolling origin reports {ro}, and forecasting "
        "the truly later {h} steps gives **{la}** (the honest number). Shuffled folds were lower than rolling "
        "origin in {m} of {s} series. Each rolling-origin model and the final model train on the latest {w} steps.",
        "ko": "시계열 {s}개의 평균: **섞은 k-fold는 {sh}**, 롤링 오리진은 {ro}를 보고하고, 정말로 다음에 오는 {h}개 "
        "시점을 예측하면 **{la}**입니다 (정직한 숫자). 섞은 폴드는 {s}개 중 {m}개 시계열에서 롤링 오리진보다 "
        "낮았습니다. 롤링 오리진의 각 모델과 최종 모델은 가장 최근 {w}개 시점으로 학습합니다.",
    },
    "selection.timeseries.explain": {
        "en": "Top: each point predicted by the shuffled fold's model that left it out; its neighbours on both "
        "sides were in training, so the model fills a gap instead of forecasting (it trained on the future). "
        "Bottom: each block is forecast from the window before it, as the model will be used; the last shaded "
        "part is a later period no model saw. The validation data must be later than the training data, and the "
        "test data later still (lecture notes 000).",
        "ko": "위: 각 점을 그 점을 뺀 섞은 폴드의 모델로 예측했습니다. 양쪽 이웃이 학습에 들어 있으므로 모델은 예측이 "
        "아니라 빈칸 채우기를 합니다 (미래 데이터로 학습했습니다). 아래: 각 블록을 바로 앞 구간으로 예측합니다. "
        "실제로 모델을 쓰는 방식입니다. 마지막 음영은 어떤 모델도 보지 못한 이후 구간입니다. 검증 데이터는 학습 "
        "데이터보다 미래여야 하고, 테스트 데이터는 그보다 더 미래여야 합니다 (강의 노트 000).",
    },
    "selection.timeseries.est.title": {
        "en": "What each validation reports, and what the forecaster really does",
        "ko": "각 검증이 보고하는 오차와 예측 모델의 실제 오차",
    },
    "selection.timeseries.est.shuffled": {"en": "shuffled k-fold", "ko": "섞은 k-fold"},
    "selection.timeseries.est.rolling": {"en": "rolling origin", "ko": "롤링 오리진"},
    "selection.timeseries.est.later": {"en": "later period (honest)", "ko": "이후 구간 (정직한 값)"},
    "selection.timeseries.est.error": {"en": "forecast error (MSE)", "ko": "예측 오차 (MSE)"},
    "selection.timeseries.est.series": {"en": "each series", "ko": "시계열 하나하나"},
    "selection.timeseries.est.mean": {
        "en": "mean over {s} series (± 2 SE)",
        "ko": "시계열 {s}개 평균 (± 2 표준오차)",
    },
    "selection.timeseries.series.title": {
        "en": "Shuffled folds fill gaps; rolling-origin folds forecast",
        "ko": "섞은 폴드는 빈칸을 채우고, 롤링 오리진 폴드는 예측합니다",
    },
    "selection.timeseries.series.shuffled": {
        "en": "shuffled k-fold: each point predicted by the model that left it out",
        "ko": "섞은 k-fold: 각 점을 그 점을 뺀 모델로 예측",
    },
    "selection.timeseries.series.rolling": {
        "en": "rolling origin: each block forecast from the window before it; then the later period",
        "ko": "롤링 오리진: 각 블록을 바로 앞 구간으로 예측, 그리고 이후 구간",
    },
    "selection.timeseries.series.data": {"en": "series", "ko": "시계열"},
    "selection.timeseries.series.truth": {"en": "trend + season", "ko": "추세 + 계절성"},
    "selection.timeseries.series.pred": {"en": "prediction", "ko": "예측값"},
    "selection.timeseries.series.forecast": {"en": "forecast", "ko": "예측"},
    "selection.timeseries.series.later": {"en": "later period (never seen)", "ko": "이후 구간 (본 적 없음)"},
    "selection.timeseries.series.window": {"en": "training window", "ko": "학습 구간"},
    "selection.timeseries.series.time": {"en": "time step", "ko": "시점"},
    # ---- bias-variance
    "selection.bias_variance.about": {
        "en": "Many training sets drawn from the same curve plus noise of known size σ; at each capacity one model "
        "per set. Bias²: how far the average model is from the truth. Variance: how much models trained on "
        "different sets disagree. Noise σ²: what no model can predict. The loss splits into these three, so "
        "lowering one raises another (lecture notes 001).",
        "ko": "같은 곡선에 크기 σ를 아는 노이즈를 더해 학습 데이터셋을 여러 개 뽑고, 복잡도마다 데이터셋 하나당 모델 "
        "하나를 학습합니다. 편향²: 평균 모델이 정답에서 얼마나 먼가. 분산(Variance): 다른 데이터셋으로 "
        "학습한 모델끼리 얼마나 다른가. 노이즈 σ²: 어떤 모델도 예측할 수 없는 부분. 손실은 이 셋으로 나뉘므로 "
        "하나를 낮추면 다른 것이 높아집니다 (강의 노트 001).",
    },
    "selection.bv_model": {"en": "Model", "ko": "모델"},
    "selection.bv_model_poly": {"en": "polynomial (capacity = degree)", "ko": "다항식 (복잡도 = 차수)"},
    "selection.bv_model_mlp": {
        "en": "network (capacity = hidden units)",
        "ko": "신경망 (복잡도 = 은닉 유닛 수)",
    },
    "selection.bv_max": {"en": "Degrees 1 to", "ko": "차수 1부터"},
    "selection.bv_widths": {"en": "Widths (hidden units)", "ko": "너비 (은닉 유닛 수)"},
    "selection.bv_widths_help": {
        "en": "One hidden tanh layer, full-batch Adam for 2,000 steps; every training set of one width in one compiled call.",
        "ko": "tanh 은닉층 하나, 전체 배치 Adam 2,000 스텝. 한 너비의 모든 데이터셋을 한 번의 컴파일된 호출로 학습합니다.",
    },
    "selection.bv_n": {"en": "Points per training set", "ko": "학습 데이터셋 하나의 점 개수"},
    "selection.bv_noise": {"en": "Noise σ", "ko": "노이즈 σ"},
    "selection.bv_sets": {"en": "Training sets", "ko": "학습 데이터셋 개수"},
    "selection.bv_source": {"en": "Training sets are", "ko": "학습 데이터셋"},
    "selection.bv_source_fresh": {"en": "fresh draws from the curve", "ko": "곡선에서 새로 뽑기"},
    "selection.bv_source_bootstrap": {
        "en": "bootstrap resamples of one draw",
        "ko": "한 번 뽑은 데이터의 부트스트랩 리샘플",
    },
    "selection.bv_seed": {"en": "Seed", "ko": "시드"},
    "selection.bv_cap_poly": {"en": "degree", "ko": "차수"},
    "selection.bv_cap_mlp": {"en": "width", "ko": "너비"},
    "selection.bias_variance.verdict": {
        "en": "Lowest measured test error at **{cap} {best}: {err}**. From {cap} {first} to {last}, bias² goes "
        "{b0} → {b1} and variance {v0} → {v1}; the noise is σ² = {noise}. bias² + variance + noise equals the "
        "test error measured on fresh noisy labels within {z} standard errors at every {cap} ({sets} training sets).",
        "ko": "측정한 테스트 오차가 가장 낮은 곳은 **{cap} {best}: {err}**입니다. {cap} {first}에서 {last}로 가면 "
        "편향²은 {b0} → {b1}, 분산은 {v0} → {v1}이 되고 노이즈는 σ² = {noise}입니다. 편향² + 분산 + 노이즈는 "
        "모든 {cap}에서 새 노이즈 레이블로 잰 테스트 오차와 표준오차 {z}배 안에서 같습니다 (학습 데이터셋 {sets}개).",
    },
    "selection.bias_variance.explain": {
        "en": "Both terms are unbiased estimates over the training sets (variance divides by R − 1; bias² subtracts "
        "variance / R, the error a mean of R noisy models has even without bias), and their sum is exactly the "
        "models' mean squared distance from the truth. The measured test error uses new noise, so it checks the "
        "decomposition. Left panel: too simple (high bias); middle: the lowest test error; right: too flexible "
        "(high variance, overfitting).",
        "ko": "두 항 모두 데이터셋들에 대해 편향되지 않은 추정입니다 (분산은 R − 1로 나누고, 편향²에서는 분산 / R을 "
        "뺍니다. 편향이 없어도 노이즈 섞인 모델 R개의 평균이 가지는 오차입니다). 둘의 합은 모델과 정답 사이 평균 "
        "제곱 거리와 정확히 같습니다. 테스트 오차는 새 노이즈로 재므로 분해를 확인해 줍니다. 왼쪽: 너무 단순함 "
        "(높은 편향), 가운데: 테스트 오차가 가장 낮음, 오른쪽: 너무 유연함 (높은 분산, 오버피팅).",
    },
    "selection.bias_variance.fig.title": {
        "en": "Expected test error = bias² + variance + noise",
        "ko": "기대 테스트 오차 = 편향² + 분산 + 노이즈",
    },
    "selection.bias_variance.fig.capacity": {"en": "capacity", "ko": "복잡도"},
    "selection.bias_variance.fig.error": {"en": "squared error", "ko": "제곱 오차"},
    "selection.bias_variance.fig.bias2": {"en": "bias²", "ko": "편향²"},
    "selection.bias_variance.fig.variance": {"en": "variance", "ko": "분산"},
    "selection.bias_variance.fig.noise": {"en": "noise σ²", "ko": "노이즈 σ²"},
    "selection.bias_variance.fig.total": {"en": "bias² + variance + noise", "ko": "편향² + 분산 + 노이즈"},
    "selection.bias_variance.fig.measured": {
        "en": "measured test error (± 2 SE)",
        "ko": "측정한 테스트 오차 (± 2 표준오차)",
    },
    "selection.bias_variance.fig.train": {"en": "training error", "ko": "학습 오차"},
    "selection.bias_variance.spread.title": {
        "en": "Fitted curves on different training sets",
        "ko": "서로 다른 학습 데이터셋으로 맞춘 곡선",
    },
    "selection.bias_variance.spread.panel": {"en": "capacity {c}", "ko": "복잡도 {c}"},
    "selection.bias_variance.spread.truth": {"en": "true f(x)", "ko": "정답 f(x)"},
    "selection.bias_variance.spread.mean": {"en": "mean fit", "ko": "평균 모델"},
    "selection.bias_variance.spread.fits": {"en": "fits", "ko": "모델들"},
    "selection.bias_variance.spread.data": {"en": "one training set", "ko": "학습 데이터셋 하나"},
    # ---- bootstrap
    "selection.bootstrap.about": {
        "en": "Bootstrapping: draw n points with replacement from the one data set you have, B times, and recompute "
        "the statistic on each resample. Here the truth is known, so the bootstrap distribution can be set "
        "against the true sampling distribution over fresh data sets.",
        "ko": "부트스트래핑: 가진 데이터셋 하나에서 n개 점을 복원 추출하기를 B번 하고, 리샘플마다 통계량을 다시 "
        "계산합니다. 여기서는 정답을 알므로 부트스트랩 분포를 새 데이터셋들로 얻은 진짜 샘플링 분포와 비교할 수 "
        "있습니다.",
    },
    "selection.bs_stat": {"en": "Statistic", "ko": "통계량"},
    "selection.bs_stat_slope": {"en": "slope of a straight-line fit", "ko": "직선 맞춤의 기울기"},
    "selection.bs_stat_error": {"en": "test error of a polynomial fit", "ko": "다항식 모델의 테스트 오차"},
    "selection.bs_degree": {"en": "Polynomial degree", "ko": "다항식 차수"},
    "selection.bs_n": {"en": "Points n", "ko": "점 개수 n"},
    "selection.bs_noise": {"en": "Noise σ", "ko": "노이즈 σ"},
    "selection.bs_B": {"en": "Bootstrap resamples B", "ko": "부트스트랩 리샘플 수 B"},
    "selection.bs_level": {"en": "Interval level", "ko": "구간 수준"},
    "selection.bs_repeats": {"en": "Data sets for the coverage count", "ko": "포함 비율을 셀 데이터셋 개수"},
    "selection.bs_repeats_help": {
        "en": "The whole procedure (a data set, B resamples, the interval) repeated on this many fresh data sets: "
        "how often does the interval contain the true value?",
        "ko": "전체 과정(데이터셋 하나, 리샘플 B개, 구간)을 이만큼의 새 데이터셋에서 반복합니다. 구간이 진짜 값을 "
        "얼마나 자주 포함할까요?",
    },
    "selection.bs_seed": {"en": "Seed", "ko": "시드"},
    "selection.bootstrap.verdict": {
        "en": "The {what} of the data set is {est}; its {level} bootstrap percentile interval is **{lo} to {hi}**, "
        "and the true value is **{true}**. Spread: bootstrap sd {b_sd} from {b} resamples of one data set, true "
        "sd {f_sd} over {f} fresh data sets.",
        "ko": "데이터셋의 {what}은(는) {est}이고, {level} 부트스트랩 백분위수 구간은 **{lo} ~ {hi}**, 진짜 값은 "
        "**{true}**입니다. 흩어짐: 데이터셋 하나의 리샘플 {b}개로 얻은 부트스트랩 표준편차 {b_sd}, 새 데이터셋 {f}개로 "
        "얻은 진짜 표준편차 {f_sd}.",
    },
    "selection.bootstrap.error_note": {
        "en": "A model fitted to a resample sees only about 63% distinct points, so its test error is larger: the "
        "bootstrap mean is {b_mean} against a true mean of {f_mean}. The bootstrap mimics the data's randomness, "
        "not a larger data set.",
        "ko": "리샘플로 맞춘 모델은 서로 다른 점을 약 63%만 보므로 테스트 오차가 더 큽니다: 부트스트랩 평균 {b_mean}, "
        "진짜 평균 {f_mean}. 부트스트랩은 데이터의 무작위성을 흉내 낼 뿐 더 큰 데이터셋을 만들지는 않습니다.",
    },
    "selection.bootstrap.error_note_other": {
        "en": "The bootstrap mean of the test error is {b_mean} against a true mean of {f_mean}. A model fitted to a "
        "resample sees only about 63% distinct points, which usually makes its test error larger.",
        "ko": "테스트 오차의 부트스트랩 평균은 {b_mean}, 진짜 평균은 {f_mean}입니다. 리샘플로 맞춘 모델은 서로 다른 점을 "
        "약 63%만 보므로 보통 테스트 오차가 더 큽니다.",
    },
    "selection.bootstrap.explain": {
        "en": "The true value of the slope is the slope of the best straight line through the curve over all x, "
        "computed exactly. The coverage count repeats everything on fresh data sets: a percentile interval of "
        "level 90% should contain the true value in about 90% of them (a little less with few points).",
        "ko": "기울기의 진짜 값은 모든 x에 대해 곡선을 가장 잘 따르는 직선의 기울기로, 정확히 계산합니다. 포함 비율은 "
        "새 데이터셋들에서 모든 과정을 반복해 셉니다. 수준 90%의 백분위수 구간은 그중 약 90%에서 진짜 값을 "
        "포함해야 합니다 (점이 적으면 조금 덜).",
    },
    "selection.bootstrap.dist.title": {
        "en": "Bootstrap distribution against the true sampling distribution",
        "ko": "부트스트랩 분포와 진짜 샘플링 분포",
    },
    "selection.bootstrap.dist.boot": {
        "en": "bootstrap: {b} resamples of one data set",
        "ko": "부트스트랩: 데이터셋 하나의 리샘플 {b}개",
    },
    "selection.bootstrap.dist.fresh": {"en": "truth: {f} fresh data sets", "ko": "정답: 새 데이터셋 {f}개"},
    "selection.bootstrap.dist.interval": {
        "en": "{level:.0%} percentile interval",
        "ko": "{level:.0%} 백분위수 구간",
    },
    "selection.bootstrap.dist.true": {"en": "true value", "ko": "진짜 값"},
    "selection.bootstrap.dist.estimate": {"en": "on the data set", "ko": "데이터셋의 값"},
    "selection.bootstrap.dist.value": {"en": "value of the statistic", "ko": "통계량의 값"},
    "selection.bootstrap.dist.density": {"en": "density", "ko": "밀도"},
    "selection.bootstrap.resample.title": {
        "en": "One data set and models fitted to its bootstrap resamples",
        "ko": "데이터셋 하나와 그 부트스트랩 리샘플로 맞춘 모델",
    },
    "selection.bootstrap.resample.data": {
        "en": "the data set (size: times drawn into resample 1)",
        "ko": "데이터셋 (크기: 1번 리샘플에 뽑힌 횟수)",
    },
    "selection.bootstrap.resample.fits": {"en": "fits to resamples", "ko": "리샘플로 맞춘 모델"},
    "selection.bootstrap.resample.fit": {"en": "fit to the data set", "ko": "데이터셋으로 맞춘 모델"},
    "selection.bootstrap.resample.truth": {"en": "true f(x)", "ko": "정답 f(x)"},
    "selection.bootstrap.cover.title": {
        "en": "{k} of {n} intervals contain the true value ({rate:.1%}, nominal {level:.0%})",
        "ko": "구간 {n}개 중 {k}개가 진짜 값을 포함 ({rate:.1%}, 명목 수준 {level:.0%})",
    },
    "selection.bootstrap.cover.covers": {"en": "contains it", "ko": "포함"},
    "selection.bootstrap.cover.misses": {"en": "misses it", "ko": "놓침"},
    "selection.bootstrap.cover.true": {"en": "true value", "ko": "진짜 값"},
    "selection.bootstrap.cover.repeat": {"en": "data set", "ko": "데이터셋"},
    "selection.bootstrap.cover.value": {"en": "value of the statistic", "ko": "통계량의 값"},
    # ---- bagging
    "selection.bagging.about": {
        "en": "Bagging (bootstrap aggregating): train one model on each of B bootstrap resamples and average their "
        "predictions (an ensemble, in parallel). Repeated on fresh training sets, to measure the bias² and "
        "variance of one model and of the average.",
        "ko": "배깅(Bootstrapping Aggregating): 부트스트랩 리샘플 B개에 모델을 하나씩 학습하고 예측을 평균합니다 (병렬로 "
        "만든 앙상블). 새 학습 데이터셋마다 반복해 모델 하나와 평균 모델의 편향²과 분산을 잽니다.",
    },
    "selection.bg_model": {"en": "Model", "ko": "모델"},
    "selection.bg_model_mlp": {
        "en": "network (trained long: high variance)",
        "ko": "신경망 (오래 학습: 높은 분산)",
    },
    "selection.bg_model_tree": {"en": "fully grown regression tree", "ko": "끝까지 자란 회귀 트리"},
    "selection.bg_members": {"en": "Members B (models averaged)", "ko": "구성원 수 B (평균하는 모델 수)"},
    "selection.bg_sets": {"en": "Training sets", "ko": "학습 데이터셋 개수"},
    "selection.bg_n": {"en": "Points per training set", "ko": "학습 데이터셋 하나의 점 개수"},
    "selection.bg_noise": {"en": "Noise σ", "ko": "노이즈 σ"},
    "selection.bg_width": {"en": "Network width", "ko": "신경망 너비"},
    "selection.bg_seed": {"en": "Seed", "ko": "시드"},
    "selection.bagging.verdict": {
        "en": "Averaging {b} bootstrap models: **variance {vs} → {vb}** ({change}), bias² {bs} → {bb}, test error "
        "{ts} → {tb} (means over {r} training sets). The out-of-bag estimate {oob} against the true test error {test}.",
        "ko": "부트스트랩 모델 {b}개 평균: **분산 {vs} → {vb}** ({change}), 편향² {bs} → {bb}, 테스트 오차 {ts} → "
        "{tb} (학습 데이터셋 {r}개 평균). OOB(뽑히지 않은 샘플) 추정 {oob}, 진짜 테스트 오차 {test}.",
    },
    "selection.bagging.lower": {"en": "{pct} lower", "ko": "{pct} 감소"},
    "selection.bagging.higher": {"en": "{pct} higher", "ko": "{pct} 증가"},
    "selection.bagging.explain": {
        "en": "The members' errors partly cancel in the average, so the variance falls quickly with the first members "
        "and then levels off (members trained on resamples of the same set still share its noise); the bias "
        "hardly moves. Each point is left out of about 37% of the resamples: the members that did not see it "
        "predict it, which estimates the test error without a validation set (out-of-bag).",
        "ko": "평균에서 구성원들의 오차가 일부 상쇄되므로 분산은 처음 몇 개의 구성원에서 빠르게 줄고 그 뒤로 평평해집니다 "
        "(같은 데이터셋의 리샘플로 학습한 구성원은 그 데이터셋의 노이즈를 함께 가집니다). 편향은 거의 그대로입니다. "
        "각 점은 리샘플의 약 37%에서 빠집니다. 그 점을 보지 못한 구성원들이 그 점을 예측하면 검증 데이터 없이 "
        "테스트 오차를 추정할 수 있습니다 (OOB, 뽑히지 않은 샘플).",
    },
    "selection.bagging.fig.title": {
        "en": "One model against the average of B bootstrap models",
        "ko": "모델 하나와 부트스트랩 모델 B개의 평균",
    },
    "selection.bagging.fig.bars": {"en": "decomposition", "ko": "분해"},
    "selection.bagging.fig.members": {
        "en": "variance and bias² against the number of members",
        "ko": "구성원 수에 따른 분산과 편향²",
    },
    "selection.bagging.fig.single": {"en": "one model", "ko": "모델 하나"},
    "selection.bagging.fig.bagged": {"en": "bagged ({b})", "ko": "배깅 ({b}개)"},
    "selection.bagging.fig.bias2": {"en": "bias²", "ko": "편향²"},
    "selection.bagging.fig.variance": {"en": "variance", "ko": "분산"},
    "selection.bagging.fig.noise": {"en": "noise σ²", "ko": "노이즈 σ²"},
    "selection.bagging.fig.b_axis": {"en": "members averaged", "ko": "평균한 구성원 수"},
    "selection.bagging.fig.error": {"en": "squared error", "ko": "제곱 오차"},
    "selection.bagging.fits.title": {
        "en": "Fits on {r} training sets",
        "ko": "학습 데이터셋 {r}개로 맞춘 모델",
    },
    "selection.bagging.fits.single": {"en": "one model per set", "ko": "데이터셋마다 모델 하나"},
    "selection.bagging.fits.bagged": {"en": "bagged average per set", "ko": "데이터셋마다 배깅 평균"},
    "selection.bagging.fits.truth": {"en": "true f(x)", "ko": "정답 f(x)"},
    "selection.bagging.oob.title": {
        "en": "Out-of-bag estimate against the true test error",
        "ko": "OOB 추정과 진짜 테스트 오차",
    },
    "selection.bagging.oob.oob": {"en": "out-of-bag estimate", "ko": "OOB 추정"},
    "selection.bagging.oob.test": {
        "en": "true test error of the bagged model",
        "ko": "배깅 모델의 진짜 테스트 오차",
    },
    "selection.bagging.oob.sets": {"en": "training sets", "ko": "학습 데이터셋"},
    "selection.bagging.oob.equal": {"en": "equal", "ko": "같음"},
    # ---- boosting
    "selection.boosting.about": {
        "en": "Boosting: weak learners (small trees) are added one after another (sequential, where bagging's models "
        "are parallel); each new tree is fitted to what the model so far gets wrong, and together they make a "
        "strong learner. The learning rate (shrinkage) scales each tree's contribution. Some training labels "
        "are flipped; the test labels are clean.",
        "ko": "부스팅: 약한 학습기(작은 트리)를 하나씩 차례로 더합니다 (배깅은 병렬, 부스팅은 순차). 새 트리는 지금까지의 "
        "모델이 제대로 예측하지 못한 부분에 맞추고, 이들이 합쳐져 강한 학습기가 됩니다. 학습률(shrinkage)은 트리 "
        "하나가 더하는 몫을 줄입니다. 학습 레이블 일부는 뒤바뀌어 있고 테스트 레이블은 올바릅니다.",
    },
    "selection.bo_data": {"en": "Data set", "ko": "데이터셋"},
    "selection.bo_data_moons": {"en": "Two moons", "ko": "두 개의 반달"},
    "selection.bo_data_circles": {"en": "Circles", "ko": "동심원"},
    "selection.bo_data_spirals": {"en": "Spirals", "ko": "나선"},
    "selection.bo_data_xor": {"en": "XOR", "ko": "XOR"},
    "selection.bo_n": {"en": "Training points", "ko": "학습 점 개수"},
    "selection.bo_noise": {"en": "Input noise", "ko": "입력 노이즈"},
    "selection.bo_flip": {"en": "Flipped training labels (fraction)", "ko": "뒤바꾼 학습 레이블 비율"},
    "selection.bo_depth": {"en": "Tree depth (1: stumps)", "ko": "트리 깊이 (1: 그루터기)"},
    "selection.bo_rounds": {"en": "Rounds (trees)", "ko": "라운드 (트리 수)"},
    "selection.bo_rate": {"en": "Learning rate (shrinkage) drawn", "ko": "그림에 쓸 학습률 (수축)"},
    "selection.bo_rate_help": {
        "en": "The error curves also show learning rates 1, 0.3, 0.1 and 0.03.",
        "ko": "오차 곡선에는 학습률 1, 0.3, 0.1, 0.03도 함께 그립니다.",
    },
    "selection.bo_seed": {"en": "Seed", "ko": "시드"},
    "selection.boosting.verdict": {
        "en": "At learning rate {rate}: the test error is lowest at **round {best} ({e_best})**; after {m} rounds it "
        "is {e_end} while the training error is {tr_end}: {trend} "
        "Rounds to the lowest test error: {rounds}.",
        "ko": "학습률 {rate}에서 테스트 오차는 **라운드 {best}에서 가장 낮고 ({e_best})**, {m} 라운드 뒤에는 {e_end}, "
        "학습 오차는 {tr_end}입니다: {trend} 테스트 오차가 가장 "
        "낮은 라운드: {rounds}.",
    },
    "selection.boosting.overfit": {
        "en": "the test error has turned up since its lowest point: more rounds fit the noise (overfitting).",
        "ko": "테스트 오차가 가장 낮았던 때보다 올라갔습니다: 라운드를 더 하면 노이즈까지 맞춥니다 (오버피팅).",
    },
    "selection.boosting.no_overfit": {
        "en": "the test error is still within 1 point in 100 of its lowest (no overfitting in these rounds).",
        "ko": "테스트 오차가 아직 가장 낮은 값과 100분의 1 이내입니다 (이 라운드 안에서는 오버피팅 없음).",
    },
    "selection.boosting.explain": {
        "en": "scikit-learn's gradient boosting (log-loss): each round fits a tree to the residuals y − p of the model "
        "so far and adds it, shrunk by the learning rate. Large points are the ones the next tree works on (the "
        "samples that are hard to classify); ringed points have flipped labels. A smaller learning rate needs "
        "more rounds but overfits later.",
        "ko": "`scikit-learn`의 `GradientBoostingClassifier`(로그 손실): 라운드마다 지금까지 모델의 잔차 y − p에 트리를 맞추고 학습률만큼 "
        "줄여 더합니다. 큰 점은 다음 트리가 맞추려는 점(분류하기 어려운 샘플)이고, 테두리가 있는 점은 레이블이 "
        "뒤바뀐 점입니다. 학습률이 작을수록 라운드가 더 필요하지만 오버피팅은 늦게 옵니다.",
    },
    "selection.boosting.bounds.title": {
        "en": "The boosted model after each number of rounds (learning rate {rate:g})",
        "ko": "라운드 수에 따른 부스팅 모델 (학습률 {rate:g})",
    },
    "selection.boosting.bounds.panel": {"en": "round {t}", "ko": "라운드 {t}"},
    "selection.boosting.bounds.class": {"en": "class {c}", "ko": "클래스 {c}"},
    "selection.boosting.bounds.flipped": {"en": "flipped label", "ko": "뒤바뀐 레이블"},
    "selection.boosting.bounds.note": {
        "en": "point size: |y − p|, what the next tree is fitted to",
        "ko": "점 크기: |y − p|, 다음 트리가 맞추는 값",
    },
    "selection.boosting.curves.title": {"en": "Error round by round", "ko": "라운드별 오차"},
    "selection.boosting.curves.round": {"en": "round (log scale)", "ko": "라운드 (로그 눈금)"},
    "selection.boosting.curves.error": {"en": "misclassified fraction", "ko": "틀린 비율"},
    "selection.boosting.curves.train": {"en": "train, η = {rate:g}", "ko": "학습, η = {rate:g}"},
    "selection.boosting.curves.test": {"en": "test, η = {rate:g}", "ko": "테스트, η = {rate:g}"},
    "selection.boosting.curves.best": {"en": "lowest test error", "ko": "가장 낮은 테스트 오차"},
    # ---- hyperparameter search
    "selection.search.about": {
        "en": "Hyperparameters are values you set yourself. With the same budget of trainings: grid search, random "
        "search (the one the notes recommend for deep learning) and Bayesian optimization (optuna's TPE) over the "
        "learning rate and the weight decay (the penalty α/2·‖W‖²) of a small network on two moons. Every point "
        "of a 21 × 21 lattice is trained once: that is the true validation surface, and each method picks its "
        "points from it.",
        "ko": "하이퍼파라미터는 사용자가 직접 정하는 값입니다. 같은 학습 횟수 예산으로 그리드 탐색, 랜덤 탐색(노트가 딥러닝에 "
        "추천하는 방식), 베이지안 최적화(`optuna`의 TPE)를 두 개의 반달 데이터의 작은 신경망의 학습률과 가중치 감쇠"
        "(페널티 α/2·‖W‖²)에 씁니다. 21 × 21 격자의 모든 점을 한 번씩 학습한 것이 진짜 검증 손실 곡면이고, 각 "
        "방법은 그 격자에서 점을 고릅니다.",
    },
    "selection.se_budget": {"en": "Budget (trainings per search)", "ko": "예산 (탐색마다 학습 횟수)"},
    "selection.se_repeats": {"en": "Repetitions of each search", "ko": "탐색 반복 횟수"},
    "selection.se_noise": {"en": "Input noise", "ko": "입력 노이즈"},
    "selection.se_flip": {"en": "Flipped labels (fraction)", "ko": "뒤바꾼 레이블 비율"},
    "selection.se_steps": {"en": "Training steps (full-batch Adam)", "ko": "학습 스텝 (전체 배치 Adam)"},
    "selection.se_startup": {
        "en": "TPE: random trials before it models",
        "ko": "TPE: 모델을 세우기 전 랜덤 시도 수",
    },
    "selection.se_seed": {"en": "Seed", "ko": "시드"},
    "selection.search.axis_lr": {"en": "the learning rate", "ko": "학습률"},
    "selection.search.axis_wd": {"en": "the weight decay", "ko": "가중치 감쇠"},
    "selection.search.verdict": {
        "en": "With {b} trainings, mean best validation loss over {r} repetitions: grid {grid}, **random {random}**, "
        "TPE {tpe} (best of the lattice: {opt}). The grid tries {g_lr} learning rates, a random search {r_lr} on "
        "average. Here {axis} matters more (best reachable loss spans {imp_lr} along the learning rate, {imp_wd} "
        "along the weight decay). Test loss of the chosen points: grid {t_grid}, random {t_random}, TPE {t_tpe}.",
        "ko": "학습 {b}번으로 {r}번 반복한 평균 최고 검증 손실: 그리드 {grid}, **랜덤 {random}**, TPE {tpe} (격자 "
        "전체의 최솟값: {opt}). 그리드는 학습률을 {g_lr}개, 랜덤 탐색은 평균 {r_lr}개 시도합니다. 여기서는 {axis}이(가) "
        "더 중요합니다 (도달할 수 있는 최저 손실의 범위: 학습률 방향 {imp_lr}, 가중치 감쇠 방향 {imp_wd}). 고른 점의 "
        "테스트 손실: 그리드 {t_grid}, 랜덤 {t_random}, TPE {t_tpe}.",
    },
    "selection.search.explain": {
        "en": "The validation loss chooses; the test set, never seen by any search, says how good the choice really is "
        "(lecture notes 002: the validation set tunes, the test set evaluates once). A grid spends its budget "
        "repeating the same few values of each axis; random search tries a new value of every axis in every "
        "trial, which pays off when one axis matters more. TPE starts at random and then samples where its model "
        "of good points expects them (numbers: the order of its trials).",
        "ko": "검증 손실로 고르고, 어떤 탐색도 보지 않은 테스트 데이터가 그 선택이 실제로 얼마나 좋은지 말해 줍니다 "
        "(강의 노트 002: 검증 데이터로 하이퍼파라미터를 수정하고 테스트 데이터로 최종 평가). 그리드는 각 축의 몇 개 "
        "값을 되풀이하며 예산을 쓰고, 랜덤 탐색은 시도마다 모든 축에서 새 값을 시도하므로 한 축이 더 중요할 때 "
        "유리합니다. TPE는 랜덤으로 시작한 뒤 좋은 점이 있을 것으로 예상하는 곳을 뽑습니다 (숫자: 시도 순서).",
    },
    "selection.search.surface.title": {
        "en": "Where each method sampled (one repetition), over the true validation loss",
        "ko": "각 방법이 고른 점 (반복 하나)과 진짜 검증 손실",
    },
    "selection.search.surface.lr": {"en": "learning rate", "ko": "학습률"},
    "selection.search.surface.wd": {"en": "weight decay", "ko": "가중치 감쇠"},
    "selection.search.surface.loss": {"en": "validation loss", "ko": "검증 손실"},
    "selection.search.surface.best": {"en": "best point of the lattice", "ko": "격자에서 가장 좋은 점"},
    "selection.search.surface.trial": {"en": "trial {i}", "ko": "{i}번째 시도"},
    "selection.search.surface.grid": {"en": "grid", "ko": "그리드 탐색"},
    "selection.search.surface.random": {"en": "random", "ko": "랜덤 탐색"},
    "selection.search.surface.tpe": {"en": "Bayesian (TPE)", "ko": "베이지안 최적화 (TPE)"},
    "selection.search.budget.title": {
        "en": "Best validation loss found against the budget ({r} repetitions)",
        "ko": "예산에 따른 최고 검증 손실 (반복 {r}번)",
    },
    "selection.search.budget.budget": {"en": "trainings spent", "ko": "사용한 학습 횟수"},
    "selection.search.budget.loss": {"en": "best validation loss so far", "ko": "지금까지의 최저 검증 손실"},
    "selection.search.budget.band": {"en": "{m}: 10–90% of repetitions", "ko": "{m}: 반복의 10–90%"},
    "selection.search.budget.grid": {"en": "grid", "ko": "그리드 탐색"},
    "selection.search.budget.random": {"en": "random", "ko": "랜덤 탐색"},
    "selection.search.budget.tpe": {"en": "Bayesian (TPE)", "ko": "베이지안 최적화 (TPE)"},
    "selection.search.budget.optimum": {"en": "best of the lattice", "ko": "격자 전체의 최솟값"},
    "selection.search.marginal.title": {
        "en": "Which axis matters: the best loss reachable at each value",
        "ko": "어느 축이 중요한가: 각 값에서 도달할 수 있는 최저 손실",
    },
    "selection.search.marginal.lr": {"en": "learning rate", "ko": "학습률"},
    "selection.search.marginal.wd": {"en": "weight decay", "ko": "가중치 감쇠"},
    "selection.search.marginal.loss": {"en": "best validation loss", "ko": "최저 검증 손실"},
    "selection.search.marginal.tried": {"en": "values a {m} search tries", "ko": "{m}이 시도하는 값"},
    "selection.search.marginal.grid": {"en": "grid", "ko": "그리드 탐색"},
    "selection.search.marginal.random": {"en": "random", "ko": "랜덤 탐색"},
}
