// Gradient Atlas live chart: one Plotly graph that stays in the page across reruns.
//
// Streamlit calls this module's default export on mount and again whenever `data` changes, with
// the same parentElement. The first call creates the graph div; later calls hand the new figure to
// Plotly.react, which updates that div in place (st.plotly_chart would build a fresh div each time).
//
// data = {src, fig: {data, layout, frames?}, config, height, rev, clickable, failed, key, follow}
//   or {src, preload: true}: only start loading plotly.js (an instance hidden at the top of a page).
//   src: URL of a plotly.js bundle (served by the app's static folder; each loaded once per page).
//   Every trace carries a content `uid`: a trace whose uid the graph already shows is passed as
//   the very same object, so Plotly can skip it; arrays arrive in plotly's base64 typed-array form
//   and are decoded here once. fig.shared holds arrays that several traces use; a trace refers to
//   one as {shared: index}; a frame's array that is the start of a shared one as {prefix: index, n}
//   (a growing path: every frame's copy is a view of one array, not a copy).
//   rev: set as the graph's data-rev attribute once the new figure is drawn (tests wait for it).
//   clickable: a plain click or tap on the plot area sends {x, y} (data coordinates) as the "click" trigger.
//   key: the chart's Streamlit key; follow: the key of a chart whose animation this one follows
//   (when that chart shows frame "j", this one shows its own frame "j": the curves' cursor).

const TYPED = {
  f4: Float32Array, f8: Float64Array, i1: Int8Array, u1: Uint8Array, u1c: Uint8ClampedArray,
  i2: Int16Array, u2: Uint16Array, i4: Int32Array, u4: Uint32Array,
  float32: Float32Array, float64: Float64Array, int8: Int8Array, uint8: Uint8Array,
  int16: Int16Array, uint16: Uint16Array, int32: Int32Array, uint32: Uint32Array,
};
// One plotly.js instance per bundle URL (basic and full can both be in a page). Each bundle sets
// window.Plotly when it runs; its load event fires right after, so that is the instance it made.
const bundles = (window.__gaPlotly = window.__gaPlotly || {});
// The live charts of the page by key (the latest graph div of each), for charts that follow another.
const charts = (window.__gaCharts = window.__gaCharts || {});

function loadPlotly(src) {
  if (!bundles[src]) {
    bundles[src] = new Promise((resolve, reject) => {
      const s = document.createElement("script");
      s.src = src;
      s.async = true;
      s.onload = () => resolve(window.Plotly);
      s.onerror = () => {
        delete bundles[src];
        reject(new Error("could not load " + src));
      };
      document.head.appendChild(s);
    });
  }
  return bundles[src];
}

function decodeArray(spec) {
  const T = TYPED[spec.dtype];
  const shape = spec.shape === undefined ? null : String(spec.shape).split(",");
  if (!T || (shape && shape.length > 1)) return spec; // leave it to plotly
  const bin = atob(spec.bdata);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new T(bytes.buffer);
}

function decode(v, shared) {
  if (Array.isArray(v)) return v.map((x) => decode(x, shared));
  if (v && typeof v === "object") {
    if (typeof v.bdata === "string" && typeof v.dtype === "string") return decodeArray(v);
    if (shared && typeof v.shared === "number" && Object.keys(v).length === 1) return shared[v.shared];
    if (shared && typeof v.prefix === "number" && typeof v.n === "number" && Object.keys(v).length === 2) {
      const a = shared[v.prefix];
      return a && a.subarray ? a.subarray(0, v.n) : a; // a view: no copy
    }
    const out = {};
    for (const k of Object.keys(v)) out[k] = decode(v[k], shared);
    return out;
  }
  return v;
}

// Frames packed as one table (ui/live_chart.py pack_frames): the columns' x and y are views into two
// arrays; the rest of each frame (growing paths' prefixes) is decoded as usual.
function unpackFrames(frames, shared) {
  if (Array.isArray(frames)) return decode(frames, shared);
  const pk = frames.packed;
  const X = decodeArray(pk.x);
  const Y = decodeArray(pk.y);
  const total = pk.cols.reduce((s, c) => s + c[1], 0);
  const rest = pk.rest ? decode(pk.rest, shared) : null;
  return pk.names.map((name, j) => {
    const data = rest ? rest[j] : new Array(pk.n).fill(null);
    let off = j * total;
    for (const [p, len, type] of pk.cols) {
      const tr = { x: X.subarray(off, off + len), y: Y.subarray(off, off + len) };
      if (type) tr.type = type;
      data[p] = tr;
      off += len;
    }
    const frame = { name: name, data: data };
    if (pk.traces) frame.traces = pk.traces;
    return frame;
  });
}

function traces(root, incoming, shared) {
  const known = root.__gaTraces || new Map();
  const now = new Map();
  const out = incoming.map((t) => {
    const same = t.uid !== undefined ? known.get(t.uid) : undefined;
    const tr = same || decode(t, shared);
    if (t.uid !== undefined) now.set(t.uid, tr);
    return tr;
  });
  root.__gaTraces = now;
  return out;
}

function themed(el, layout) {
  // Streamlit's theme (light, dark or custom) as the component's CSS variables; the figure's own
  // settings win. Called on every update: Streamlit calls this module again when the theme changes.
  const css = getComputedStyle(el);
  const v = (name, dflt) => css.getPropertyValue(name).trim() || dflt;
  const text = v("--st-text-color", "#31333F");
  const grid = v("--st-border-color-light", v("--st-border-color", "#e6e9ef"));
  const font = { family: v("--st-font", '"Source Sans", sans-serif'), size: 13, color: text };
  const out = {
    paper_bgcolor: "rgba(0,0,0,0)",
    plot_bgcolor: "rgba(0,0,0,0)",
    ...layout,
    font: { ...font, ...(layout.font || {}) },
  };
  for (const k of Object.keys(out)) {
    if (/^[xy]axis\d*$/.test(k)) out[k] = { gridcolor: grid, zerolinecolor: grid, linecolor: grid, ...out[k] };
  }
  if (!out.xaxis) out.xaxis = { gridcolor: grid, zerolinecolor: grid };
  if (!out.yaxis) out.yaxis = { gridcolor: grid, zerolinecolor: grid };
  return out;
}

function stopAnimation(Plotly, root) {
  const td = root._transitionData;
  if (td && (td._frameQueue || []).length + (td._animationRaf ? 1 : 0) > 0) {
    Plotly.animate(root, [], { mode: "immediate", frame: { duration: 0, redraw: false } });
  }
}

function relayFrames(gd) {
  // A leader: each frame it shows (Play, its slider) is shown by the charts that follow it.
  if (gd.__gaRelay) return;
  gd.__gaRelay = true;
  gd.on("plotly_animatingframe", (e) => {
    const name = e && e.name;
    for (const f of Object.values(charts)) {
      if (f === gd || !f.isConnected || !gd.__gaKey || f.__gaFollow !== gd.__gaKey) continue;
      const P = f.__gaPlotlyLib;
      const known = f._transitionData && f._transitionData._frameHash;
      if (!P || !known || !known[name]) continue;
      P.animate(f, [name], { mode: "immediate", frame: { duration: 0, redraw: false }, transition: { duration: 0 } })
        .catch(() => {}); // interrupted by the next frame: nothing to report
    }
  });
}

function clearOfButtons(Plotly, root) {
  // The frame slider starts a fixed fraction of the plot's width in, clear of Play and Pause on a
  // wide chart; on a narrow one (a phone) the buttons would cover its start: move it right of them.
  const fl = root._fullLayout;
  const menu = root.querySelector(".updatemenu-container");
  const rail = root.querySelector(".slider-container .slider-rail-rect");
  if (!fl || !menu || !rail || !(fl.sliders || []).length) return null;
  const right = menu.getBoundingClientRect().right;
  if (right + 4 <= rail.getBoundingClientRect().left) return null;
  const left = root.getBoundingClientRect().left + fl._size.l;
  const x = Math.min(0.8, (right + 8 - left) / fl._size.w);
  return Plotly.relayout(root, { "sliders[0].x": x, "sliders[0].len": 1 - x });
}

function listenForClicks(root) {
  // Plotly lays a cover over the page while the mouse is down, so a DOM "click" never reaches the
  // plot area: a press and release on the same spot (within 4 px) count as a click. Pointer events
  // carry a mouse, a pen and a finger alike: a tap on a phone sets the start as a click does (Plotly
  // cancels a touch's default, so no mouse events follow a tap). A second press within 300 ms is a
  // double click or tap (Plotly's zoom reset), so the first one waits that long.
  let down = null;
  let timer = null;
  root.addEventListener("pointerdown", (e) => {
    const area = e.target.closest && e.target.closest(".nsewdrag");
    if (timer) {
      clearTimeout(timer);
      timer = null;
      down = null;
      return;
    }
    const primary = e.isPrimary && e.button === 0;
    down = area && primary ? { id: e.pointerId, x: e.clientX, y: e.clientY, rect: area.getBoundingClientRect() } : null;
  }, true);
  const up = (e) => {
    if (!root.isConnected) {
      document.removeEventListener("pointerup", up, true);
      document.removeEventListener("pointercancel", cancel, true);
      return;
    }
    if (!down || e.pointerId !== down.id || Math.hypot(e.clientX - down.x, e.clientY - down.y) > 4) {
      down = null;
      return;
    }
    const d = down;
    down = null;
    timer = setTimeout(() => {
      timer = null;
      const xa = root._fullLayout && root._fullLayout.xaxis;
      const ya = root._fullLayout && root._fullLayout.yaxis;
      if (!xa || !ya || !root.__gaSend) return;
      const x = xa.p2l(d.x - d.rect.left);
      const y = ya.p2l(d.y - d.rect.top);
      if (Number.isFinite(x) && Number.isFinite(y)) root.__gaSend("click", { x, y });
    }, 300);
  };
  const cancel = () => {
    down = null; // the browser took the touch for a scroll or a pinch: not a tap
  };
  document.addEventListener("pointerup", up, true);
  document.addEventListener("pointercancel", cancel, true);
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  if (data && data.preload) {
    // an early, hidden instance: start fetching plotly.js while the page is still computing
    loadPlotly(data.src).catch((err) => console.error(err));
    return;
  }
  if (!data || !data.fig) return;
  let root = parentElement.querySelector(".ga-live");
  if (!root) {
    root = document.createElement("div");
    root.className = "ga-live";
    parentElement.appendChild(root);
  }
  root.style.minHeight = (data.height || 450) + "px";
  root.__gaSend = setTriggerValue;
  root.__gaKey = data.key || null;
  root.__gaFollow = data.follow || null;
  if (data.key) charts[data.key] = root;
  if (!root.__gaResize && typeof ResizeObserver !== "undefined") {
    // Plotly's "responsive" follows the window only: a chart drawn while hidden (an inactive tab, a
    // closed expander) would keep plotly's default 700 px when shown, so follow the element itself.
    let pending = 0;
    root.__gaResize = new ResizeObserver((entries) => {
      const w = entries[0].contentRect.width;
      const fl = root._fullLayout;
      if (!w || !fl || !root.__gaPlotlyLib || Math.abs(fl.width - w) < 1 || pending) return;
      pending = requestAnimationFrame(() => {
        pending = 0;
        if (root.isConnected) root.__gaPlotlyLib.Plots.resize(root).catch(() => {});
      });
    });
    root.__gaResize.observe(root);
  }
  if (data.clickable && !root.__gaClicks) {
    root.__gaClicks = true;
    listenForClicks(root);
  }
  const token = (root.__gaToken || 0) + 1;
  root.__gaToken = token;
  loadPlotly(data.src)
    .then((Plotly) => {
      if (root.__gaToken !== token) return null; // a newer figure is on its way
      if (root.__gaPlotlyLib && root.__gaPlotlyLib !== Plotly) {
        root.__gaPlotlyLib.purge(root); // drawn by the other bundle: start afresh with this one
        root.__gaTraces = null;
      }
      root.__gaPlotlyLib = Plotly;
      stopAnimation(Plotly, root);
      const shared = (data.fig.shared || []).map(decodeArray); // arrays several traces hold, decoded once
      const fig = {
        data: traces(root, data.fig.data || [], shared),
        layout: themed(parentElement, data.fig.layout || {}),
        config: data.config || {},
      };
      if (data.fig.frames) fig.frames = unpackFrames(data.fig.frames, shared);
      return Plotly.react(root, fig).then((gd) => clearOfButtons(Plotly, root) || gd);
    })
    .then((gd) => {
      if (gd && root.__gaToken === token) {
        relayFrames(gd);
        root.setAttribute("data-rev", String(data.rev));
      }
    })
    .catch((err) => {
      root.textContent = (data.failed || "Chart failed") + ": " + (err && err.message ? err.message : err);
      console.error(err);
    });
}
