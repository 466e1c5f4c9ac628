# ruff: noqa: E501 - translated prose
"""Classroom presets of the Landscape explorer (numbers checked in tests/test_preset_claims.py)."""

from __future__ import annotations

from presets import Preset

PRESETS = [
    Preset(
        "explorer_himmelblau_points",
        "explorer",
        {"en": "Himmelblau: minima, saddles and a maximum", "ko": "힘멜블라우: 최솟값, 안장점, 최댓값"},
        {
            "en": "Himmelblau's function has 9 critical points: 4 minima of equal depth, 4 saddles and 1 maximum. "
            "Hover a saddle: its Hessian has a negative and a positive eigenvalue, and the blue segment shows the "
            "way down.",
            "ko": "힘멜블라우 함수의 임계점은 9개입니다: 깊이가 같은 최솟값 4개, 안장점 4개, 최댓값 1개. "
            "안장점 위에 마우스를 올려 보세요: 헤시안의 고윳값 하나는 음수, 하나는 양수이고, 파란 선분이 "
            "내려가는 길입니다.",
        },
        {"view": "critical", "surf": "himmelblau"},
    ),
    Preset(
        "explorer_monkey_saddle",
        "explorer",
        {
            "en": "The monkey saddle: when the Hessian says nothing",
            "ko": "원숭이 안장: 헤시안이 아무것도 말해 주지 못할 때",
        },
        {
            "en": "The only critical point of x³ − 3xy² has a zero Hessian: both eigenvalues are 0, so the "
            "second-order test fails. Its cubic term changes sign 6 times around the origin: 3 ways down and "
            "3 ways up, a saddle, not a minimum.",
            "ko": "x³ − 3x·y²의 임계점은 하나뿐이고 헤시안이 0입니다: 두 고윳값이 모두 0이라 이차 판정법이 "
            "실패합니다. 3차 항은 원점 주위에서 부호가 6번 바뀝니다: 내려가는 길 3개와 올라가는 길 3개가 있는 "
            "안장점이며, 최솟값이 아닙니다.",
        },
        {"view": "critical", "surf": "monkey_saddle", "show3d": True},
    ),
    Preset(
        "explorer_camel_basins",
        "explorer",
        {"en": "Six-hump camel: which minimum do you end in?", "ko": "여섯 혹 낙타: 어느 최솟값에 도착할까?"},
        {
            "en": "The six-hump camel has 6 minima, 2 of them global. Gradient descent (lr 0.01) takes 60% of the "
            "starts to a global minimum; momentum (lr 0.01, μ 0.9) takes more, 64%: the basins change with the "
            "optimizer, not only with the start.",
            "ko": "여섯 혹 낙타 함수에는 최솟값이 6개 있고 그중 2개가 전역 최솟값입니다. 경사하강법(lr 0.01)은 "
            "시작점의 60%를 전역 최솟값으로 데려가고, 모멘텀(lr 0.01, μ 0.9)은 그보다 많은 64%를 데려갑니다: "
            "끌림 영역은 시작점뿐 아니라 옵티마이저에 따라서도 달라집니다.",
        },
        {
            "view": "basins",
            "surf": "six_hump_camel",
            "b_n": 128,
            "b_steps": 500,
            "a_opt": "sgd",
            "a_lr": 0.01,
            "b_opt": "momentum",
            "b_lr": 0.01,
            "b_mu": 0.9,
        },
    ),
    Preset(
        "explorer_saddle_escape",
        "explorer",
        {"en": "Escaping a saddle takes log(1/δ) steps", "ko": "안장점 탈출에는 log(1/δ) 스텝이 든다"},
        {
            "en": "Gradient descent (lr 0.05) from δ off the saddle of x² − y²: the offset grows by a factor "
            "1 + lr·|λ_min| = 1.1 per step, so every factor of 10 closer costs about 24 more steps. The "
            "measured steps are within 1 step of log(r/δ) / log(1.1) for every δ from 4e-9 to 0.04.",
            "ko": "x² − y²의 안장점에서 δ만큼 떨어진 곳에서 시작한 경사하강법(lr 0.05): 떨어진 거리가 스텝마다 "
            "1 + lr·|λ_min| = 1.1배로 커지므로, 10배 가까워질 때마다 약 24 스텝이 더 듭니다. 측정한 스텝은 "
            "4e-9부터 0.04까지 모든 δ에서 log(r/δ) / log(1.1)과 1 스텝 이내로 같습니다.",
        },
        {"view": "escape", "surf": "saddle", "e_lr": 0.05, "e_radius": 0.1, "e_steps": 2000},
    ),
    Preset(
        "explorer_net_pca",
        "explorer",
        {
            "en": "A network's training path lies nearly in a plane",
            "ko": "신경망의 학습 경로는 거의 한 평면에 놓인다",
        },
        {
            "en": "Adam trains a 2-32-32-1 network on the two moons for 500 steps: training loss 0.74 → 0.06. "
            "The first two PCA directions of its path hold 98% of the path's squared displacement, the first "
            "alone 89%: in a space of 1185 weights the path is nearly flat. Press Play to follow the weights "
            "down the valley of the plane.",
            "ko": "Adam이 두 개의 반달 데이터로 2-32-32-1 신경망을 500 스텝 학습합니다: 학습 손실 0.74 → 0.06. "
            "경로의 첫 두 PCA 방향이 경로 변위 제곱의 98%를 담고, 첫 방향 하나만으로 89%를 담습니다: 가중치 "
            "1185개의 공간에서 경로는 거의 평평합니다. 재생을 눌러 평면의 골짜기를 내려가는 가중치를 따라가 보세요.",
        },
        {"view": "network", "p_plane": "pca", "p_opt": "adam", "p_lr": 0.01, "p_steps": 500},
    ),
    Preset(
        "explorer_net_random",
        "explorer",
        {"en": "On a random plane the path vanishes", "ko": "랜덤 평면에서는 경로가 사라진다"},
        {
            "en": "The same training path on a plane of two random filter-normalised directions: the plane holds "
            "only 0.3% of the path's squared displacement, against 98% for the PCA plane. In 1185 dimensions "
            "two random directions are nearly orthogonal to the path and catch about 2/d = 0.17% of it, so "
            "the whole path shrinks to a knot around the final weights.",
            "ko": "같은 학습 경로를 필터 정규화 랜덤 방향 두 개의 평면에 그립니다: 이 평면은 경로 변위 제곱의 "
            "0.3%만 담고, PCA 평면은 98%를 담습니다. 1185차원에서 랜덤 방향 두 개는 경로와 거의 직교하므로 약 "
            "2/d = 0.17%만 잡고, 경로 전체가 최종 가중치 주위의 매듭으로 줄어듭니다.",
        },
        {"view": "network", "p_plane": "random", "p_opt": "adam", "p_lr": 0.01, "p_steps": 500},
    ),
    Preset(
        "explorer_hd_saddles",
        "explorer",
        {
            "en": "In high dimensions almost every critical point is a saddle",
            "ko": "고차원에서는 거의 모든 임계점이 안장점이다",
        },
        {
            "en": "Among the critical points that Newton's method finds on random smooth functions, 53% are minima in 1 dimension, as the theory's one half says, but only 0.5% in 6 dimensions (2 of 374). "
            "A random symmetric matrix is positive definite more rarely still: 14.6% at n = 2, 0.0005% at n = 6. "
            "On the right, a small network's critical points: the lowest (loss 0.056) is a minimum, the highest (loss 0.50) has the most ways down.",
            "ko": "무작위 매끄러운 함수에서 뉴턴 방법이 찾은 임계점 중 최솟값은 1차원에서 53%로 이론값 절반과 맞지만, 6차원에서는 0.5%뿐입니다(374개 중 2개). "
            "무작위 대칭 행렬이 양의 정부호일 확률은 더 작습니다: n = 2에서 14.6%, n = 6에서 0.0005%. "
            "오른쪽은 작은 신경망의 임계점입니다: 가장 낮은 점(손실 0.056)은 최솟값이고, 가장 높은 점(손실 0.50)은 내려가는 방향이 가장 많습니다.",
        },
        {"view": "hd"},
    ),
    Preset(
        "explorer_hd_quartic",
        "explorer",
        {
            "en": "Random quartics: minima become rare too",
            "ko": "무작위 4차 다항식: 여기서도 최솟값은 드물어진다",
        },
        {
            "en": "A random quartic (a polynomial of degree 4) grows in every direction, so in 1 dimension most of its critical points are minima: 84% in theory, 81% measured. "
            "Add dimensions and the share still falls, to 3% at n = 8: each direction of negative curvature of the degree-2 part is one more way down.",
            "ko": "무작위 4차 다항식은 모든 방향으로 커지므로 1차원에서는 임계점 대부분이 최솟값입니다: 이론값 84%, 측정값 81%. "
            "차원을 늘리면 그래도 비율이 줄어 n = 8에서 3%가 됩니다: 2차 항의 음의 곡률 방향 하나하나가 내려가는 길이 됩니다.",
        },
        {"view": "hd", "hd_family": "quartic", "hd_nmax": 8, "hd_mlp": False},
    ),
]
