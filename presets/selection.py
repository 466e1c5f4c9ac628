"""Classroom presets of the Model-selection lab, in the lecture's order (each sentence with a number
or a comparison is a claim checked by tests/test_preset_claims.py against what the page computes)."""
# ruff: noqa: E501  (string tables: ruff counts each Korean character as two columns)

from __future__ import annotations

from presets import Preset

PRESETS: list[Preset] = [
    Preset(
        "sel_kfold",
        "model_selection",
        {"en": "k-fold against one hold-out split", "ko": "k-fold와 홀드아웃 한 번"},
        {
            "en": "40 points of the known curve, a network of 16 hidden units, 20 shuffles. The spread of the 20% "
            "hold-out estimate is 8.1 times that of 10-fold cross-validation (sd 0.14 vs 0.017). Both estimates "
            "sit above the true test error of the model trained on all 40 points (0.13): each of their models "
            "was trained on fewer points.",
            "ko": "알려진 곡선의 점 40개, 은닉 유닛 16개의 신경망, 20번 섞기. 20% 홀드아웃 추정의 퍼짐은 10-fold 교차 "
            "검증의 8.1배입니다 (표준편차 0.14 대 0.017). 두 추정 모두 점 40개 전부로 학습한 모델의 진짜 테스트 "
            "오차(0.13)보다 높습니다: 각 추정의 모델은 더 적은 점으로 학습했기 때문입니다.",
        },
        {"view": "cv"},
    ),
    Preset(
        "sel_ts_leak",
        "model_selection",
        {
            "en": "Time series: shuffled folds train on the future",
            "ko": "시계열: 섞은 폴드는 미래로 학습한다",
        },
        {
            "en": "16 series of 120 steps whose noise is correlated in time (0.8 between neighbours). Shuffled "
            "5-fold cross-validation reports a forecast error of 0.29, rolling origin 1.49, and forecasting the "
            "truly later 12 steps gives 1.37 (means over 16 series). Shuffled folds were lower than rolling "
            "origin in every series: their models see the steps on both sides of each test point.",
            "ko": "노이즈가 시간에 따라 상관된(이웃 사이 0.8) 120 시점짜리 시계열 16개. 섞은 5-fold 교차 검증은 예측 "
            "오차를 0.29, 롤링 오리진은 1.49로 보고하고, 실제 이후 12 시점을 예측하면 1.37입니다 (시계열 16개 "
            "평균). 섞은 폴드는 모든 시계열에서 롤링 오리진보다 낮았습니다: 그 모델은 각 테스트 점의 앞뒤 시점을 "
            "모두 봅니다.",
        },
        {"view": "timeseries"},
    ),
    Preset(
        "sel_bias_variance",
        "model_selection",
        {"en": "Bias and variance against the degree", "ko": "차수에 따른 편향과 분산"},
        {
            "en": "Polynomials of degree 1 to 12, each fitted to 100 training sets of 50 points with noise σ = 0.3. "
            "The measured test error is lowest at degree 7. From degree 1 to 12, bias² falls from 0.44 to 0.047 "
            "and the variance grows from 0.020 to 11.5.",
            "ko": "차수 1부터 12까지의 다항식을 각각 점 50개짜리 학습 데이터셋 100개에 맞춥니다 (노이즈 σ = 0.3). "
            "측정한 테스트 오차는 차수 7에서 가장 낮습니다. 차수 1에서 12로 가면 편향²은 0.44에서 0.047로 줄고 "
            "분산은 0.020에서 11.5로 커집니다.",
        },
        {"view": "bias_variance", "bv_model": "poly"},
    ),
    Preset(
        "sel_bias_variance_nets",
        "model_selection",
        {"en": "Bias and variance of networks against the width", "ko": "너비에 따른 신경망의 편향과 분산"},
        {
            "en": "Networks of 1 to 64 hidden units, each trained on 100 training sets of 50 points with noise "
            "σ = 0.3. The measured test error is lowest at 12 units (0.129). From 1 to 64 units, bias² falls from "
            "0.34 to 0.0003, while the variance only moves between 0.032 and 0.062. Unlike the polynomials, the "
            "wide networks do not blow up: from 4 units on, the test error stays within 0.005 of its lowest.",
            "ko": "은닉 유닛 1개부터 64개까지의 신경망을 각각 점 50개짜리 학습 데이터셋 100개로 학습합니다 (노이즈 σ = 0.3). "
            "측정한 테스트 오차는 유닛 12개에서 가장 낮습니다 (0.129). 유닛 1개에서 64개로 가면 편향²은 0.34에서 "
            "0.0003으로 줄지만, 분산은 0.032와 0.062 사이에서만 움직입니다. 다항식과 달리 넓은 신경망은 오차가 "
            "치솟지 않습니다: 유닛 4개부터는 테스트 오차가 가장 낮은 값과 0.005 이내로 가깝습니다.",
        },
        {"view": "bias_variance", "bv_model": "mlp"},
    ),
    Preset(
        "sel_bootstrap",
        "model_selection",
        {"en": "The bootstrap interval of a slope", "ko": "기울기의 부트스트랩 구간"},
        {
            "en": "One data set of 30 points with noise σ = 0.5; the slope of its least-squares line is 0.017. "
            "The 90% percentile interval of 1000 bootstrap resamples, -0.16 to 0.24, contains the true slope "
            "0.048. The bootstrap sd (0.13) is close to the true sd over 1000 fresh data sets (0.12). Repeated on "
            "200 fresh data sets, 90% of the intervals contain the true slope: the interval keeps its level.",
            "ko": "노이즈 σ = 0.5인 점 30개짜리 데이터셋 하나; 이 데이터의 최소제곱 직선의 기울기는 0.017입니다. 부트스트랩 "
            "리샘플 1000개로 얻은 90% 백분위수 구간 -0.16 ~ 0.24는 진짜 기울기 0.048을 포함합니다. 부트스트랩 "
            "표준편차(0.13)는 새 데이터셋 1000개로 얻은 진짜 표준편차(0.12)와 가깝습니다. 새 데이터셋 200개에서 "
            "반복하면 구간의 90%가 진짜 기울기를 포함합니다: 구간이 제 수준을 지킵니다.",
        },
        {"view": "bootstrap"},
    ),
    Preset(
        "sel_bagging_trees",
        "model_selection",
        {"en": "Bagging fully grown trees", "ko": "끝까지 자란 트리의 배깅"},
        {
            "en": "Fully grown regression trees on 24 training sets of 30 points. Averaging 16 bootstrap trees "
            "lowers the variance from 0.11 to 0.070 while bias² stays small (0.0057 to 0.010); the mean test "
            "error falls from 0.21 to 0.17. The out-of-bag estimate (0.16) is within 0.01 of the true test "
            "error of the bagged trees.",
            "ko": "끝까지 자란 회귀 트리, 점 30개짜리 학습 데이터셋 24개. 부트스트랩 트리 16개를 평균하면 분산이 0.11에서 "
            "0.070으로 줄고 편향²은 작게 남습니다 (0.0057에서 0.010); 평균 테스트 오차는 0.21에서 0.17로 줄어듭니다. "
            "OOB 추정(0.16)은 배깅한 트리의 진짜 테스트 오차와 0.01 이내로 가깝습니다.",
        },
        {"view": "bagging", "bg_model": "tree"},
    ),
    Preset(
        "sel_boosting",
        "model_selection",
        {"en": "Boosting: shrinkage against rounds", "ko": "부스팅: 학습률과 라운드 수"},
        {
            "en": "Two moons with 15% flipped training labels, trees of depth 2, 500 rounds. With learning rate 1 "
            "the test error is lowest at round 5 (0.069) and is 0.15 after 500 rounds: every training label is "
            "fitted (training error 0). With learning rate 0.03 the lowest test error (0.058) comes at round "
            "437, and the flipped labels are not fitted yet (training error 0.063). The training loss falls "
            "every round at every learning rate.",
            "ko": "학습 레이블 15%를 뒤바꾼 두 개의 반달, 깊이 2의 트리, 500 라운드. 학습률 1에서는 테스트 오차가 라운드 "
            "5에서 가장 낮고 (0.069) 500 라운드 뒤에는 0.15입니다: 학습 레이블을 모두 맞춥니다 (학습 오차 0). 학습률 "
            "0.03에서는 가장 낮은 테스트 오차(0.058)가 라운드 437에 나오고, 뒤바뀐 레이블은 아직 맞추지 않습니다 "
            "(학습 오차 0.063). 학습 손실은 모든 학습률에서 라운드마다 줄어듭니다.",
        },
        {"view": "boosting"},
    ),
    Preset(
        "sel_search",
        "model_selection",
        {
            "en": "Grid, random and Bayesian search with one budget",
            "ko": "같은 예산의 그리드, 랜덤, 베이지안 탐색",
        },
        {
            "en": "An MLP of 32 hidden units on two moons; each method may train 16 networks, repeated 30 times. "
            "Mean best validation loss: grid 0.132, random 0.127, TPE 0.124 (best of the lattice 0.121). The "
            "4 × 4 grid tries only 4 learning rates; random search tries 11.3 on average. Random search and TPE "
            "came within 5% of the best in 80% and 83% of the repetitions, the grid in none.",
            "ko": "두 개의 반달에 은닉 유닛 32개의 MLP; 방법마다 신경망 16개를 학습할 수 있고 이를 30번 반복합니다. 평균 "
            "최고 검증 손실: 그리드 0.132, 랜덤 0.127, TPE 0.124 (격자 전체의 최고 0.121). 4 × 4 그리드는 학습률을 "
            "4개만 시도하고, 랜덤 탐색은 평균 11.3개를 시도합니다. 랜덤 탐색과 TPE는 반복의 80%와 83%에서 최고와 5% "
            "이내에 들었고, 그리드는 한 번도 들지 못했습니다.",
        },
        {"view": "search"},
    ),
]
