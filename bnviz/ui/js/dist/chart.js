// Built by scripts/build-js.mjs from bnviz/ui/js/chart/chart.js: edit the sources, then `npm run build`.

// bnviz/ui/js/common/payload.js
function decodePayload(data) {
  if (data instanceof ArrayBuffer) data = new Uint8Array(data);
  if (ArrayBuffer.isView(data)) data = new TextDecoder().decode(data);
  return typeof data === "string" ? JSON.parse(data) : data;
}

// bnviz/ui/js/chart/animation_keys.js
var STYLE_ID = "bnviz-animation-keys";
function addStyle() {
  if (document.getElementById(STYLE_ID)) return;
  const style = document.createElement("style");
  style.id = STYLE_ID;
  style.textContent = ".bnviz-plot g.updatemenu-button:focus-visible, .bnviz-plot g.slider-container:focus-visible {outline: 2px solid #1862d6; outline-offset: 2px;}";
  document.head.appendChild(style);
}
function press(node) {
  node.dispatchEvent(new MouseEvent("mousedown", { bubbles: true }));
  node.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
  node.dispatchEvent(new MouseEvent("click", { bubbles: true }));
}
function buttons(el, words) {
  el.querySelectorAll("g.updatemenu-button").forEach((node, i) => {
    node.setAttribute("tabindex", "0");
    node.setAttribute("role", "button");
    node.setAttribute("aria-label", i === 0 ? words.play : words.pause);
    if (node.dataset.keys) return;
    node.dataset.keys = "1";
    node.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      press(node);
    });
  });
}
function slider(el, Plotly, words) {
  const spec = ((el.layout || {}).sliders || [])[0];
  const node = el.querySelector("g.slider-container");
  if (!spec || !node || !spec.steps || !spec.steps.length) return;
  const steps = spec.steps, active = spec.active || 0;
  node.setAttribute("tabindex", "0");
  node.setAttribute("role", "slider");
  node.setAttribute("aria-label", words.frame);
  node.setAttribute("aria-valuemin", "0");
  node.setAttribute("aria-valuemax", String(steps.length - 1));
  node.setAttribute("aria-valuenow", String(active));
  node.setAttribute("aria-valuetext", String(steps[active].label));
  if (node.dataset.keys) return;
  node.dataset.keys = "1";
  node.addEventListener("keydown", (event) => {
    const s = ((el.layout || {}).sliders || [])[0];
    if (!s) return;
    const last = s.steps.length - 1, now = s.active || 0;
    const to = {
      ArrowRight: now + 1,
      ArrowUp: now + 1,
      ArrowLeft: now - 1,
      ArrowDown: now - 1,
      Home: 0,
      End: last
    }[event.key];
    if (to === void 0) return;
    event.preventDefault();
    const i = Math.max(0, Math.min(last, to));
    if (i === now) return;
    const step = s.steps[i];
    Plotly.relayout(el, { "sliders[0].active": i }).then(() => Plotly.animate(el, step.args[0], step.args[1])).then(() => {
      const again = el.querySelector("g.slider-container");
      if (again) again.focus();
    });
  });
}
function attach(el, Plotly, words) {
  addStyle();
  const apply2 = () => {
    buttons(el, words);
    slider(el, Plotly, words);
  };
  apply2();
  if (!el.dataset.keysHooked && el.on) {
    el.dataset.keysHooked = "1";
    el.on("plotly_afterplot", apply2);
    el.on("plotly_sliderchange", apply2);
    el.on("plotly_animated", apply2);
  }
}

// bnviz/ui/js/chart/theme.js
function luminance(color) {
  const probe = document.createElement("span");
  probe.style.color = color;
  document.body.appendChild(probe);
  const rgb = getComputedStyle(probe).color.match(/[\d.]+/g) || ["255", "255", "255"];
  probe.remove();
  const [r, g, b] = rgb.slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function read(el) {
  const css = getComputedStyle(el);
  const get = (name, fallback) => css.getPropertyValue(name).trim() || fallback;
  const background = get("--st-background-color", "#ffffff");
  const dark = luminance(background) < 0.2;
  return {
    background,
    text: get("--st-text-color", dark ? "#fafafa" : "#111111"),
    // Grid lines a step off the background: visible, never louder than the data.
    grid: dark ? "rgba(250, 250, 250, 0.16)" : "rgba(17, 17, 17, 0.12)",
    line: dark ? "rgba(250, 250, 250, 0.45)" : "rgba(17, 17, 17, 0.45)",
    font: get("--st-font", ""),
    dark
  };
}
function axis(a, theme) {
  return Object.assign({
    gridcolor: theme.grid,
    linecolor: theme.line,
    zerolinecolor: theme.line,
    tickcolor: theme.line,
    color: theme.text
  }, a);
}
function apply(layout, theme) {
  const out = Object.assign({}, layout);
  out.paper_bgcolor = theme.background;
  out.plot_bgcolor = theme.background;
  out.font = Object.assign(
    { color: theme.text },
    theme.font ? { family: theme.font } : {},
    layout.font || {}
  );
  if (!out.font.color) out.font.color = theme.text;
  for (const key2 of Object.keys(out)) {
    if (/^[xy]axis\d*$/.test(key2)) out[key2] = axis(out[key2] || {}, theme);
    if (/^scene\d*$/.test(key2)) {
      const scene = Object.assign({}, out[key2]);
      for (const a of ["xaxis", "yaxis", "zaxis"]) {
        scene[a] = Object.assign(
          axis(scene[a] || {}, theme),
          { backgroundcolor: theme.background }
        );
      }
      out[key2] = scene;
    }
  }
  if (!out.xaxis && !Object.keys(out).some((k) => /^scene/.test(k))) {
    out.xaxis = axis({}, theme);
    out.yaxis = axis(out.yaxis || {}, theme);
  }
  out.legend = Object.assign({ bgcolor: "rgba(0,0,0,0)" }, out.legend || {});
  if (out.annotations) {
    const veil = /^#[0-9a-f]{6}$/i.test(theme.background) ? theme.background + "bf" : theme.background;
    out.annotations = out.annotations.map((a) => a.bgcolor ? Object.assign(
      {},
      a,
      { bgcolor: veil }
    ) : a);
  }
  const controls = {
    bgcolor: theme.background,
    bordercolor: theme.line,
    font: { color: theme.text }
  };
  if (out.updatemenus) {
    out.updatemenus = out.updatemenus.map((m) => Object.assign({}, m, controls));
  }
  if (out.sliders) {
    out.sliders = out.sliders.map((s) => Object.assign({}, s, controls, {
      activebgcolor: theme.dark ? "#5b9cff" : "#1862d6",
      tickcolor: theme.line,
      currentvalue: Object.assign({}, s.currentvalue || {}, { font: { color: theme.text } })
    }));
  }
  return out;
}
function key(theme) {
  return [theme.background, theme.text, theme.font].join("|");
}

// bnviz/ui/js/chart/chart.js
var loading = {};
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
var webgl = null;
function hasWebGL() {
  if (webgl === null) {
    try {
      const canvas = document.createElement("canvas");
      webgl = !!(canvas.getContext("webgl2") || canvas.getContext("webgl") || canvas.getContext("experimental-webgl"));
    } catch {
      webgl = false;
    }
  }
  return webgl;
}
var FLAT_TYPES = { surface: "contour", scatter3d: "scatter" };
function flatten(fig) {
  const trace = (t) => {
    const out = Object.assign({}, t, { type: FLAT_TYPES[t.type] || t.type });
    if (t.type === "surface") {
      delete out.contours;
      delete out.opacity;
      delete out.lighting;
      out.ncontours = 24;
      out.line = { width: 0.5 };
    } else if (t.type === "scatter3d") {
      delete out.z;
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
    data: f.data.map((d) => {
      const o = Object.assign({}, d);
      delete o.z;
      return o;
    })
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
var WORDS = {
  chart: "Chart",
  flat: "This browser cannot draw 3D (WebGL), so the chart shows the top view.",
  failed: "The chart could not be drawn: {error}. Reload the page.",
  play: "Play the animation",
  pause: "Pause the animation",
  frame: "Animation frame"
};
function headline(fig, words) {
  const title = (fig.layout || {}).title;
  const text = typeof title === "string" ? title : title && title.text || "";
  const plain = text.replace(/<br\s*\/?>/gi, " ").replace(/<[^>]+>/g, "").trim();
  return plain || words.chart;
}
function draw(el, parentElement, payload, theme) {
  const data = payload.meta;
  const words = Object.assign({}, WORDS, data.words);
  return loadPlotly(data.src).then((Plotly) => {
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
      layout: apply(Object.assign({ autosize: true }, marks, fig.layout), theme),
      frames: fig.frames || [],
      config: {
        responsive: true,
        displaylogo: false,
        scrollZoom: false,
        displayModeBar: parentElement.clientWidth >= 600 ? "hover" : false
      }
    });
  }).then(() => {
    attach(el, window.Plotly, words);
    el.dataset.renders = String(Number(el.dataset.renders) + 1);
    el.dataset.rendered = data.hash;
    el.dispatchEvent(new CustomEvent("bnviz:drawn", { detail: { hash: data.hash } }));
  }).catch((err) => {
    el.textContent = words.failed.replace("{error}", err.message);
  });
}
function chart_default(component) {
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
  const theme = read(parentElement);
  const themeKey = key(theme);
  el._bnvizRedraw = () => draw(el, parentElement, decodePayload(raw), theme);
  if (el.dataset.figure === data.hash && el.dataset.theme === themeKey && !el.dataset.live) return;
  el.dataset.figure = data.hash;
  el.dataset.theme = themeKey;
  delete el.dataset.live;
  draw(el, parentElement, payload, theme);
}
export {
  chart_default as default
};
