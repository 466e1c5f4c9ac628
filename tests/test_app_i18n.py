"""Every string table has both languages, and every key the app uses exists."""

import re
from pathlib import Path

import pytest

import i18n
import presets
from tests.korean import english_words, forbidden_terms

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


def korean_texts() -> dict[str, str]:
    """Every Korean text the app can show: the string tables, the presets, and the library's own
    texts (optimizers' explanations and notes, surfaces' descriptions)."""
    import landscapes
    import optimizers

    out = {f"i18n {k}": e["ko"] for k, e in i18n.STRINGS.items()}
    for p in presets.all_presets():
        out[f"preset {p.id} title"], out[f"preset {p.id} lesson"] = p.title["ko"], p.lesson["ko"]
    for name in optimizers.names():
        opt = optimizers.get(name)
        for what in ("explain", "note"):
            if getattr(opt, what, None):
                out[f"optimizer {name} {what}"] = getattr(opt, what)["ko"]
    for name in landscapes.names():
        out[f"surface {name}"] = landscapes.get(name).description["ko"]
    return out


KOREAN = korean_texts()


@pytest.mark.parametrize("where", sorted(KOREAN))
def test_korean_has_no_english_words_but_the_allowed_ones(where):
    # names, symbols, units and code are allowed (tests/korean.py lists them); any other English
    # word in a Korean text is a translation that was forgotten
    assert not english_words(KOREAN[where]), (where, KOREAN[where])


@pytest.mark.parametrize("where", sorted(k for k in KOREAN if not k.startswith("i18n glossary.choice.")))
def test_korean_uses_one_term_per_concept(where):
    # the variants of i18n.glossary.CHOICES (the glossary page quotes them when it says why: left out)
    assert not forbidden_terms(KOREAN[where]), (where, KOREAN[where])


def test_the_term_checks_catch_what_they_are_for():
    assert english_words("학습률 eta를 줄이고 momentum을 쓰면 overshoot") == ["eta", "momentum", "overshoot"]
    assert not english_words("Adam의 λ_max, B_min, `sgd(x)` {field} lr × 2 [용어](glossary#kappa)")
    assert [c for c, _ in forbidden_terms("한 걸음씩 잡음이 섞인 헤세 행렬, 과적합")] == [
        "step",
        "overfitting",
        "hessian",
        "noise",
    ]
    assert [c for c, _ in forbidden_terms("직접 입력한 식은")] == ["formula"]
    assert not forbidden_terms("수식은 조건식이 아닙니다. 일정 비율, `잡음`")


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


def test_surface_name_keys_match_the_library():
    import landscapes

    keys = [k.split(".", 2)[2] for k in i18n.STRINGS if k.startswith("race.surf.")]
    assert keys and set(keys) <= set(landscapes.names())
