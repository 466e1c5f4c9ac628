# ruff: noqa: E501 - translated prose: lines are broken for reading, not at 110 columns
"""Strings of the Landscape explorer's network view (a network's loss along its training path)."""

STRINGS = {
    "explorer.view.network": {"en": "Network landscape", "ko": "신경망 손실 지형"},
    "explorer.net.intro": {
        "en": "A small MLP is trained and its weights are recorded along the way. The loss is then drawn on "
        "the plane of the path's first two PCA directions (Li et al. 2018, §7), which holds most of the path, "
        "and for contrast on a plane of two random filter-normalised directions (§4), where the path nearly "
        "vanishes.",
        "ko": "작은 MLP를 학습시키며 가중치를 기록합니다. 그다음 경로의 첫 두 주성분 분석(PCA) 방향이 만드는 "
        "평면(Li 외, 2018, 7절) 위에 손실을 그립니다. 이 평면은 경로 대부분을 담습니다. 비교를 위해 필터 정규화 "
        "랜덤 방향 두 개가 만드는 평면(4절)에도 그리는데, 거기서는 경로가 거의 사라집니다.",
    },
    "explorer.net.network": {"en": "Network and data", "ko": "신경망과 데이터"},
    "explorer.net.training": {"en": "Training", "ko": "학습"},
    "explorer.net.data": {"en": "Data set", "ko": "데이터셋"},
    "explorer.net.width": {"en": "Units per hidden layer", "ko": "은닉층마다 유닛 수"},
    "explorer.net.depth": {"en": "Hidden layers", "ko": "은닉층 수"},
    "explorer.net.act": {"en": "Activation", "ko": "활성화 함수"},
    "explorer.net.opt": {"en": "Optimizer", "ko": "옵티마이저"},
    "explorer.net.lr": {"en": "Learning rate (lr)", "ko": "학습률 (lr)"},
    "explorer.net.batch": {"en": "Batch size", "ko": "배치 크기"},
    "explorer.net.batch_full": {"en": "full batch ({n})", "ko": "전체 배치 ({n})"},
    "explorer.net.steps": {"en": "Steps", "ko": "스텝 수"},
    "explorer.net.records": {
        "en": "Recorded weights along the path",
        "ko": "경로를 따라 기록한 가중치 수",
    },
    "explorer.net.grid": {"en": "Grid points per axis", "ko": "축마다 격자점 수"},
    "explorer.net.seed": {"en": "Seed (initial weights)", "ko": "시드 (초기 가중치)"},
    "explorer.net.plane": {"en": "Plane", "ko": "평면"},
    "explorer.net.plane.pca": {"en": "PCA plane of the path", "ko": "경로의 PCA 평면"},
    "explorer.net.plane.random": {
        "en": "Random plane (filter-normalised)",
        "ko": "랜덤 평면 (필터 정규화)",
    },
    "explorer.net.show3d": {"en": "3-D view", "ko": "3차원 보기"},
    "explorer.net.bad_config": {"en": "Cannot run this: {msg}", "ko": "실행할 수 없습니다: {msg}"},
    "explorer.net.progress_train": {"en": "Training the network…", "ko": "신경망 학습 중…"},
    "explorer.net.progress_pca": {
        "en": "PCA of the path and the loss on its plane…",
        "ko": "경로의 PCA와 그 평면 위의 손실 계산 중…",
    },
    "explorer.net.progress_random": {
        "en": "The loss on the random plane…",
        "ko": "랜덤 평면 위의 손실 계산 중…",
    },
    "explorer.net.progress_done": {"en": "Done", "ko": "완료"},
    "explorer.net.summary": {
        "en": "{opt} (lr {lr}) trained the network ({d} parameters) for {steps} steps: training loss {l0} → {l1}.",
        "ko": "{opt} (lr {lr})로 신경망(파라미터 {d}개)을 {steps} 스텝 학습했습니다: 학습 손실 {l0} → {l1}.",
    },
    "explorer.net.explained": {
        "en": "The first two PCA directions of the path explain {e1} and {e2} of its squared displacement from "
        "the final weights ({both} together): the path is nearly flat, so its plane shows almost all of it.",
        "ko": "경로의 첫 두 PCA 방향이 최종 가중치로부터의 변위 제곱의 {e1}와 {e2}를 설명합니다(합쳐서 {both}). "
        "경로가 거의 평평하므로 이 평면이 경로를 거의 다 보여 줍니다.",
    },
    "explorer.net.why_random": {
        "en": "On the random plane the path nearly vanishes: it holds only {captured} of the path's squared "
        "displacement (the PCA plane {pca}). In d = {d} dimensions two random directions are nearly "
        "orthogonal to any fixed direction, the path's included: they catch about 2/d = {two_over_d} of it. "
        "The whole path shrinks to a small knot around the final weights.",
        "ko": "랜덤 평면에서는 경로가 거의 사라집니다: 경로의 변위 제곱 중 {captured}만 담습니다(PCA 평면은 "
        "{pca}). d = {d}차원에서 랜덤 방향 두 개는 경로를 포함한 어떤 고정된 방향과도 거의 직교하므로, 약 "
        "2/d = {two_over_d}만 잡습니다. 경로 전체가 최종 가중치 주위의 작은 매듭으로 줄어듭니다.",
    },
    "explorer.net.plane_caption_pca": {
        "en": "The plane passes through the final weights (the star, at 0, 0) along the path's first two principal "
        "directions; the path is the recorded weights projected on it (Play moves along it). Axes are "
        "distances in weight space.",
        "ko": "평면은 경로의 첫 두 주성분 방향을 따라 최종 가중치(별, 0, 0)를 지납니다. 경로는 기록한 가중치를 "
        "이 평면에 투영한 것입니다(재생을 누르면 따라 움직입니다). 축은 가중치 공간의 거리입니다.",
    },
    "explorer.net.plane_caption_random": {
        "en": "Two Gaussian directions, each output unit's part rescaled to the norm of that unit's weights "
        "(filter-normalised, Li et al. §4; biases left out); axes in units of these directions.",
        "ko": "가우스 랜덤 방향 두 개를 유닛마다 그 유닛 가중치의 노름으로 맞춘 것입니다(필터 정규화, Li 외 4절; "
        "편향은 제외). 축의 단위는 이 방향입니다.",
    },
    "explorer.net.diverged": {
        "en": "Training diverged at step {step} (the loss stopped being a finite number): lower the learning rate.",
        "ko": "학습이 스텝 {step}에서 발산했습니다(손실이 유한한 수가 아님): 학습률을 낮추세요.",
    },
    "explorer.net.slices_title": {
        "en": "1-D slices through the final weights",
        "ko": "최종 가중치를 지나는 1차원 단면",
    },
    "explorer.net.slices_caption": {
        "en": "The loss along each direction alone. The path's directions cross the valley it came down; "
        "random directions see a bowl around the final weights.",
        "ko": "각 방향 하나만 따라간 손실입니다. 경로의 방향은 경로가 내려온 골짜기를 가로지르고, 랜덤 방향은 "
        "최종 가중치 주위의 그릇 모양을 봅니다.",
    },
    "explorer.net.path_title": {"en": "Loss along the path", "ko": "경로를 따라간 손실"},
    "explorer.net.path_caption": {
        "en": "At the recorded weights, and at their projection on each plane. Where a plane holds the path "
        "the curves agree; the random plane's projection stays near the final weights, so its curve is flat.",
        "ko": "기록한 가중치에서의 손실과, 각 평면에 투영한 점에서의 손실입니다. 평면이 경로를 담으면 두 곡선이 "
        "일치합니다. 랜덤 평면의 투영은 최종 가중치 근처에 머물러 곡선이 평평합니다.",
    },
    "explorer.net.explained_title": {
        "en": "Share of the path along each principal direction",
        "ko": "주성분 방향마다 경로가 차지하는 비율",
    },
    # figures
    "explorer.net.fig.path": {"en": "training path", "ko": "학습 경로"},
    "explorer.net.fig.final": {"en": "final weights", "ko": "최종 가중치"},
    "explorer.net.fig.loss": {"en": "training loss", "ko": "학습 손실"},
    "explorer.net.fig.step": {"en": "step", "ko": "스텝"},
    "explorer.net.fig.pca_axis": {"en": "PCA direction {k} ({share})", "ko": "PCA 방향 {k} ({share})"},
    "explorer.net.fig.random_axis": {"en": "random direction {k}", "ko": "랜덤 방향 {k}"},
    "explorer.net.fig.pca_plane": {"en": "PCA directions", "ko": "PCA 방향"},
    "explorer.net.fig.random_plane": {"en": "random directions", "ko": "랜덤 방향"},
    "explorer.net.fig.offset_pca": {
        "en": "distance from the final weights",
        "ko": "최종 가중치로부터의 거리",
    },
    "explorer.net.fig.offset_random": {"en": "offset (direction units)", "ko": "이동량 (방향 단위)"},
    "explorer.net.fig.at_weights": {"en": "at the weights", "ko": "가중치에서"},
    "explorer.net.fig.on_pca": {"en": "projected on the PCA plane", "ko": "PCA 평면에 투영"},
    "explorer.net.fig.on_random": {"en": "projected on the random plane", "ko": "랜덤 평면에 투영"},
    "explorer.net.fig.explained": {"en": "share of the path", "ko": "경로 비율"},
    "explorer.net.fig.component": {"en": "principal direction", "ko": "주성분 방향"},
}

FIGURE_KEYS = (
    "path",
    "final",
    "loss",
    "step",
    "pca_axis",
    "random_axis",
    "pca_plane",
    "random_plane",
    "offset_pca",
    "offset_random",
    "at_weights",
    "on_pca",
    "on_random",
    "explained",
    "component",
)


def figure_text(lang: str) -> dict:
    """The network view's figure strings in ``lang``, as ``viz.explorer_net`` takes them."""
    return {k: STRINGS[f"explorer.net.fig.{k}"][lang] for k in FIGURE_KEYS}
