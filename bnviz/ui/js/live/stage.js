// How a live view follows the hand: one skeleton for "Valley vs bowl" and "Optimizer race",
// which differ in what they compute and paint, not in how a drag is followed.
//
// The controls are Streamlit's own sliders, watched rather than replaced: a thumb's hidden
// <input type="range"> gets its value attribute on every move of a drag (an option's index for
// a select-slider, the number for a slider), while Streamlit sends the value only on release.
// So the URL, the session, the keyboard, the reset button and AppTest work as for any other
// widget. A slider is told by its widget's key (its element's class st-key-<key>).
//
// While the pointer is down, each new value schedules one frame (requestAnimationFrame): the
// view computes its result and paints each chart on a canvas over it (live/paint.js) in a few
// milliseconds, so frames follow the pointer. A chart painted live keeps its canvas until the
// server's figure for it is drawn (chart.js announces "bnviz:drawn"), so no stale picture
// shows between the release and the rerun; released where it started, no rerun comes, and the
// charts get plotly's drawing of the server's figure back at once.
//
// The view's state lives on window[name] (one per page, whatever the reruns do to the
// component), for tests and benchmarks: settings, result, version, charts[key].drawn, stats.

import { decodePayload } from "../common/payload.js";
import { removeOverlay } from "./paint.js";

// The plot of the chart component with Streamlit key `key` (chart/chart.js).
export function chartDiv(key) {
  return document.querySelector(".st-key-" + key + " div.bnviz-plot");
}

// The key of the Streamlit widget an element belongs to, among `keys`.
function widgetKey(el, keys) {
  for (const key of keys) if (el.closest(".st-key-" + key)) return key;
  return null;
}

// The value a thumb shows, or undefined when it is not one of this run's: for a
// select-slider {options, labels}, the option at the thumb's index whose label it shows; for
// a slider {min, max}, the number.
export function thumbValue(input, slider) {
  const raw = input.getAttribute("value");
  if (raw === null || raw === "") return undefined;
  if (slider.options) {
    const index = Number(raw);
    if (Number(input.getAttribute("max")) !== slider.options.length - 1 || !(index in slider.options)) return undefined;
    if ((input.getAttribute("aria-valuetext") || "") !== slider.labels[index]) return undefined;
    return slider.options[index];
  }
  const value = Number(raw);
  if (!Number.isFinite(value) || value < slider.min || value > slider.max) return undefined;
  if (Number(input.getAttribute("max")) !== slider.max) return undefined;
  return value;
}

// If a surface's paint takes d ms, it rests this many times d before the next one while the
// hand moves, so the top views and the pointer keep most of the page's one thread.
const SCENE_REST = 1.5;
// A canvas whose server figure has not come this long after the release is taken away anyway
// (a rerun that failed, or brought the same figure): plotly's drawing is the truth.
const GIVE_UP_MS = 20000;

// The live view `name` on this page, made once:
//   view.start(payload) -> settings      the server's settings of a new run;
//   view.set(settings, name, value)      a slider's new value (true when it changed);
//   view.compute(settings) -> result;
//   view.paint(result, key, el) -> kind  paint chart `key` ("top" or "scene"; falsy: not now);
//   view.shown(result)                   after each frame (readouts);
//   view.atServer(settings) -> bool      whether the settings are the server's run's;
//   view.charts(payload) -> [key, ...].
export function stage(name, view) {
  const live = window[name] || (window[name] = {
    payload: null, root: null, settings: null, result: null, pointer: false, version: 0,
    scheduled: false, charts: {}, installed: false, lastValueAt: 0,
    stats: { frames: 0, computeMs: [], draws: {} },
  });
  live.view = view;
  // Chart `key` painted again (its axes moved under its canvas).
  live.repaint = (key) => {
    if (live.charts[key]) live.charts[key].drawn = -1;
    schedule();
  };

  // Paint every chart not yet at this version: while the hand drags, at the release
  // (`release`), and a chart still showing its canvas when asked again (`repaint`).
  function paintAll(release) {
    const now = performance.now();
    for (const key of view.charts(live.payload)) {
      const el = chartDiv(key);
      if (!el || !el._fullLayout || !el.data) continue;
      if (!live.pointer && !release && !el.dataset.live) continue;
      const state = live.charts[key] || (live.charts[key] = { drawn: 0, at: 0, took: 0 });
      if (state.drawn === live.version) continue;
      if (state.kind === "scene" && live.pointer && now < state.at + SCENE_REST * state.took) {
        // Its turn comes after its rest; the hand resting (no new value) brings it at once.
        if (!live.sceneTimer) live.sceneTimer = setTimeout(() => { live.sceneTimer = null; schedule(); }, state.at + SCENE_REST * state.took - now);
        continue;
      }
      const t0 = performance.now();
      const kind = view.paint(live.result, key, el);
      if (!kind) continue;
      const t1 = performance.now();
      Object.assign(state, { drawn: live.version, at: t1, took: t1 - t0, kind });
      el.dataset.live = "1";
      el.dataset.liveDraws = String(Number(el.dataset.liveDraws || 0) + 1);
      (live.stats.draws[key] || (live.stats.draws[key] = [])).push([t0, t1]);
      watchServer(el);
    }
  }

  function frame(release) {
    live.scheduled = false;
    if (!live.payload || !live.settings) return;
    if (!live.result || live.computed !== live.changes) {
      const t0 = performance.now();
      live.result = view.compute(live.settings);
      live.stats.computeMs.push(performance.now() - t0);
      live.stats.frames += 1;
      live.version += 1;
      live.computed = live.changes;
      view.shown(live.result);
    }
    paintAll(release === true);
  }

  function schedule() {
    if (live.scheduled) return;
    live.scheduled = true;
    requestAnimationFrame(frame);
  }

  // The server's figure drawn over a live canvas: the canvas goes.
  function watchServer(el) {
    if (el.dataset.liveWatch) return;
    el.dataset.liveWatch = "1";
    el.addEventListener("bnviz:drawn", () => finish(el));
  }

  // Plotly's drawing of the server's figure, back over a canvas with nothing newer to show.
  function restore(el) {
    const redraw = el._bnvizRedraw ? el._bnvizRedraw() : Promise.resolve();
    redraw.then(() => finish(el), () => finish(el));
  }

  function finish(el) {
    removeOverlay(el);
    delete el.dataset.live;
  }

  // Released: where it started, plotly's drawing of the server's figure comes back now;
  // elsewhere the rerun's figures take the canvases' place as they arrive.
  function released() {
    const keys = view.charts(live.payload || {}) || [];
    if (live.settings && view.atServer(live.settings)) {
      for (const key of keys) {
        const el = chartDiv(key);
        if (el && el.dataset.live) restore(el);
      }
      return;
    }
    setTimeout(() => {
      for (const key of keys) {
        const el = chartDiv(key);
        if (el && el.dataset.live && live.releasedAt && performance.now() - live.releasedAt >= GIVE_UP_MS) {
          restore(el);
        }
      }
    }, GIVE_UP_MS);
  }

  function onMutations(records) {
    if (!live.pointer || !live.payload || !(live.root && live.root.isConnected)) return;
    const sliders = live.payload.sliders, keys = Object.keys(sliders);
    for (const r of records) {
      const input = r.target;
      if (input.tagName !== "INPUT" || input.type !== "range") continue;
      const key = widgetKey(input, keys);
      if (!key) continue;
      const value = thumbValue(input, sliders[key]);
      if (value !== undefined && view.set(live.settings, sliders[key].name, value)) {
        live.lastValueAt = performance.now();
        live.changes = (live.changes || 0) + 1;
        schedule();
      }
    }
  }

  function install() {
    if (live.installed) return;
    live.installed = true;
    // The animation's step slider and buttons replay the server's run, which a drag has left.
    const style = document.createElement("style");
    style.textContent = ".bnviz-plot[data-live] .slider-container, .bnviz-plot[data-live] "
      + ".updatemenu-container { visibility: hidden; }";
    document.head.appendChild(style);
    document.addEventListener("pointerdown", () => {
      live.pointer = true;
      live.pressedAt = live.changes || 0;
    }, true);
    const up = () => {
      if (!live.pointer) return;
      live.pointer = false;
      // A press that moved no slider of this view (a click elsewhere): nothing to draw.
      if ((live.changes || 0) === live.pressedAt) return;
      live.releasedAt = performance.now();
      frame(true);  // the last value on every chart, surfaces included
      released();
    };
    document.addEventListener("pointerup", up, true);
    document.addEventListener("pointercancel", up, true);
    new MutationObserver(onMutations).observe(document.body, {
      attributes: true, attributeFilter: ["value"], subtree: true,
    });
  }

  // The component's function: each run of the page brings the server's payload, whose
  // settings are the truth again; no frame computed before it is painted.
  return function mount(component) {
    const payload = decodePayload(component.data);
    live.payload = payload;
    live.root = component.parentElement;
    live.result = null;
    live.settings = view.start(payload, live.root);
    install();
    return live;
  };
}
