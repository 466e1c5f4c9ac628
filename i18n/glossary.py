# ruff: noqa: E501 - translated prose: lines are broken for reading, not at 110 columns
"""The glossary (page ``/glossary``) and the Korean terms the app uses.

:data:`TERMS`: one entry per technical term the pages show. Each has an anchor on the glossary page
(its ``id``), the patterns that find it in English and in Korean text (``ui.glossary`` puts a
plain-words tooltip, linked to the entry, on every text and control that mentions it) and, in
:data:`STRINGS`, its name (``glossary.<id>.name``) and plain-words explanation (``.tip``) in both
languages. The Korean name is the lecture notes' term.

:data:`CHOICES`: one Korean term per concept, chosen with the lecture notes
(``shared/lecture-notes``), the variants the app does not use (patterns; a test fails on any of them
in a Korean string) and why (``glossary.choice.<id>.why``). The glossary page lists them.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Term(NamedTuple):
    """A technical term: ``id`` (its anchor), the regular expressions that find it in each language."""

    id: str
    en: tuple[str, ...]
    ko: tuple[str, ...]


# Order: the page lists them in this order (from the first idea of the lecture to the last).
TERMS: tuple[Term, ...] = (
    Term("loss", (r"\bloss(?:es)?\b",), ("손실",)),
    Term("gradient", (r"\bgradients?\b(?! Atlas)", "∇f"), ("기울기", "∇f")),  # not the app's name
    Term("gradient_descent", (r"gradient descent", r"\bGD\b"), ("경사하강법",)),
    Term("step", (r"\bsteps?\b", r"\bΔw\b"), ("스텝", r"\bΔw\b")),
    Term("learning_rate", (r"learning.rates?", r"\blr\b", "η"), ("학습률", r"\blr\b", "η")),
    Term("curvature", (r"curvature",), ("곡률",)),
    Term(
        "hessian",
        (r"Hessian", "λ_max", "λ_ref", r"eigenvalue", r"eigenvector"),
        ("헤시안", "λ_max", "λ_ref", "고윳값", "고유벡터"),
    ),
    Term("stability", (r"stab(?:le|ility)", r"divergence edge", r"\bedge\b"), ("안정", "발산 경계")),
    Term("divergence", (r"diverg",), ("발산",)),
    Term("condition_number", ("κ", r"condition number"), ("κ", "조건수")),
    Term(
        "contraction",
        (r"contract", r"spectral radius", r"convergence rate"),
        ("수축", "스펙트럼 반지름", "수렴 속도"),
    ),
    Term(
        "momentum",
        (r"\bmomentum\b", "μ", r"velocity", r"first moment"),
        ("모멘텀", "μ", "속도 /", "쌓인 속도", "1차 모멘트"),
    ),
    Term("heavy_ball", (r"heavy.ball",), ("헤비볼",)),
    Term("nag", (r"\bNAG\b", r"look-ahead", r"Nesterov"), (r"\bNAG\b", "미리 본", "Nesterov")),
    Term("adaptive", (r"per.coordinate", r"adaptive", r"rescales"), ("좌표마다", "좌표별", "적응형")),
    Term("ema", (r"running average", r"moving average", r"root mean square"), ("지수평균", "제곱평균제곱근")),
    Term("epsilon", (r"ε(?!-sharp)", r"\bepsilon\b"), (r"ε(?!-날카)", "엡실론")),
    Term("betas", ("β₁", "β₂", "β1", "β2"), ("β₁", "β₂", "β1", "β2")),
    Term("weight_decay", (r"weight decay",), ("가중치 감쇠",)),
    Term(
        "schedule",
        (r"schedules?\b", r"warm-up", r"cosine", r"step decay"),
        ("스케줄", "워밍업", "코사인", "계단식 감소"),
    ),
    Term("phase_map", (r"phase map",), ("위상도",)),
    Term("hyperparameter", (r"hyperparameter",), ("하이퍼파라미터",)),
    Term(
        "search",
        (r"grid search", r"random search", r"grid vs random"),
        ("그리드 탐색", "랜덤 탐색", "그리드 대 랜덤"),
    ),
    Term("saddle", (r"saddle",), ("안장",)),
    Term("minima", (r"local minim", r"global minim", r"\bbasins?\b"), ("지역 최솟값", "전역 최솟값", "분지")),
    Term(
        "sharp_flat",
        (r"sharp(?!ness)(?! well)", r"\bflat minim", r"sharpness"),
        ("날카로운", "평평한 최솟값", "날카로움"),
    ),
    Term("eps_sharpness", (r"ε-sharpness",), ("ε-날카로움",)),
    Term("lanczos", (r"Lanczos",), ("Lanczos",)),
    Term(
        "filter_normalised",
        (r"filter.normali[sz]ed", r"filter by filter"),
        ("필터 정규화", "필터(출력 유닛)마다"),
    ),
    Term("sam", (r"\bSAM\b",), (r"\bSAM\b",)),
    Term("batch", (r"\bbatch", r"mini-batch"), ("배치",)),
    Term("b_min", (r"B_min",), ("B_min",)),
    Term("epoch", (r"\bepochs?\b",), ("에폭",)),
    Term("noise", (r"\bnoise\b", r"\bnoisy\b"), ("노이즈",)),
    Term("seed", (r"\bseeds?\b",), ("시드",)),
    Term("tolerance", (r"tolerance",), ("허용 오차",)),
    Term("generalization", (r"generali[sz]", r"\bgap\b"), ("일반화", "격차")),
    Term("overfitting", (r"memoris", r"overfit", r"underfit"), ("오버피팅", "덜 학습")),
    Term("flipped_labels", (r"flipped",), ("뒤바",)),
    Term("decision_boundary", (r"decision boundar",), ("결정 경계",)),
    Term("interpolation", (r"line between", r"α·w"), ("해 사이의 직선", "α·w")),
    Term("activation", (r"activation",), ("활성화 함수",)),
    Term("initialization", (r"initiali[sz]ation",), ("초기화",)),
    Term("float32", (r"float32",), ("float32",)),
)


class Choice(NamedTuple):
    """One Korean term per concept: ``chosen``, the ``variants`` the app does not use (as shown on the
    glossary page) and, where a plain search for them would find other words too, ``patterns``:
    regular expressions matched against Korean strings instead. Why: ``glossary.choice.<id>.why``."""

    id: str
    chosen: str
    variants: tuple[str, ...]
    patterns: tuple[str, ...] = ()

    @property
    def forbidden(self) -> tuple[str, ...]:
        """The regular expressions a Korean string must not match."""
        return self.patterns or tuple(re.escape(v) for v in self.variants)


CHOICES: tuple[Choice, ...] = (
    Choice("step", "스텝", ("걸음", "보폭", "이동 폭")),
    Choice(
        "overfitting",
        "오버피팅",
        ("과적합", "외우다", "암기"),
        ("과적합", "외우", "외운", "외워", "외웠", "암기"),
    ),
    Choice("hessian", "헤시안", ("헤세", "헤세 행렬"), ("헤세",)),
    # 일정 stays an ordinary word elsewhere ("일정한 길이"): only as the name of the schedule
    Choice("constant", "고정", ("일정",), (r"^일정$", r"일정한 학습률")),
    Choice("noise", "노이즈", ("잡음",)),
    Choice("parameter", "파라미터", ("매개변수",)),
    Choice("training", "학습", ("훈련",)),
    Choice("sample", "샘플", ("표본",)),
    Choice("gradient_descent", "경사하강법", ("경사 하강법",), ("경사 하강",)),
    Choice("gradient", "기울기", ("그래디언트", "경사도")),
    Choice("learning_rate", "학습률", ("러닝 레이트",), (r"러닝 ?레이트",)),
    Choice("ema", "지수평균", ("이동 평균",), ("이동 ?평균",)),
    Choice("local_minimum", "지역 최솟값", ("국소 최솟값",), ("국소 최소",)),
    Choice("minimum_spelling", "최솟값", ("최소값", "최대값", "극소값")),
    Choice("eigenvalue_spelling", "고윳값", ("고유값",)),
    Choice("update", "업데이트", ("갱신",)),
    Choice("race_page", "옵티마이저 경주", ("레이스",)),
    # 식 inside a word (조건식, 수식) is another word
    Choice("formula", "수식", ("식",), (r"(?<![가-힣])식(?:[은이을의도]|\s|$)",)),
    Choice(
        "symbols",
        "η μ α β κ θ ρ ψ ε λ",
        ("eta", "mu", "alpha", "beta", "kappa", "theta", "rho", "psi", "eps", "lambda"),
        (
            r"(?i)(?<![A-Za-z])(?:eta|mu|alpha|beta[12]?|kappa|theta|rho|psi|eps|epsilon|lambda|gamma)(?![A-Za-z])",
        ),
    ),
)

STRINGS = {
    "glossary.title": {"en": "Glossary", "ko": "용어집"},
    "glossary.desc": {
        "en": "Every technical term the pages use, in plain words, in English and in Korean (the lecture notes' terms).",
        "ko": "페이지에 나오는 모든 전문 용어를 쉬운 말로, 영어와 한국어(강의 노트의 용어)로 설명합니다.",
    },
    "glossary.intro": {
        "en": "The terms below are the ones the pages show. Where a page mentions one, the ⓘ mark beside the text or control opens this explanation. The Korean names are the lecture notes' terms.",
        "ko": "아래 용어는 페이지에 나오는 것들입니다. 페이지에서 용어가 나오면 글이나 설정 옆의 ⓘ 표시를 눌러 이 설명을 볼 수 있습니다. 한국어 이름은 강의 노트의 용어입니다.",
    },
    "glossary.terms": {"en": "Terms", "ko": "용어"},
    "glossary.other_name": {"en": "한국어: {name}", "ko": "English: {name}"},
    "glossary.more": {"en": "Glossary →", "ko": "용어집 →"},
    "glossary.choices": {"en": "Korean terms used in this app", "ko": "이 앱이 쓰는 한국어 용어"},
    "glossary.choices_intro": {
        "en": "One Korean term per concept, as the lecture notes write it. The app never uses the variants in the third column (a test checks every Korean string).",
        "ko": "개념마다 한국어 용어를 하나만, 강의 노트가 쓰는 대로 씁니다. 셋째 열의 다른 표기는 앱 어디에도 쓰지 않습니다(모든 한국어 문장을 테스트가 확인합니다).",
    },
    "glossary.col_concept": {"en": "Concept", "ko": "개념"},
    "glossary.col_chosen": {"en": "Korean term", "ko": "쓰는 용어"},
    "glossary.col_not": {"en": "Not used", "ko": "쓰지 않는 표기"},
    "glossary.col_why": {"en": "Why (evidence from the notes)", "ko": "이유 (강의 노트의 근거)"},
    # ---- the terms: name and plain words
    "glossary.loss.name": {"en": "Loss", "ko": "손실"},
    "glossary.loss.tip": {
        "en": "One number that says how wrong the model is; training tries to make it small. On a 2-D surface it is the height f(x, y).",
        "ko": "모델이 얼마나 틀렸는지를 나타내는 숫자 하나입니다. 학습은 이 값을 작게 만들려고 합니다. 2차원 곡면에서는 높이 f(x, y)입니다.",
    },
    "glossary.gradient.name": {"en": "Gradient ∇f", "ko": "기울기 ∇f"},
    "glossary.gradient.tip": {
        "en": "The direction in which the loss rises fastest, and how steeply. Optimizers step the other way (−gradient).",
        "ko": "손실이 가장 빨리 커지는 방향과 그 가파른 정도입니다. 옵티마이저는 그 반대쪽(−기울기)으로 스텝을 밟습니다.",
    },
    "glossary.gradient_descent.name": {"en": "Gradient descent (GD)", "ko": "경사하강법 (GD)"},
    "glossary.gradient_descent.tip": {
        "en": "Repeat: move a little against the gradient. With all the data it is exact; with a mini-batch it is SGD.",
        "ko": "기울기의 반대 방향으로 조금씩 움직이기를 되풀이합니다. 데이터를 모두 쓰면 정확하고, 미니배치를 쓰면 SGD입니다.",
    },
    "glossary.step.name": {"en": "Step (update)", "ko": "스텝 (업데이트)"},
    "glossary.step.tip": {
        "en": "One update of the weights: w ← w − η·g for plain SGD. The step size is how far one update moves (Δw).",
        "ko": "가중치를 한 번 업데이트하는 것입니다. 기본 SGD라면 w ← w − η·g입니다. 스텝 크기는 한 번에 움직이는 거리(Δw)입니다.",
    },
    "glossary.learning_rate.name": {"en": "Learning rate η (lr)", "ko": "학습률 η (lr)"},
    "glossary.learning_rate.tip": {
        "en": "How big each step is compared with the gradient. Too small: slow. Too large: it overshoots, oscillates or diverges.",
        "ko": "기울기에 비해 스텝을 얼마나 크게 밟을지 정합니다. 너무 작으면 느리고, 너무 크면 지나치거나 진동하거나 발산합니다.",
    },
    "glossary.curvature.name": {"en": "Curvature", "ko": "곡률"},
    "glossary.curvature.tip": {
        "en": "How fast the slope changes: a narrow valley has high curvature across it. High curvature needs small steps.",
        "ko": "기울기가 얼마나 빨리 변하는지입니다. 좁은 골짜기는 가로 방향의 곡률이 큽니다. 곡률이 크면 스텝이 작아야 합니다.",
    },
    "glossary.hessian.name": {"en": "Hessian, λ_max (top eigenvalue)", "ko": "헤시안, λ_max (최대 고윳값)"},
    "glossary.hessian.tip": {
        "en": "The Hessian holds all second derivatives of the loss: its curvature in every direction. λ_max, its largest eigenvalue, is the curvature of the steepest direction; gradient descent is stable while lr × λ_max < 2.",
        "ko": "헤시안은 손실의 2차 미분을 모두 모은 행렬로, 모든 방향의 곡률을 담고 있습니다. 가장 큰 고윳값 λ_max는 가장 가파르게 휘는 방향의 곡률이며, 경사하강법은 lr × λ_max < 2일 때 안정적입니다.",
    },
    "glossary.stability.name": {"en": "Stability limit (edge)", "ko": "안정성 한계 (경계)"},
    "glossary.stability.tip": {
        "en": "The largest learning rate that does not blow up: lr < c / λ_max, with c = 2 for plain gradient descent and larger for momentum. Past this edge the run diverges.",
        "ko": "발산하지 않는 가장 큰 학습률입니다: lr < c / λ_max이며, 기본 경사하강법은 c = 2, 모멘텀은 그보다 큽니다. 이 경계를 넘으면 실행이 발산합니다.",
    },
    "glossary.divergence.name": {"en": "Divergence", "ko": "발산"},
    "glossary.divergence.tip": {
        "en": "The loss grows without bound (or becomes infinite): each step overshoots more than the last.",
        "ko": "손실이 끝없이 커지거나 무한대가 되는 것입니다. 스텝마다 이전보다 더 크게 지나칩니다.",
    },
    "glossary.condition_number.name": {"en": "Condition number κ", "ko": "조건수 κ"},
    "glossary.condition_number.tip": {
        "en": "How stretched a bowl is: its steepest curvature divided by its flattest. Large κ means a long narrow valley, where gradient descent zig-zags and is slow.",
        "ko": "그릇이 얼마나 길쭉한지입니다: 가장 큰 곡률을 가장 작은 곡률로 나눈 값입니다. κ가 크면 길고 좁은 골짜기가 되어 경사하강법이 지그재그하며 느려집니다.",
    },
    "glossary.contraction.name": {"en": "Contraction ρ (per-step rate)", "ko": "수축률 ρ (스텝당)"},
    "glossary.contraction.tip": {
        "en": "The factor by which the distance to the minimum shrinks each step (near it). ρ = 0.9 keeps 90% each step; smaller is faster; ρ ≥ 1 does not converge. On a quadratic it is the spectral radius of the update rule.",
        "ko": "최솟값 근처에서 스텝마다 최솟값까지의 거리가 줄어드는 비율입니다. ρ = 0.9면 스텝마다 90%가 남습니다. 작을수록 빠르고, ρ ≥ 1이면 수렴하지 않습니다. 이차 함수에서는 업데이트 규칙의 스펙트럼 반지름입니다.",
    },
    "glossary.momentum.name": {"en": "Momentum μ (velocity)", "ko": "모멘텀 μ (속도)"},
    "glossary.momentum.tip": {
        "en": "The optimizer keeps a velocity: a running sum of past gradients, shrunk by μ each step. Like a rolling ball it speeds up along a steady slope and may overshoot.",
        "ko": "옵티마이저가 속도를 가집니다: 지난 기울기를 더해 가되 스텝마다 μ배로 줄입니다. 구르는 공처럼 꾸준한 비탈에서는 빨라지고, 지나칠 수도 있습니다.",
    },
    "glossary.heavy_ball.name": {
        "en": "Heavy ball (classical momentum)",
        "ko": "헤비볼 모멘텀 (고전 모멘텀)",
    },
    "glossary.heavy_ball.tip": {
        "en": "Polyak's momentum: the gradient is taken where the ball is. Its stability limit is lr × λ_max < 2 + 2μ.",
        "ko": "Polyak의 모멘텀입니다. 공이 있는 자리에서 기울기를 구합니다. 안정성 한계는 lr × λ_max < 2 + 2μ입니다.",
    },
    "glossary.nag.name": {"en": "NAG (Nesterov), look-ahead point", "ko": "NAG (Nesterov), 미리 본 지점"},
    "glossary.nag.tip": {
        "en": "Momentum that takes the gradient where the velocity is about to carry it (the look-ahead point), so it brakes before overshooting.",
        "ko": "속도가 데려갈 자리(미리 본 지점)에서 기울기를 구하는 모멘텀입니다. 그래서 지나치기 전에 속도를 줄입니다.",
    },
    "glossary.adaptive.name": {"en": "Adaptive (per-coordinate) steps", "ko": "적응형 (좌표별) 스텝"},
    "glossary.adaptive.tip": {
        "en": "Adagrad, RMSprop and Adam divide each coordinate's step by the size of its recent gradients, so steep and flat directions move at similar speeds.",
        "ko": "Adagrad, RMSprop, Adam은 좌표마다 스텝을 그 좌표의 최근 기울기 크기로 나눕니다. 그래서 가파른 방향과 완만한 방향이 비슷한 속도로 움직입니다.",
    },
    "glossary.ema.name": {"en": "Exponential moving average", "ko": "지수평균"},
    "glossary.ema.tip": {
        "en": "An average that forgets: each step keeps a fraction (β, α or ρ, e.g. 0.9) of the old average and adds the rest from the new value.",
        "ko": "잊어 가는 평균입니다. 스텝마다 이전 평균의 일정 비율(β, α, ρ, 예: 0.9)을 남기고 나머지를 새 값으로 채웁니다.",
    },
    "glossary.epsilon.name": {"en": "Epsilon ε", "ko": "엡실론 ε"},
    "glossary.epsilon.tip": {
        "en": "A tiny number added to a divisor so it is never zero (Adagrad, RMSprop, Adam). Where gradients are tiny, a larger ε makes the steps smaller.",
        "ko": "나누는 수가 0이 되지 않도록 더하는 아주 작은 수입니다(Adagrad, RMSprop, Adam). 기울기가 아주 작은 곳에서는 ε이 클수록 스텝이 작아집니다.",
    },
    "glossary.betas.name": {"en": "β₁, β₂ (Adam)", "ko": "β₁, β₂ (Adam)"},
    "glossary.betas.tip": {
        "en": "How much Adam remembers: β₁ for the average gradient (its momentum), β₂ for the average squared gradient (its step scale).",
        "ko": "Adam이 얼마나 기억하는지입니다. β₁은 기울기의 평균(모멘텀), β₂는 기울기 제곱의 평균(스텝 크기의 기준)에 쓰입니다.",
    },
    "glossary.weight_decay.name": {"en": "Weight decay λ", "ko": "가중치 감쇠 λ"},
    "glossary.weight_decay.tip": {
        "en": "Shrinks the weights a little every step, pulling them towards zero (AdamW applies it directly to the weights).",
        "ko": "스텝마다 가중치를 조금씩 줄여 0 쪽으로 당깁니다(AdamW는 가중치에 직접 적용합니다).",
    },
    "glossary.schedule.name": {"en": "Learning-rate schedule", "ko": "학습률 스케줄"},
    "glossary.schedule.tip": {
        "en": "A learning rate that changes with the step: constant, step decay, exponential, cosine, or a warm-up that starts small and grows before decaying.",
        "ko": "스텝에 따라 바뀌는 학습률입니다: 고정, 계단식 감소, 지수 감소, 코사인, 또는 작게 시작해 커진 뒤 줄어드는 워밍업.",
    },
    "glossary.phase_map.name": {"en": "Phase map", "ko": "위상도"},
    "glossary.phase_map.tip": {
        "en": "A picture of many runs: each cell is one setting of two hyperparameters (e.g. lr and μ), coloured by how fast it converges or whether it diverges.",
        "ko": "여러 실행을 한 그림에 담은 것입니다. 칸마다 두 하이퍼파라미터(예: lr과 μ)의 한 설정이며, 얼마나 빨리 수렴하는지 또는 발산하는지를 색으로 보여 줍니다.",
    },
    "glossary.hyperparameter.name": {"en": "Hyperparameter", "ko": "하이퍼파라미터"},
    "glossary.hyperparameter.tip": {
        "en": "A setting you choose before training (learning rate, momentum, batch size); the weights are the parameters training finds.",
        "ko": "학습 전에 사람이 정하는 설정입니다(학습률, 모멘텀, 배치 크기). 가중치는 학습이 찾는 파라미터입니다.",
    },
    "glossary.search.name": {"en": "Grid search and random search", "ko": "그리드 탐색과 랜덤 탐색"},
    "glossary.search.tip": {
        "en": "Two ways to try hyperparameters with a fixed budget: a grid repeats a few values per axis; random draws new values every run, which helps when one axis matters much more.",
        "ko": "정해진 예산으로 하이퍼파라미터를 시도하는 두 방법입니다. 그리드는 축마다 몇 개 값을 반복하고, 랜덤은 실행마다 새 값을 뽑습니다. 한 축이 훨씬 중요할 때 랜덤이 유리합니다.",
    },
    "glossary.saddle.name": {"en": "Saddle point", "ko": "안장점"},
    "glossary.saddle.tip": {
        "en": "A point where the gradient is zero but it is not a minimum: downhill one way, uphill the other, like a horse's saddle.",
        "ko": "기울기가 0이지만 최솟값이 아닌 점입니다. 말안장처럼 한 방향으로는 내리막, 다른 방향으로는 오르막입니다.",
    },
    "glossary.minima.name": {"en": "Local and global minimum, basin", "ko": "지역 최솟값, 전역 최솟값, 분지"},
    "glossary.minima.tip": {
        "en": "A local minimum is lower than everything around it; the global minimum is the lowest of all. A basin is the region from which descent ends in a given minimum.",
        "ko": "지역 최솟값은 주변 어디보다 낮은 점이고, 전역 최솟값은 그중 가장 낮은 점입니다. 분지는 그 최솟값으로 내려가게 되는 영역입니다.",
    },
    "glossary.sharp_flat.name": {"en": "Sharp and flat minimum", "ko": "날카로운 최솟값과 평평한 최솟값"},
    "glossary.sharp_flat.tip": {
        "en": "A sharp minimum is a narrow, steep-walled well (large curvature); a flat one is wide. The lecture: large batches find sharp minima, which generalize worse.",
        "ko": "날카로운 최솟값은 벽이 가파른 좁은 우물(곡률이 큼)이고, 평평한 최솟값은 넓습니다. 강의: 큰 배치는 날카로운 최솟값을 찾고, 그곳은 일반화가 더 나쁩니다.",
    },
    "glossary.eps_sharpness.name": {"en": "ε-sharpness", "ko": "ε-날카로움"},
    "glossary.eps_sharpness.tip": {
        "en": "Keskar et al.'s measure: how much the training loss can rise inside a small box of size ε around the solution. Sharp minima score high.",
        "ko": "Keskar 외의 측정법입니다. 해 주변의 크기 ε인 작은 상자 안에서 학습 손실이 얼마나 커질 수 있는지를 잽니다. 날카로운 최솟값일수록 큽니다.",
    },
    "glossary.lanczos.name": {"en": "Lanczos method", "ko": "Lanczos 방법"},
    "glossary.lanczos.tip": {
        "en": "A way to find the largest eigenvalues of the Hessian without building it, from a few Hessian-vector products.",
        "ko": "헤시안을 직접 만들지 않고, 헤시안-벡터 곱 몇 번으로 가장 큰 고윳값을 찾는 방법입니다.",
    },
    "glossary.filter_normalised.name": {"en": "Filter-normalised directions", "ko": "필터 정규화 방향"},
    "glossary.filter_normalised.tip": {
        "en": "Random directions rescaled per neuron to the size of the network's own weights (Li et al. 2018), so slices of networks with different weight sizes can be compared.",
        "ko": "무작위 방향을 뉴런마다 신경망 자신의 가중치 크기에 맞게 다시 조정한 것입니다(Li 외 2018). 그래서 가중치 크기가 다른 신경망의 단면도 비교할 수 있습니다.",
    },
    "glossary.sam.name": {
        "en": "SAM (sharpness-aware minimization), radius ρ",
        "ko": "SAM (날카로움을 고려한 최소화), 반지름 ρ",
    },
    "glossary.sam.tip": {
        "en": "Before each step SAM looks a distance ρ uphill and takes the gradient there, so it is pushed out of sharp minima. It costs two gradients per step.",
        "ko": "SAM은 스텝마다 먼저 오르막으로 ρ만큼 가 본 곳에서 기울기를 구합니다. 그래서 날카로운 최솟값에서 밀려납니다. 스텝마다 기울기를 두 번 계산합니다.",
    },
    "glossary.batch.name": {
        "en": "Batch size, mini-batch, full batch",
        "ko": "배치 크기, 미니배치, 전체 배치",
    },
    "glossary.batch.tip": {
        "en": "How many samples one step averages its gradient over. A mini-batch is a few (a noisy gradient); the full batch is all of them (the exact gradient).",
        "ko": "한 스텝에서 기울기를 몇 개의 샘플로 평균 내는지입니다. 미니배치는 일부(노이즈가 섞인 기울기), 전체 배치는 전부(정확한 기울기)입니다.",
    },
    "glossary.b_min.name": {"en": "B_min", "ko": "B_min"},
    "glossary.b_min.tip": {
        "en": "The smallest batch size of the study; the learning rate of a larger batch B can be scaled by B / B_min (linear rule) or √(B / B_min).",
        "ko": "실험에서 가장 작은 배치 크기입니다. 더 큰 배치 B의 학습률은 B / B_min(선형 규칙)이나 √(B / B_min)만큼 키울 수 있습니다.",
    },
    "glossary.epoch.name": {"en": "Epoch", "ko": "에폭"},
    "glossary.epoch.tip": {
        "en": "One pass over the whole training set. With the same number of steps, a larger batch sees more epochs.",
        "ko": "학습 데이터 전체를 한 번 훑는 것입니다. 스텝 수가 같으면 배치가 클수록 에폭을 더 많이 봅니다.",
    },
    "glossary.noise.name": {"en": "Noise", "ko": "노이즈"},
    "glossary.noise.tip": {
        "en": "Random error: in a mini-batch gradient (it shrinks as the batch grows), or added to the data points.",
        "ko": "무작위 오차입니다. 미니배치 기울기에 섞이거나(배치가 클수록 줄어듭니다) 데이터 점에 더해집니다.",
    },
    "glossary.seed.name": {"en": "Seed", "ko": "시드"},
    "glossary.seed.tip": {
        "en": "The starting number of the random generator: the same seed gives the same random choices, so a run can be repeated.",
        "ko": "난수 생성기의 시작 숫자입니다. 시드가 같으면 무작위 선택도 같아서 실행을 그대로 되풀이할 수 있습니다.",
    },
    "glossary.tolerance.name": {"en": "Tolerance", "ko": "허용 오차"},
    "glossary.tolerance.tip": {
        "en": "How close to the minimum's loss counts as arrived: a run arrives at the first step whose loss is within this of the minimum.",
        "ko": "최솟값의 손실에 얼마나 가까우면 도착으로 치는지입니다. 손실이 최솟값보다 이만큼 이내가 된 첫 스텝에 도착합니다.",
    },
    "glossary.generalization.name": {"en": "Generalization gap", "ko": "일반화 격차"},
    "glossary.generalization.tip": {
        "en": "How much worse the model does on new (test) data than on its training data: test loss − training loss.",
        "ko": "모델이 학습 데이터보다 새 데이터(테스트)에서 얼마나 더 못하는지입니다: 테스트 손실 − 학습 손실.",
    },
    "glossary.overfitting.name": {"en": "Overfitting", "ko": "오버피팅"},
    "glossary.overfitting.tip": {
        "en": "Fitting the training data, noise and wrong labels included, so well that new data is predicted worse. Underfitting: not even fitting the training data.",
        "ko": "노이즈와 틀린 레이블까지 학습 데이터에 너무 잘 맞춰서 새 데이터는 오히려 더 못 맞히는 것입니다. 반대로 학습 데이터조차 맞추지 못하면 덜 학습된 것입니다.",
    },
    "glossary.flipped_labels.name": {"en": "Flipped labels", "ko": "뒤바뀐 레이블"},
    "glossary.flipped_labels.tip": {
        "en": "Training points given a wrong class on purpose. A network that fits them is overfitting; the test set keeps the right labels.",
        "ko": "일부러 틀린 클래스를 붙인 학습 점입니다. 신경망이 이것까지 맞추면 오버피팅입니다. 테스트 데이터의 레이블은 올바릅니다.",
    },
    "glossary.decision_boundary.name": {"en": "Decision boundary", "ko": "결정 경계"},
    "glossary.decision_boundary.tip": {
        "en": "The line where the network switches from predicting one class to the other.",
        "ko": "신경망이 한 클래스에서 다른 클래스로 예측을 바꾸는 경계선입니다.",
    },
    "glossary.interpolation.name": {"en": "Line between solutions", "ko": "해 사이의 직선"},
    "glossary.interpolation.tip": {
        "en": "The weights α·w₁ + (1 − α)·w₀ for α from −1 to 2: the loss along the straight line through two trained networks.",
        "ko": "α가 −1부터 2까지일 때의 가중치 α·w₁ + (1 − α)·w₀입니다. 학습된 두 신경망을 지나는 직선을 따라 본 손실입니다.",
    },
    "glossary.activation.name": {"en": "Activation function", "ko": "활성화 함수"},
    "glossary.activation.tip": {
        "en": "The non-linear function after each layer (ReLU, Leaky ReLU, tanh, Sigmoid); without it, stacked layers are one linear map.",
        "ko": "층마다 뒤에 붙는 비선형 함수입니다(ReLU, Leaky ReLU, tanh, Sigmoid). 이것이 없으면 여러 층을 쌓아도 선형 변환 하나와 같습니다.",
    },
    "glossary.initialization.name": {"en": "Weight initialization", "ko": "가중치 초기화"},
    "glossary.initialization.tip": {
        "en": "How the first weights are drawn: LeCun (variance 1/n_in), Xavier (2/(n_in + n_out)) or He (2/n_in, for ReLU).",
        "ko": "처음 가중치를 뽑는 방법입니다: LeCun(분산 1/n_in), Xavier(2/(n_in + n_out)), He(2/n_in, ReLU용).",
    },
    "glossary.float32.name": {"en": "float32 overflow", "ko": "float32 넘침"},
    "glossary.float32.tip": {
        "en": "The app computes with 32-bit numbers, which stop at about 3.4 × 10³⁸; a loss or step beyond that becomes infinite.",
        "ko": "앱은 32비트 숫자로 계산하며, 이 숫자는 약 3.4 × 10³⁸까지입니다. 그보다 큰 손실이나 스텝은 무한대가 됩니다.",
    },
    # ---- the Korean terms chosen: concept and why
    "glossary.choice.step.concept": {"en": "step (one update)", "ko": "스텝 (한 번의 업데이트)"},
    "glossary.choice.step.why": {
        "en": "The notes write 스텝 (“미리 한 스텝을 옮겨가본 후”, 002, NAG) or the English step / Step size (002, 003, 004); 걸음 never appears.",
        "ko": "노트는 스텝(“미리 한 스텝을 옮겨가본 후”, 002, NAG)이나 영어 `step` / `Step size`(002, 003, 004)로 씁니다. 걸음은 한 번도 나오지 않습니다.",
    },
    "glossary.choice.overfitting.concept": {"en": "overfitting, memorising", "ko": "오버피팅"},
    "glossary.choice.overfitting.why": {
        "en": "오버피팅 appears 10 times in the notes (002, 003: “오버피팅을 방지하는 방법”); 과적합 never.",
        "ko": "노트에 오버피팅이 10번 나옵니다(002, 003: “오버피팅을 방지하는 방법”). 과적합은 한 번도 없습니다.",
    },
    "glossary.choice.hessian.concept": {"en": "Hessian", "ko": "헤시안"},
    "glossary.choice.hessian.why": {
        "en": "The notes have neither form; they transliterate the English term (오버피팅, 파라미터, 모멘텀, 그래디언트), and Hessian is what papers and code say. One form also for 헤시안-벡터 곱.",
        "ko": "노트에는 두 표기 모두 없습니다. 노트는 영어 용어를 소리대로 옮기고(오버피팅, 파라미터, 모멘텀, 그래디언트) 논문과 코드도 `Hessian`이라 쓰므로 헤시안으로 통일합니다(헤시안-벡터 곱도).",
    },
    "glossary.choice.constant.concept": {
        "en": "constant (learning-rate schedule)",
        "ko": "고정 (학습률 스케줄)",
    },
    "glossary.choice.constant.why": {
        "en": "The notes use 고정 for a hyperparameter held fixed (“최적의 Hyperparameter Set을 찾고 이를 고정한 후에”, 001); their 일정 means “a certain” (일정 비율, 일정 범위, 002, 004).",
        "ko": "노트는 값을 바꾸지 않고 둔 하이퍼파라미터에 고정을 씁니다(“…을 찾고 이를 고정한 후에”, 001). 노트의 일정은 ‘어떤’이라는 뜻입니다(일정 비율, 일정 범위, 002, 004).",
    },
    "glossary.choice.noise.concept": {"en": "noise", "ko": "노이즈"},
    "glossary.choice.noise.why": {
        "en": "The notes write 노이즈 (“노이즈 추가”, 004; “노이즈나 이상치”, 002); 잡음 never.",
        "ko": "노트는 노이즈라고 씁니다(“노이즈 추가”, 004; “노이즈나 이상치”, 002). 잡음은 나오지 않습니다.",
    },
    "glossary.choice.parameter.concept": {"en": "parameter", "ko": "파라미터"},
    "glossary.choice.parameter.why": {
        "en": "파라미터 appears 29 times in the notes, 매개변수 never.",
        "ko": "노트에 파라미터가 29번 나오고 매개변수는 한 번도 없습니다.",
    },
    "glossary.choice.training.concept": {"en": "training (data, loss)", "ko": "학습 (데이터, 손실)"},
    "glossary.choice.training.why": {
        "en": "The notes say 학습 데이터 16 times (001, 002, 003, 004) and 훈련 데이터 twice (002).",
        "ko": "노트는 학습 데이터라고 16번(001, 002, 003, 004), 훈련 데이터라고 2번(002) 씁니다.",
    },
    "glossary.choice.sample.concept": {"en": "sample", "ko": "샘플"},
    "glossary.choice.sample.why": {
        "en": "The notes write 샘플 (“한 샘플을 랜덤으로 뽑아”, 004; 랜덤샘플링); 표본 never.",
        "ko": "노트는 샘플이라고 씁니다(“한 샘플을 랜덤으로 뽑아”, 004; 랜덤샘플링). 표본은 나오지 않습니다.",
    },
    "glossary.choice.gradient_descent.concept": {"en": "gradient descent", "ko": "경사하강법"},
    "glossary.choice.gradient_descent.why": {
        "en": "The notes write 경사하강법 in one word (“경사하강법에서 정확한 방향으로”, 002; “경사하강 방법”, 004).",
        "ko": "노트는 경사하강법을 붙여 씁니다(“경사하강법에서 정확한 방향으로”, 002; “경사하강 방법”, 004).",
    },
    "glossary.choice.gradient.concept": {"en": "gradient", "ko": "기울기"},
    "glossary.choice.gradient.why": {
        "en": "기울기 appears 24 times in the notes (002, 003, 004), 그래디언트 3 times.",
        "ko": "노트에 기울기가 24번(002, 003, 004), 그래디언트가 3번 나옵니다.",
    },
    "glossary.choice.learning_rate.concept": {"en": "learning rate", "ko": "학습률"},
    "glossary.choice.learning_rate.why": {
        "en": "The notes define η as 학습률(lr) (002); 러닝 레이트 only in the casual Q&A (003).",
        "ko": "노트는 η를 학습률(lr)로 정의합니다(002). 러닝 레이트는 가벼운 문답(003)에만 나옵니다.",
    },
    "glossary.choice.ema.concept": {"en": "exponential moving average", "ko": "지수평균"},
    "glossary.choice.ema.why": {
        "en": "The notes write 지수평균 for RMSprop's and Adam's averages (“지수평균으로 바꾸어서”, “기울기의 지수평균을 저장”, 002) or EMA; 이동 평균 never.",
        "ko": "노트는 RMSprop과 Adam의 평균을 지수평균(“지수평균으로 바꾸어서”, “기울기의 지수평균을 저장”, 002)이나 EMA로 씁니다. 이동 평균은 나오지 않습니다.",
    },
    "glossary.choice.local_minimum.concept": {"en": "local minimum", "ko": "지역 최솟값"},
    "glossary.choice.local_minimum.why": {
        "en": "The notes keep “local minimum” in English; 지역 is their word for local (“지역적 특색”, 003), and 지역 / 전역 pair up. 국소 never appears.",
        "ko": "노트는 `local minimum`을 영어로 둡니다. 노트에서 `local`은 지역입니다(“지역적 특색”, 003). 지역 / 전역이 짝을 이루며 국소는 나오지 않습니다.",
    },
    "glossary.choice.minimum_spelling.concept": {"en": "minimum, maximum (value)", "ko": "최솟값, 최댓값"},
    "glossary.choice.minimum_spelling.why": {
        "en": "The standard spelling (표준국어대사전) is 최솟값 / 최댓값; the notes' one 최소값 (002) is the same word.",
        "ko": "표준 표기(표준국어대사전)는 최솟값 / 최댓값입니다. 노트의 최소값(002) 한 번도 같은 말입니다.",
    },
    "glossary.choice.eigenvalue_spelling.concept": {"en": "eigenvalue", "ko": "고윳값"},
    "glossary.choice.eigenvalue_spelling.why": {
        "en": "Not in the notes; the standard spelling is 고윳값 (like 최솟값).",
        "ko": "노트에는 없습니다. 표준 표기는 최솟값처럼 고윳값입니다.",
    },
    "glossary.choice.update.concept": {"en": "update (of the weights)", "ko": "업데이트 (가중치의)"},
    "glossary.choice.update.why": {
        "en": "The notes write 업데이트 (“가중치 업데이트”, 002; “배치단위로 gradient 업데이트”, 004); 갱신 never.",
        "ko": "노트는 업데이트라고 씁니다(“가중치 업데이트”, 002; “배치단위로 … 업데이트”, 004). 갱신은 나오지 않습니다.",
    },
    "glossary.choice.race_page.concept": {"en": "the Optimizer Race page", "ko": "옵티마이저 경주 페이지"},
    "glossary.choice.race_page.why": {
        "en": "Not a lecture term: the page's own title, so a link in the text reads as the menu does.",
        "ko": "강의 용어가 아니라 페이지 제목입니다. 본문이 메뉴와 같은 이름으로 페이지를 부르도록 통일했습니다.",
    },
    "glossary.choice.formula.concept": {"en": "formula", "ko": "수식"},
    "glossary.choice.formula.why": {
        "en": "The notes write 수식 (“수식으로 표현하면”, 002); the app used both 식 and 수식 for the same box.",
        "ko": "노트는 수식이라고 씁니다(“수식으로 표현하면”, 002). 앱이 같은 입력란을 식과 수식으로 섞어 부르던 것을 통일했습니다.",
    },
    "glossary.choice.symbols.concept": {"en": "Greek symbols", "ko": "그리스 문자"},
    "glossary.choice.symbols.why": {
        "en": "The notes write the symbols themselves (“η : 학습률(lr)”, W ← W − ηg, 002; γ, β, 001); in Korean text the app never spells them out as eta, mu, alpha, kappa, theta.",
        "ko": "노트는 기호 자체를 씁니다(“η : 학습률(lr)”, W ← W − ηg, 002; γ, β, 001). 앱의 한국어 문장도 `eta`, `mu`, `alpha`, `kappa`, `theta`처럼 풀어 쓰지 않습니다.",
    },
}

for _term in TERMS:  # every term has its name and tip in both languages (the i18n tests check them)
    assert f"glossary.{_term.id}.name" in STRINGS and f"glossary.{_term.id}.tip" in STRINGS, _term.id
for _choice in CHOICES:
    assert f"glossary.choice.{_choice.id}.why" in STRINGS, _choice.id
