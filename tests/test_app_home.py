"""AppTest of the shell: router, home page, language switch, presets listed, link notices."""

import pytest

import i18n
import presets
from i18n import pick
from ui.testing import app_test


def new_app(**query):
    return app_test(query)


def texts(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [t.value for t in at.title]
    return "\n".join(parts)


def test_home_renders_in_english_and_lists_every_preset():
    at = new_app().run()
    assert not at.exception
    body = texts(at)
    assert "Gradient Atlas" in body
    for p in presets.all_presets():
        assert pick(p.title, "en") in body


def test_language_switch_translates_the_page():
    at = new_app().run()
    at.radio(key="lang").set_value("ko").run()
    assert not at.exception
    assert "옵티마이저" in texts(at)
    assert at.radio(key="lang").value == "ko"


def test_language_from_link_and_bad_language_is_reported():
    at = new_app(lang="ko").run()
    assert "옵티마이저" in texts(at)
    at = new_app(lang="fr", bogus="1").run()
    assert not at.exception
    assert at.radio(key="lang").value == "en"
    warning = "\n".join(w.value for w in at.warning)
    assert "`lang` = `fr`" in warning and "`bogus`" in warning
    assert dict(at.query_params) == {"lang": "en"}


def _params(page: str) -> dict:
    from ui import (
        activations_model,
        batch_model,
        explorer_model,
        lr_model,
        race_model,
        regularization_model,
        selection_model,
    )

    models = {
        "race": race_model.all_params,
        "lr_lab": lr_model.all_params,
        "batch_lab": batch_model.schema,
        "model_selection": selection_model.schema,
        "activations": activations_model.schema,
        "explorer": explorer_model.all_params,
        "regularization": regularization_model.schema,
    }
    schema = models[page]()
    return {p.name: p for p in schema}


@pytest.mark.parametrize("preset", presets.all_presets(), ids=lambda p: p.id)
def test_open_preset_from_home_switches_page_and_applies_its_values(preset):
    from ui import state
    from ui.nav import page_info
    from ui.testing import errors, settle

    at = new_app().run()
    settle(at.button(key=f"home:open:{preset.id}").click().run())
    assert not errors(at), errors(at)
    assert at.title[0].value == i18n.t(page_info(preset.page).title_key, lang="en")  # the page switched
    assert at.session_state[f"_ga_preset:{preset.page}"] == preset.id
    assert any(pick(preset.title, "en") in i.value for i in at.info)  # its banner
    params = _params(preset.page)
    for name, value in preset.values.items():
        assert at.query_params[name] == state.encode(params[name], state.coerce(params[name], value)[0]), name
