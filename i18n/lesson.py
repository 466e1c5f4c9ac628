"""Strings of lessons, the presenter view, short links and their QR code."""
# ruff: noqa: E501  (string tables: ruff counts each Korean character as two columns)

STRINGS = {
    # the notes' sections (presets.lessons.NOTES), in the lecture's order
    "lesson.section.gd": {
        "en": "1. Gradient descent, SGD and mini-batches",
        "ko": "1. 경사하강법, SGD, 미니배치",
    },
    "lesson.section.optimizers": {
        "en": "2. Momentum, NAG, Adagrad, RMSprop, Adadelta, Adam",
        "ko": "2. Momentum, NAG, Adagrad, RMSprop, Adadelta, Adam",
    },
    "lesson.section.lr": {"en": "3. Learning rate and its decay", "ko": "3. 학습률과 학습률 감소"},
    "lesson.section.saddles": {"en": "4. Saddle points and local minima", "ko": "4. 안장점과 지역 최솟값"},
    "lesson.section.batch": {
        "en": "5. Batch size, sharp and flat minima, generalization",
        "ko": "5. 배치 크기, 날카로운 최솟값과 평평한 최솟값, 일반화",
    },
    "lesson.section.regularization": {
        "en": "6. Over-fitting, early stopping and regularization",
        "ko": "6. 오버피팅, 조기 종료(Early Stopping)와 정규화",
    },
    "lesson.section.activations": {
        "en": "7. Activations and initialization",
        "ko": "7. 활성화 함수와 가중치 초기화",
    },
    "lesson.section.selection": {
        "en": "8. Model selection: validation, bias and variance, ensembles",
        "ko": "8. 모델 선택: 검증, 편향과 분산, 앙상블",
    },
    "lesson.others": {"en": "More presets", "ko": "그 밖의 프리셋"},
    # the lesson in the sidebar and the presenter view
    "lesson.title": {"en": "Lesson", "ko": "수업"},
    "lesson.step": {"en": "Step {n} / {total}", "ko": "{n} / {total} 단계"},
    "lesson.step_title": {"en": "Step {n} / {total}: {title}", "ko": "{n} / {total} 단계: {title}"},
    "lesson.start": {"en": "▶ Start the lesson", "ko": "▶ 수업 시작"},
    "lesson.prev": {"en": "◀ Previous", "ko": "◀ 이전"},
    "lesson.next": {"en": "Next ▶", "ko": "다음 ▶"},
    "lesson.end": {"en": "End the lesson", "ko": "수업 끝내기"},
    "lesson.not_running": {
        "en": "{total} presets in the lecture's order, across the pages.",
        "ko": "강의 순서대로 페이지를 넘나드는 프리셋 {total}개.",
    },
    "lesson.present": {"en": "Presenter view", "ko": "발표자 보기"},
    "lesson.present_help": {
        "en": "For the projector: controls folded away, the chart full width, large text, the lesson under "
        "the chart. Keys: → next step, ← previous step, Space plays or pauses the race.",
        "ko": "프로젝터용: 설정은 접고, 차트는 화면 너비로, 글자는 크게, 수업 설명은 차트 아래에 둡니다. "
        "키: → 다음 단계, ← 이전 단계, 스페이스는 경주 재생/일시정지.",
    },
    "lesson.exit_present": {"en": "✕ Exit presenter view", "ko": "✕ 발표자 보기 끄기"},
    "lesson.keys": {
        "en": "Keys: → next step, ← previous step, Space plays or pauses the race.",
        "ko": "키: → 다음 단계, ← 이전 단계, 스페이스는 경주 재생/일시정지.",
    },
    "lesson.controls": {"en": "⚙️ Controls", "ko": "⚙️ 설정"},
    "lesson.changed": {
        "en": "Changed from preset **{title}**: the view no longer shows what the preset describes. Pick the "
        "preset again (or go to its step) to see it as it was.",
        "ko": "프리셋 **{title}**에서 바뀐 화면입니다: 프리셋의 설명은 더 이상 이 화면과 맞지 않습니다. 원래대로 보려면 "
        "프리셋을 다시 고르세요(또는 그 단계로 가세요).",
    },
    # the lesson on the home page
    "lesson.home_title": {"en": "The lesson", "ko": "수업"},
    "lesson.home_intro": {
        "en": "The presets below, in the order of the lecture notes. Start the lesson to step through them "
        "with → and ←, or edit it: reorder, drop or add presets and share it as a link.",
        "ko": "아래 프리셋을 강의 노트 순서대로 보여 줍니다. 수업을 시작하면 → 와 ← 로 단계를 넘길 수 있고, "
        "순서를 바꾸거나 빼거나 더한 수업을 링크로 공유할 수도 있습니다.",
    },
    "lesson.custom": {"en": "Your lesson: {n} steps (edited).", "ko": "편집한 수업: {n}단계."},
    "lesson.edit": {"en": "✏️ Edit the lesson", "ko": "✏️ 수업 편집"},
    "lesson.up": {"en": "Move up", "ko": "위로"},
    "lesson.down": {"en": "Move down", "ko": "아래로"},
    "lesson.remove": {"en": "Remove from the lesson", "ko": "수업에서 빼기"},
    "lesson.add": {"en": "Add a preset at the end", "ko": "끝에 프리셋 추가"},
    "lesson.add_button": {"en": "Add", "ko": "추가"},
    "lesson.restore": {"en": "Back to the notes' lesson", "ko": "강의 노트의 수업으로 되돌리기"},
    "lesson.empty": {
        "en": "The lesson is empty: add a preset.",
        "ko": "수업이 비어 있습니다: 프리셋을 추가하세요.",
    },
    "lesson.link": {
        "en": "Link to this lesson (opens its first step; → and ← go on from there):",
        "ko": "이 수업의 링크 (첫 단계가 열리고, → 와 ← 로 이어집니다):",
    },
    # the share box
    "lesson.qr": {"en": "Scan to open this view", "ko": "스캔하면 이 화면이 열립니다"},
    "lesson.qr_missing": {
        "en": "A QR code of the link needs the `segno` package (`pip install segno`).",
        "ko": "링크의 QR 코드를 만들려면 `segno` 패키지가 필요합니다 (`pip install segno`).",
    },
    # link notices (ui.widgets.notice_text: "common.notice_<what>")
    "common.notice_lesson": {
        "en": "{name}: the piece {raw} names no preset; those steps were left out of the lesson.",
        "ko": "{name}: {raw} 부분은 어떤 프리셋도 가리키지 않아 수업에서 뺐습니다.",
    },
    "common.notice_preset_page": {
        "en": "{name} = {raw} names the preset {value}, which belongs to another page; ignored.",
        "ko": "{name} = {raw}은(는) 다른 페이지의 프리셋 {value}을(를) 가리키므로 무시했습니다.",
    },
}
