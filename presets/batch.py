"""Classroom presets of the Batch-size lab (each checked by tests/test_app_batch.py against the schema).

The cheap concept preset comes first: tests that open "the first preset" of the app run it.
"""
# ruff: noqa: E501  (string tables: ruff counts each Korean character as two columns)

from __future__ import annotations

from presets import Preset

PRESETS = [
    Preset(
        "batch_concept",
        "batch_lab",
        {"en": "The lecture's picture", "ko": "강의의 그림"},
        {
            "en": "A flat minimum and a slightly deeper sharp one; the test curve is the training curve shifted by "
            "0.25. "
            "Move the shift and the width of the sharp well and watch the two gaps.",
            "ko": "평평한 최솟값과 그보다 조금 더 깊은 날카로운 최솟값. 테스트 곡선은 학습 곡선을 0.25만큼 옮긴 것입니다. "
            "이동량과 날카로운 우물의 폭을 바꾸며 두 격차를 보세요.",
        },
        {"view": "concept", "c_shift": 0.25, "c_sharp": 0.15},
    ),
    Preset(
        "batch_keskar",
        "batch_lab",
        {
            "en": "Keskar's effect: full batch memorises, sharply",
            "ko": "Keskar의 효과: 전체 배치는 날카로운 곳에서 오버피팅한다",
        },
        {
            "en": "Two moons with 10% flipped training labels, Adam η = 0.001, the SAME 16,384 steps for B = 16, 64, "
            "256 and 2048, 4 seeds. Measured here: full batch fits the flipped labels (train loss 0.13 vs 0.36 at "
            "B = 16), its gap is +0.48 vs −0.19 and its top Hessian eigenvalue 24 vs 2, in every seed. B = 256 "
            "does not memorise yet (train loss 0.34).",
            "ko": "두 개의 반달, 학습 레이블 10% 뒤바꿈, Adam η = 0.001, B = 16, 64, 256, 2048 모두 같은 16,384스텝, "
            "시드 4개. 여기서 잰 결과: 전체 배치는 뒤바뀐 레이블까지 맞추고(학습 손실 0.13, B = 16에서는 0.36) 격차는 "
            "+0.48 대 −0.19, 헤시안 최대 고윳값은 24 대 2이며 모든 시드에서 그렇습니다. B = 256은 아직 오버피팅하지 않습니다 "
            "(학습 손실 0.34).",
        },
        {
            "view": "network",
            "data": "moons",
            "n_train": "2048",
            "noise": 0.2,
            "label_noise": 0.1,
            "width": 32,
            "depth": 2,
            "act": "tanh",
            "opt": "adam",
            "lr": 0.001,
            "scaling": "none",
            "batches": ("16", "64", "256", "2048"),
            "seeds": 4,
            "steps": "16384",
        },
    ),
    Preset(
        "batch_short",
        "batch_lab",
        {"en": "2,000 steps: no effect yet", "ko": "2,000스텝: 아직 효과 없음"},
        {
            "en": "The same data and network with only 2,000 steps: no batch size has memorised the flipped labels "
            "(every train loss above 0.34), every gap is negative and the mean top eigenvalues all lie between 2 "
            "and 4. The textbook picture needs training long enough to overfit.",
            "ko": "같은 데이터와 신경망을 2,000스텝만 학습합니다. 어떤 배치도 뒤바뀐 레이블에 오버피팅하지 않았고(학습 손실이 모두 "
            "0.34 이상), 격차는 모두 음수이며 최대 고윳값의 평균은 모두 2와 4 사이입니다. 교과서의 그림이 나타나려면 "
            "오버피팅할 만큼 오래 학습해야 합니다.",
        },
        {
            "view": "network",
            "data": "moons",
            "n_train": "2048",
            "label_noise": 0.1,
            "opt": "adam",
            "lr": 0.001,
            "batches": ("16", "32", "64", "256", "1024", "2048"),
            "seeds": 4,
            "steps": "2000",
        },
    ),
    Preset(
        "batch_sgd_sharpness",
        "batch_lab",
        {"en": "Plain SGD: sharpness grows with the batch", "ko": "보통 SGD: 배치가 클수록 날카로워진다"},
        {
            "en": "512 moons with 20% flipped labels, SGD η = 0.5, 4,000 steps at B = 8, 32, 128, 512, 4 seeds. "
            "Measured here: the mean top Hessian eigenvalue grows 0.31 → 0.66 → 1.45 → 3.91 (full batch sits "
            "near 2/η = 4, the edge of stability of gradient descent); the gap grows only a little (−0.23 → −0.19, "
            "in every seed) because no batch size memorises the flipped labels in 4,000 steps.",
            "ko": "레이블 20%를 뒤바꾼 반달 512개, SGD η = 0.5, B = 8, 32, 128, 512에서 4,000스텝, 시드 4개. "
            "여기서 잰 결과: 헤시안 최대 고윳값의 평균이 0.31 → 0.66 → 1.45 → 3.91로 커집니다 (전체 배치는 "
            "경사하강법의 안정성 한계 2/η = 4 근처에 놓입니다). 격차는 조금만 커집니다 (−0.23 → −0.19, 모든 시드에서). "
            "4,000스텝 안에는 어떤 배치도 뒤바뀐 레이블에 오버피팅하지 않기 때문입니다.",
        },
        {
            "view": "network",
            "data": "moons",
            "n_train": "512",
            "noise": 0.2,
            "label_noise": 0.2,
            "opt": "sgd",
            "lr": 0.5,
            "batches": ("8", "32", "128", "512"),
            "seeds": 4,
            "steps": "4000",
        },
    ),
    Preset(
        "batch_escape",
        "batch_lab",
        {"en": "Escaping a sharp minimum", "ko": "날카로운 최솟값에서 빠져나오기"},
        {
            "en": "Every run starts in the narrow well of the two-basin surface. With gradient noise σ = 4, most runs "
            "at B = 1–2 escape to the wide basin (measured: 80% and 70% of 100); from B = 4 on almost none do (1%), "
            "and exact gradients never do. SAM (ρ = 0.5) escapes up to larger batches (87% at B = 4, 34% at B = 8).",
            "ko": "모든 실행이 두 분지 곡면의 좁은 우물에서 출발합니다. 기울기 노이즈 σ = 4에서 B = 1–2인 실행은 대부분 넓은 "
            "분지로 빠져나가고(측정: 100번 중 80%, 70%), B = 4부터는 거의 나가지 못하며(1%), 정확한 기울기는 결코 "
            "나가지 않습니다. SAM(ρ = 0.5)은 더 큰 배치에서도 빠져나갑니다 (B = 4에서 87%, B = 8에서 34%).",
        },
        {
            "view": "basins",
            "b_start": "sharp",
            "b_noise": 4.0,
            "b_lr": 0.05,
            "b_rho": 0.5,
            "b_seeds": 100,
            "b_steps": "2000",
            "b_batches": ("1", "2", "4", "8", "16", "32", "128"),
        },
    ),
]
