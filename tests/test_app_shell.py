"""The shell every page runs in (ui/shell.py): native pages routing with the old URLs, the sidebar on
a deep link's first run, the error boundary, pre-warming."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

import i18n
import presets
from ui.nav import PAGES
from ui.shell import ERROR_MARK
from ui.testing import app_test, errors

ROOT = Path(__file__).resolve().parents[1]


def test_the_registry_is_the_pages_folder_and_keeps_every_url():
    # Streamlit's pages/ mode serves pages/<name>.py at /<name>: these are the paths links out there use
    assert [(p.path, p.url) for p in PAGES] == [
        ("app.py", "home"),
        ("pages/race.py", "race"),
        ("pages/lr_lab.py", "lr_lab"),
        ("pages/explorer.py", "explorer"),
        ("pages/batch_lab.py", "batch_lab"),
        ("pages/regularization.py", "regularization"),
        ("pages/activations.py", "activations"),
        ("pages/model_selection.py", "model_selection"),
        ("pages/glossary.py", "glossary"),
    ]
    scripts = sorted(p.name for p in (ROOT / "pages").glob("*.py"))
    assert scripts == sorted(Path(p.path).name for p in PAGES if p.path.startswith("pages/"))
    for p in PAGES:
        if p.path.startswith("pages/"):
            assert Path(p.path).stem == p.url
    for f in [ROOT / "app.py", *ROOT.glob("pages/*.py"), *ROOT.glob("ui/*.py")]:
        assert "PagesManager" not in f.read_text(), f  # no patches of Streamlit's private classes


@pytest.mark.parametrize("page", [p for p in PAGES if p.path.startswith("pages/")], ids=lambda p: p.url)
def test_a_deep_link_runs_with_sidebar_language_and_presets_on_its_first_run(page):
    at = app_test({"lang": "ko"}, page.path).run()
    assert not errors(at), errors(at)
    assert at.title[0].value == i18n.t(page.title_key, lang="ko")
    assert at.sidebar.radio(key="lang").value == "ko"
    if presets.for_page(page.url):  # the glossary has none: no picker
        assert at.sidebar.selectbox(key=f"_ga_preset:{page.url}") is not None
    else:
        assert not [s for s in at.sidebar.selectbox if (s.key or "").startswith("_ga_preset:")]
    assert at.query_params["lang"] == "ko"


def _boom(*args, **kwargs):
    raise RuntimeError("boom: an unexpected failure")


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_an_unexpected_error_shows_a_message_with_an_id_and_logs_the_traceback(monkeypatch, caplog, lang):
    monkeypatch.setattr("ui.race_model.simulate_config", _boom)
    with caplog.at_level(logging.ERROR, logger="gradient_atlas"):
        at = app_test({"lang": lang, "steps": "20", "n": "1"}, "pages/race.py").run()
    assert not at.exception  # no traceback reaches the page
    (err,) = [e for e in at.error if e.icon == ERROR_MARK]
    error_id = re.search(r"\b([0-9a-f]{8})\b", err.value).group(1)
    assert err.value == i18n.t("common.error", lang=lang, id=error_id)
    assert "boom" not in err.value and "Traceback" not in err.value
    (record,) = [r for r in caplog.records if error_id in r.getMessage()]
    assert record.exc_info and "boom: an unexpected failure" in str(record.exc_info[1])
    # the sidebar still works: the visitor can switch language or pick a preset
    assert at.sidebar.radio(key="lang").value == lang
    assert errors(at) == [err.value]
