"""Strings of the shell: sidebar, home page, link notices, shared widgets."""
# ruff: noqa: E501  (string tables: ruff counts each Korean character as two columns)

STRINGS = {
    "common.language": {"en": "Language / 언어", "ko": "Language / 언어"},
    "common.preset": {"en": "Classroom preset", "ko": "수업용 프리셋"},
    "common.preset_info": {"en": "**{title}**: {lesson}", "ko": "**{title}**: {lesson}"},
    "common.preset_none": {"en": "(choose a preset)", "ko": "(프리셋 선택)"},
    "common.preset_help": {
        "en": "Sets every control of this page to a scenario from the lecture.",
        "ko": "이 페이지의 모든 설정을 강의의 한 장면으로 바꿉니다.",
    },
    "common.preset_active": {"en": "Preset: **{title}**", "ko": "프리셋: **{title}**"},
    "common.reset": {"en": "Reset page to defaults", "ko": "페이지 기본값으로 되돌리기"},
    "common.share_link": {"en": "Share link (copy with the icon)", "ko": "공유 링크 (아이콘으로 복사)"},
    "common.share_help": {
        "en": "Opening it restores this exact view. The address bar holds it too.",
        "ko": "열면 지금 화면이 그대로 복원됩니다. 주소창에도 같은 링크가 있습니다.",
    },
    # {name}, {raw} and {value} arrive as inline code (ui.widgets.literal): no back-ticks here.
    "common.notice_title": {
        "en": "Some settings in the link could not be used as given:",
        "ko": "링크의 일부 설정은 그대로 쓸 수 없었습니다:",
    },
    "common.notice_clamped": {
        "en": "{name} = {raw} is outside {valid}; using {value}.",
        "ko": "{name} = {raw}은(는) 허용 범위 {valid} 밖이라 {value}을(를) 씁니다.",
    },
    "common.notice_rounded": {
        "en": "{name} = {raw} was rounded to the nearest available value {value}.",
        "ko": "{name} = {raw}을(를) 가장 가까운 선택 가능한 값 {value}(으)로 맞췄습니다.",
    },
    "common.notice_dropped": {
        "en": "{name} = {raw} is not valid (valid: {valid}); using the default.",
        "ko": "{name} = {raw}은(는) 올바르지 않아(가능한 값: {valid}) 기본값을 씁니다.",
    },
    "common.notice_unknown": {
        "en": "{name} is not a setting of this page; ignored.",
        "ko": "{name}은(는) 이 페이지의 설정이 아니므로 무시했습니다.",
    },
    "common.notice_too_many": {
        "en": "The link has {n} parameters, more than the {limit} this server reads, so none of them was "
        "used: the page shows its default settings.",
        "ko": "링크에 파라미터가 {n}개 있는데, 이 서버는 {limit}개까지만 읽기 때문에 하나도 쓰지 않았습니다. "
        "페이지는 기본 설정으로 열렸습니다.",
    },
    "common.choose": {"en": "Choose…", "ko": "선택…"},
    "common.share_title": {"en": "🔗 Share this view", "ko": "🔗 이 화면 공유"},
    "common.dismiss": {"en": "OK", "ko": "확인"},
    "common.about_server": {"en": "🖥️ About this server", "ko": "🖥️ 이 서버에 대하여"},
    "common.about_devices": {
        "en": "Computations run with JAX on **{backend}**, on {used} of the {available} device(s) it sees: {names}.",
        "ko": "계산은 JAX가 **{backend}**에서 합니다. 보이는 장치 {available}개 중 {used}개를 씁니다: {names}.",
    },
    "common.about_split": {
        "en": "Studies of many runs (learning-rate sweeps, phase and basin maps, the batch-size study's seeds) are split over these {used} devices; the results match those of one device.",
        "ko": "실행이 많은 실험(학습률 스윕, 위상도와 분지 지도, 배치 크기 실험의 시드)은 이 장치 {used}개에 나누어 계산하며, 결과는 장치 하나로 계산한 것과 일치합니다.",
    },
    "common.about_one": {
        "en": "Every study runs on this one device.",
        "ko": "모든 실험은 이 장치 하나에서 실행됩니다.",
    },
    "common.about_processes": {
        "en": "{n} JAX processes work together (`jax.distributed`).",
        "ko": "JAX 프로세스 {n}개가 함께 계산합니다 (`jax.distributed`).",
    },
    "common.about_setting": {
        "en": "Setting `GRADIENT_ATLAS_DEVICES` = {value} (the server's administrator sets it).",
        "ko": "설정 `GRADIENT_ATLAS_DEVICES` = {value} (서버 관리자가 정합니다).",
    },
    "common.about_error": {
        "en": "The device setting is not valid: {error}",
        "ko": "장치 설정이 올바르지 않습니다: {error}",
    },
    "home.title": {"en": "Home", "ko": "홈"},
    "home.desc": {
        "en": "What each page does, and the classroom presets.",
        "ko": "각 페이지 소개와 수업용 프리셋 목록.",
    },
    "home.heading": {"en": "Gradient Atlas", "ko": "Gradient Atlas"},
    "home.intro": {
        "en": "Watch optimizers race across loss landscapes: gradient descent, momentum, NAG, "
        "Adagrad, Adadelta, RMSprop, Adam and more, on the same surface, from the same start, "
        "step by step. Every page runs the real update rules (JAX) and every view can be shared "
        "as a link.",
        "ko": "옵티마이저들이 손실 지형 위를 달리는 모습을 봅니다. 경사하강법, 모멘텀, NAG, Adagrad, "
        "Adadelta, RMSprop, Adam 등을 같은 곡면, 같은 시작점에서 한 스텝씩 비교합니다. 모든 "
        "페이지는 실제 업데이트 규칙(JAX)을 실행하며, 어떤 화면이든 링크로 공유할 수 있습니다.",
    },
    "home.pages": {"en": "Pages", "ko": "페이지"},
    "home.open": {"en": "Open {title}", "ko": "{title} 열기"},
    "home.open_short": {"en": "Open", "ko": "열기"},
    "home.presets": {"en": "Classroom presets", "ko": "수업용 프리셋"},
    "home.presets_intro": {
        "en": "Each preset sets every control of its page to one scene from the lecture. "
        "Click one to open it.",
        "ko": "각 프리셋은 해당 페이지의 모든 설정을 강의의 한 장면으로 맞춥니다. 눌러서 여세요.",
    },
    "home.col_preset": {"en": "Preset", "ko": "프리셋"},
    "home.col_page": {"en": "Page", "ko": "페이지"},
    "home.col_lesson": {"en": "What it shows", "ko": "보여 주는 것"},
    "common.error": {
        "en": "Something went wrong on this page (error id {id}). The details are in the server's "
        "log under that id. Changing a setting, or reloading the page, usually helps.",
        "ko": "이 페이지에서 문제가 생겼습니다 (오류 번호 {id}). 자세한 내용은 서버 기록에 이 번호로 "
        "남아 있습니다. 설정을 바꾸거나 페이지를 새로 고치면 대개 해결됩니다.",
    },
    "common.job_running": {"en": "Computing…", "ko": "계산 중…"},
    "common.job_starting": {"en": "Starting…", "ko": "시작하는 중…"},
    "common.job_queued": {
        "en": "Waiting for the server: {ahead} computation(s) ahead of this one. This one takes {est}.",
        "ko": "서버를 기다리는 중: 앞에 계산 {ahead}개가 있습니다. 이 계산은 {est} 걸립니다.",
    },
    "common.job_times": {
        "en": "{spent} so far, {left} left (estimate).",
        "ko": "지금까지 {spent}, 남은 시간 {left} (추정).",
    },
    "common.job_cancel": {"en": "Cancel", "ko": "취소"},
    "common.job_run": {"en": "Run", "ko": "실행"},
    "common.job_confirm": {
        "en": "These settings take {est} to compute, so they do not start by themselves. Press Run to start.",
        "ko": "이 설정은 계산에 {est} 걸리므로 자동으로 시작하지 않습니다. 시작하려면 실행을 누르세요.",
    },
    "common.job_stopped": {
        "en": "Cancelled. Press Run to compute these settings ({est}).",
        "ko": "취소했습니다. 이 설정으로 계산하려면 실행을 누르세요 ({est}).",
    },
    "common.seconds": {"en": "about {n} s", "ko": "약 {n}초"},
    "common.minutes": {"en": "about {n} min", "ko": "약 {n}분"},
}
