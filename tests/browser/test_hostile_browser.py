"""Hostile links in real Chromium. #18.1: a handful of links per page carry Markdown, HTML, math and
bare-URL payloads in parameter values and names; nothing may leave for another host, no link or image
that is not the app's own may appear, and each payload is shown as the text it is (inline code).
#18.11: a link Streamlit ignores whole (more than 1,000 parameters) is reported on the page."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

import pytest

from ui.testing import EVIL_HOST, MARK, PAYLOADS, code_spans
from ui.widgets import literal

from .waits import wait_idle

pytestmark = [
    pytest.mark.browser,
    # pytest-playwright's session ``base_url`` fixture trips a pytest 9 deprecation warning (an error here).
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]

UNKNOWN = f"{MARK}`![n](http://{EVIL_HOST}/n.png)`"
# The issue's two links, verbatim, then per page one link with every payload in a parameter.
ISSUE_LINKS = (
    "race?surf=x%60!%5Bx%5D(http%3A%2F%2F127.0.0.1%3A8799%2Fp.png)%60x",
    "race?surf=custom&expr=%22!%5Bx%5D(http%3A%2F%2F127.0.0.1%3A8799%2Fp.png)%22",
)
PARAMS = {  # names of each page's controls (ui/*_model.py); kept settings make the page quick
    "race": (
        [
            "steps",
            "n",
            "o0",
            "tol",
            "sched",
            "ov",
            "budget",
            "seed",
            "speed",
            "rosenbrock.x0",
            "o0.sgd.lr",
            "batch",
            "show3d",
            "noise",
            "surf",
        ],
        {"n": "1", "steps": "50"},
    ),
    "lr_lab": (
        [
            "opt",
            "surf",
            "mu",
            "sw_opts",
            "tol",
            "ph_opt",
            "ph_metric",
            "sc_kinds",
            "se_pair",
            "se_seed",
            "sc_lr",
            "ph_n",
            "sw_n",
            "se_budget",
            "view",
        ],
        {"steps": "40"},
    ),
    "batch_lab": (
        [
            "data",
            "n_train",
            "noise",
            "act",
            "init",
            "opt",
            "lr",
            "scaling",
            "batches",
            "seeds",
            "sym",
            "b_start",
            "b_batches",
            "c_shift",
            "c_sharp",
        ],
        {"view": "concept"},
    ),
    "home": ([], {}),
}
ALERTS = '[data-testid="stAlert"]'
# Links, images and frames in the page (HTML elements; Plotly's SVG draws its own background images).
OWN_ELEMENTS = """() => [...document.querySelectorAll('a[href], img[src], iframe[src]')]
    .map(e => [e.tagName, e.href || e.src, e.outerHTML.slice(0, 200)])"""


def hostile_links() -> list[tuple[str, list[str]]]:
    """(path?query, the payloads it carries)."""
    links = [(ISSUE_LINKS[0], ["x`![x](http://127.0.0.1:8799/p.png)`x"]), (ISSUE_LINKS[1], [])]
    for page, (names, keep) in PARAMS.items():
        query = {name: PAYLOADS[i % len(PAYLOADS)] for i, name in enumerate(names)}
        query.update({"lang": PAYLOADS[-2], UNKNOWN: "1", **keep})
        carried = [v for k, v in query.items() if k not in keep and k != UNKNOWN] + [UNKNOWN]
        path = "" if page == "home" else page  # the landing page lives at the root
        links.append((f"{path}?{urlencode(query)}", carried))
    return links


def host(url: str) -> str:
    """The host a request goes to; "" for data: URLs (no request leaves the browser); a blob: URL
    belongs to the page that made it (blob:http://host/uuid)."""
    if url.startswith("data:"):
        return ""
    return urlsplit(url.removeprefix("blob:")).netloc


def shown(payload: str) -> str:
    """The text a notice shows for ``payload``: cut as ui.state cuts a value, normalised as literal does."""
    text = payload if len(payload) <= 60 or payload == UNKNOWN else payload[:57] + "..."
    return code_spans(literal(text))[1][0].replace("\u2060", "")


def test_hostile_links_show_only_text_and_fetch_nothing_elsewhere(page, app_url, console_errors, artifacts):
    app = urlsplit(app_url)
    foreign: list[str] = []
    page.on("request", lambda r: foreign.append(r.url) if host(r.url) not in ("", app.netloc) else None)
    for i, (link, payloads) in enumerate(hostile_links()):
        page.goto(f"{app_url}/{link}")
        page.locator(ALERTS).first.wait_for(timeout=90_000)  # a notice or the formula's error
        wait_idle(page)
        # A fixed pause on purpose: this waits for something that must NOT happen (a request to
        # another host from injected markup), which no condition can signal; an image the page drew
        # would have been requested within it.
        page.wait_for_timeout(500)
        bad = [
            (tag, url, html)
            for tag, url, html in page.evaluate(OWN_ELEMENTS)
            if urlsplit(url).netloc != app.netloc or urlsplit(url).scheme not in ("http", "https")
        ]
        assert not bad, (link, bad)
        assert page.locator(f"{ALERTS} .katex").count() == 0, link  # no math from a link (pages have own)
        codes = [c.replace("\u2060", "") for c in page.locator(f"{ALERTS} code").all_inner_texts()]
        for payload in payloads:
            assert shown(payload) in codes, (link, payload, codes)
        if i == 1:  # the issue's formula: quoted in the error, as code
            assert any("![x](http://127.0.0.1:8799/p.png)" in c for c in codes), codes
        page.screenshot(path=str(artifacts / f"hostile-{i}.png"), full_page=False)
    assert not foreign, foreign
    assert not console_errors, console_errors


def notices(page) -> str:
    page.locator(ALERTS).first.wait_for(timeout=60_000)
    wait_idle(page)
    return "\n".join(page.locator(ALERTS).all_inner_texts())


def test_links_streamlit_ignores_are_reported(page, app_url, console_errors):
    many = "&".join(f"p{i}={i}" for i in range(1200))
    page.goto(f"{app_url}/lr_lab?lang=ko&{many}")
    text = notices(page)
    assert "The link has 1,201 parameters, more than the 1,000 this server reads" in text, text
    assert "Learning-rate lab" in page.locator("h1").first.inner_text()  # in English: lang was dropped
    assert "p0" not in page.url  # the page wrote its own view into the address bar
    page.goto(f"{app_url}/?{'&' * 1000}")  # 1,001 parameters as Streamlit counts them, all empty
    assert "The link has 1,001 parameters" in notices(page)
    few = "&".join(f"p{i}={i}" for i in range(998))
    page.goto(f"{app_url}/?lang=ko&{few}")
    text = notices(page)  # within the limits: the usual notices, in the link's language
    assert "p997" in text and "파라미터가" not in text and "parameters" not in text
    assert not console_errors, console_errors
