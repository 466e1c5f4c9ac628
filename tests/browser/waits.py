"""Waiting on what the page says, not on the clock.

Streamlit's app root (``[data-testid=stApp]``) carries ``data-test-script-state``: "initial" until
the first script run, "running" (or "rerunRequested") during a run, "notRunning" after it; and
``data-test-connection-state`` ("CONNECTED" once the websocket is up). Measured here: a page load
goes initial -> running -> notRunning; a slider key press leaves the state at notRunning for a
moment (the slider sends its value after a short debounce), then running -> notRunning. So after
an action, wait for a run that started after it (:func:`rerun`), not merely for "not running".
When the run is over, elements whose code Streamlit loads lazily can still show a placeholder
(``stSkeleton``, measured: up to ~1 s on the Race page's first view), so idle also means none is left.
"""

from __future__ import annotations

from collections.abc import Callable

IDLE = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  return !!app && app.dataset.testScriptState === 'notRunning'
    && app.dataset.testConnectionState === 'CONNECTED'
    && !document.querySelector('[data-testid="stStatusWidget"], [data-testid="stSkeleton"]');
}"""

# Records whether the script state left "notRunning" since it was armed (a MutationObserver sees
# every attribute value React writes, however short the run), and the link when it was armed.
ARM = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  if (window.__gaRunWatch) window.__gaRunWatch.disconnect();
  window.__gaRunSeen = false;
  window.__gaArmedHref = location.href;
  window.__gaRunWatch = new MutationObserver(() => {
    if (app.dataset.testScriptState !== 'notRunning') window.__gaRunSeen = true;
  });
  window.__gaRunWatch.observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""

# fonts and images loaded, charts drawn, and no finite CSS transition or animation still moving (a
# tab's underline slides to the clicked tab); endless ones (spinners) do not count
PAINTED = """() => document.fonts.status === 'loaded'
  && [...document.images].every(i => i.complete)
  && [...document.querySelectorAll('.js-plotly-plot')].every(g => g._fullData && g._fullLayout)
  && document.getAnimations().every(a => a.playState !== 'running'
       || !a.effect || a.effect.getComputedTiming().iterations === Infinity)"""


def wait_idle(page, timeout: float = 60_000) -> None:
    """Wait until no script run is in progress (after a page load: until the first run is over)."""
    page.wait_for_function(IDLE, timeout=timeout)


def rerun(page, action: Callable[[], object], timeout: float = 60_000) -> None:
    """Do ``action`` (a click, a key press) and wait until the script run it causes is over."""
    page.evaluate(ARM)
    action()
    # a run was seen, or the link changed (only a run writes it: on a loaded machine one such run
    # went by without the observer seeing the state leave notRunning, CI 2026-12-03)
    page.wait_for_function(
        "() => window.__gaRunSeen === true || location.href !== window.__gaArmedHref", timeout=timeout
    )
    wait_idle(page, timeout)


def wait_painted(page, timeout: float = 30_000) -> None:
    """Before a screenshot: the run is over, web fonts and images are loaded, every chart is drawn,
    transitions have ended."""
    wait_idle(page, timeout)
    page.wait_for_function(PAINTED, timeout=timeout)
