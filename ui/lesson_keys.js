// Gradient Atlas lesson keys: → / ← (and a presentation clicker's PageDown / PageUp) step through the
// lesson, Space plays or pauses the race's animation.
//
// Streamlit mounts this module in the page itself (components v2 have no iframe), so the listener sits
// on the page's document. One listener per page: a new mount (each rerun calls this module again)
// replaces the last one, and the cleanup Streamlit calls on unmount removes it.
//
// data = {play: bool}: whether Space drives the first chart that has Play / Pause buttons.
// Sends the trigger "step" with {dir: "next" | "prev", at: time} (time: so that two presses are two events).

// Typing in a field or moving a slider or a select box owns these keys.
const OWN_KEYS = "input, textarea, select, [contenteditable=''], [contenteditable='true'], " +
  "[role=slider], [role=combobox], [role=listbox], [role=textbox], [role=spinbutton]";

function animating(gd) {
  const td = gd._transitionData;
  return !!td && (!!td._animationRaf || (td._frameQueue || []).length > 0);
}

// Space: the race map's own Play or Pause button (its args hold the speed), through the Plotly
// instance that drew it (the live chart's bundle, or the page's Plotly for st.plotly_chart).
function togglePlay(doc) {
  const gd = [...doc.querySelectorAll(".js-plotly-plot")].find(
    (g) => g._fullLayout && g.layout && (g.layout.updatemenus || []).some((m) => (m.buttons || []).length >= 2),
  );
  if (!gd) return false;
  const lib = gd.__gaPlotlyLib || doc.defaultView.Plotly;
  if (!lib) return false;
  const menu = gd.layout.updatemenus.find((m) => (m.buttons || []).length >= 2);
  const [play, pause] = menu.buttons;
  const button = animating(gd) ? pause : play;
  lib.animate(gd, ...button.args);
  return true;
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const doc = parentElement.ownerDocument;
  const win = doc.defaultView;
  if (win.__gaLessonKeys) doc.removeEventListener("keydown", win.__gaLessonKeys, true);
  const onKey = (e) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.repeat) return;
    const target = e.target;
    if (target && target.closest && target.closest(OWN_KEYS)) return;
    let dir = null;
    if (e.key === "ArrowRight" || e.key === "PageDown") dir = "next";
    else if (e.key === "ArrowLeft" || e.key === "PageUp") dir = "prev";
    if (dir) {
      e.preventDefault();
      setTriggerValue("step", { dir, at: Date.now() });
      return;
    }
    if ((e.key === " " || e.code === "Space") && data && data.play) {
      // a focused button would take Space as a click (the last step button pressed: another step)
      if (togglePlay(doc)) {
        e.preventDefault();
        if (target && target.blur && target !== doc.body) target.blur();
      }
    }
  };
  win.__gaLessonKeys = onKey;
  doc.addEventListener("keydown", onKey, true);
  return () => {
    if (win.__gaLessonKeys === onKey) {
      doc.removeEventListener("keydown", onKey, true);
      win.__gaLessonKeys = null;
    }
  };
}
