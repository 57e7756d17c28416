// A Plotly chart that survives Streamlit reruns.
//
// st.plotly_chart remounts its chart on every rerun, which resets a rotated 3D camera.
// This component keeps one <div> per chart across reruns and updates it with Plotly.react;
// with a constant layout.uirevision, plotly.js keeps the user's camera and zoom.
// plotly.js is loaded once per page from the app's own static folder. The chart takes the
// page's theme (./theme.js), its headline as its accessible name, and no toolbar on a phone's
// width (it would sit on the title). Each drawing of a figure is announced to the page as a
// "bnviz:drawn" event on the plot's <div> (the live views wait for it: live/stage.js).

import { decodePayload } from "../common/payload.js";
import { attach as attachAnimationKeys } from "./animation_keys.js";
import * as themes from "./theme.js";

const loading = {};

function loadPlotly(src) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!loading[src]) {
    loading[src] = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = new URL(src, window.location.href).href;
      script.onload = () => resolve(window.Plotly);
      script.onerror = () => reject(new Error("could not load " + src));
      document.head.appendChild(script);
    });
  }
  return loading[src];
}

// Whether this browser can draw WebGL at all (software or not): without it, plotly.js would
// leave a 3D chart blank with an error in place of the scene.
let webgl = null;
function hasWebGL() {
  if (webgl === null) {
    try {
      const canvas = document.createElement("canvas");
      webgl = !!(canvas.getContext("webgl2") || canvas.getContext("webgl")
        || canvas.getContext("experimental-webgl"));
    } catch {
      webgl = false;
    }
  }
  return webgl;
}

const FLAT_TYPES = { surface: "contour", scatter3d: "scatter" };

// A 3D figure's top view: the surface as a filled contour map of the same z, each 3D path as
// a 2D path (its z dropped), the scene's x and y axes as the plot's. Frames animate the same.
function flatten(fig) {
  const trace = (t) => {
    const out = Object.assign({}, t, { type: FLAT_TYPES[t.type] || t.type });
    if (t.type === "surface") {
      delete out.contours; delete out.opacity; delete out.lighting;
      out.ncontours = 24;
      out.line = { width: 0.5 };
    } else if (t.type === "scatter3d") {
      delete out.z;
      // The line of the cost (z), whatever the language calls it.
      if (out.hovertemplate) out.hovertemplate = out.hovertemplate.replace(/<br>[^<]*%\{z[^}]*\}/, "");
    }
    return out;
  };
  const layout = Object.assign({}, fig.layout);
  const scene = layout.scene || {};
  delete layout.scene;
  layout.xaxis = Object.assign({}, scene.xaxis, { constrain: "domain" });
  layout.yaxis = Object.assign({}, scene.yaxis, { scaleanchor: "x", scaleratio: 1, constrain: "domain" });
  layout.margin = Object.assign({}, layout.margin, { l: 50, b: 100 });
  const frames = (fig.frames || []).map((f) => Object.assign({}, f, {
    data: f.data.map((d) => { const o = Object.assign({}, d); delete o.z; return o; }),
  }));
  return { data: fig.data.map(trace), layout, frames };
}

function is3d(fig) {
  return (fig.data || []).some((t) => t.type in FLAT_TYPES);
}

function notice(el, text) {
  let note = el.parentElement.querySelector(".bnviz-notice");
  if (!text) {
    if (note) note.remove();
    return;
  }
  if (!note) {
    note = document.createElement("div");
    note.className = "bnviz-notice";
    note.style.cssText = "font-size:0.85rem;opacity:0.8;margin-bottom:0.25rem;";
    el.parentElement.insertBefore(note, el);
  }
  note.textContent = text;
}

// The words a chart may show itself, in English; chart.py sends the page's language's in
// meta.words (and its number marks, as plotly's layout.separators, in meta.separators).
const WORDS = {
  chart: "Chart",
  flat: "This browser cannot draw 3D (WebGL), so the chart shows the top view.",
  failed: "The chart could not be drawn: {error}. Reload the page.",
  play: "Play the animation",
  pause: "Pause the animation",
  frame: "Animation frame",
};

// The chart's accessible name: its headline (the title, without markup).
function headline(fig, words) {
  const title = (fig.layout || {}).title;
  const text = typeof title === "string" ? title : (title && title.text) || "";
  const plain = text.replace(/<br\s*\/?>/gi, " ").replace(/<[^>]+>/g, "").trim();
  return plain || words.chart;
}

// Draw the payload's figure in `el` (a promise); announced as "bnviz:drawn" when done.
function draw(el, parentElement, payload, theme) {
  const data = payload.meta;
  const words = Object.assign({}, WORDS, data.words);
  return loadPlotly(data.src)
    .then((Plotly) => {
      let fig = payload.figure;
      const flat = is3d(fig) && !hasWebGL();
      if (flat) fig = flatten(fig);
      el.dataset.flat = flat ? "1" : "0";
      notice(el, flat ? words.flat : "");
      el.setAttribute("role", "figure");
      el.setAttribute("aria-label", headline(fig, words));
      const marks = data.separators ? { separators: data.separators } : {};
      return Plotly.react(el, {
        data: fig.data,
        layout: themes.apply(Object.assign({ autosize: true }, marks, fig.layout), theme),
        frames: fig.frames || [],
        config: { responsive: true, displaylogo: false, scrollZoom: false,
                  displayModeBar: parentElement.clientWidth >= 600 ? "hover" : false },
      });
    })
    .then(() => {
      attachAnimationKeys(el, window.Plotly, words);
      el.dataset.renders = String(Number(el.dataset.renders) + 1);
      el.dataset.rendered = data.hash;
      el.dispatchEvent(new CustomEvent("bnviz:drawn", { detail: { hash: data.hash } }));
    })
    .catch((err) => {
      el.textContent = words.failed.replace("{error}", err.message);
    });
}

export default function (component) {
  const { parentElement } = component;
  const raw = component.data;
  const payload = decodePayload(raw);
  const data = payload.meta;
  let el = parentElement.querySelector("div.bnviz-plot");
  if (!el) {
    el = document.createElement("div");
    el.className = "bnviz-plot";
    el.dataset.renders = "0";
    parentElement.appendChild(el);
  }
  el.style.height = data.height + "px";
  el.style.width = "100%";
  const theme = themes.read(parentElement);
  const themeKey = themes.key(theme);
  // The server's figure drawn again (from its own bytes: plotly changes the data it holds),
  // for a live view that painted over it and has nothing newer (live/stage.js).
  el._bnvizRedraw = () => draw(el, parentElement, decodePayload(raw), theme);
  // A chart a live view painted on is redrawn even from the same figure.
  if (el.dataset.figure === data.hash && el.dataset.theme === themeKey && !el.dataset.live) return;
  el.dataset.figure = data.hash;
  el.dataset.theme = themeKey;
  delete el.dataset.live;
  draw(el, parentElement, payload, theme);
}
