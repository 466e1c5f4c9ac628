"""Every string table has both languages, and every key the app uses exists."""

import re
from pathlib import Path

import pytest

import i18n
import presets

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("key", sorted(i18n.STRINGS))
def test_every_key_has_both_languages(key):
    entry = i18n.STRINGS[key]
    assert set(entry) == set(i18n.LANGS), key
    for lang in i18n.LANGS:
        assert isinstance(entry[lang], str) and entry[lang].strip(), (key, lang)
    # the same {fields} in both languages, so t(key, **fmt) never fails in one of them
    fields = [sorted(re.findall(r"{(\w*)}", entry[lang])) for lang in i18n.LANGS]
    assert fields[0] == fields[1], key


def test_korean_is_korean():
    hangul = re.compile("[\uac00-\ud7a3]")
    missing = [k for k, e in i18n.STRINGS.items() if not hangul.search(e["ko"])]
    # a few strings are names or symbols in both languages
    assert len(missing) <= 0.05 * len(i18n.STRINGS), missing


def test_keys_used_in_code_exist():
    used = set()
    code = [ROOT / "app.py", *ROOT.glob("pages/*.py"), *ROOT.glob("ui/*.py"), *ROOT.glob("viz/*.py")]
    for path in [p for p in code if p.name != "__init__.py"]:  # docstrings show made-up keys
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[\w.]+)["']""", path.read_text()))
    assert used, "no t() calls found"
    assert not sorted(used - set(i18n.STRINGS))


def test_t_formats_and_falls_back_outside_streamlit():
    assert i18n.current_lang() == "en"
    assert i18n.t("home.open", title="X") == "Open X"
    assert i18n.t("home.open", lang="ko", title="X") == "X 열기"
    with pytest.raises(KeyError, match="nope.key"):
        i18n.t("nope.key")
    assert i18n.pick({"en": "a", "ko": "b"}, "ko") == "b"
    assert i18n.pick({"en": "a"}, "ko") == "a"
    assert i18n.pick(None) == ""


def test_presets_have_both_languages():
    for p in presets.all_presets():
        for d in (p.title, p.lesson):
            assert set(d) >= set(i18n.LANGS) and all(d[lang].strip() for lang in i18n.LANGS), p.id
