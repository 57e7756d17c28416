// Built by scripts/build-js.mjs from bnviz/ui/js/race/live.js: edit the sources, then `npm run build`.
var __defProp = Object.defineProperty;
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};

// bnviz/ui/js/common/paths.js
function linspace(a, b, n) {
  const out = new Float64Array(n);
  const step = (b - a) / (n - 1);
  for (let i = 0; i < n; i++) out[i] = i * step + a;
  out[n - 1] = b;
  return out;
}
function rowsOf(values, n, map) {
  const out = new Array(n);
  for (let j = 0; j < n; j++) {
    const row = new Float32Array(n);
    for (let i = 0; i < n; i++) row[i] = map(values[j * n + i]);
    out[j] = row;
  }
  return out;
}
function inside(weights, xr, yr, margin) {
  const dx = (xr[1] - xr[0]) * margin, dy = (yr[1] - yr[0]) * margin;
  const m = weights.length / 2;
  for (let i = 0; i < m; i++) {
    const x = weights[2 * i], y = weights[2 * i + 1];
    const ok = x >= xr[0] - dx && x <= xr[1] + dx && y >= yr[0] - dy && y <= yr[1] + dy && Number.isFinite(x) && Number.isFinite(y);
    if (!ok) return i;
  }
  return m;
}
function drawnIndices(upto, maxPoints, exactHead) {
  const out = [];
  if (upto + 1 <= maxPoints) {
    for (let i = 0; i <= upto; i++) out.push(i);
    return out;
  }
  const head = Math.min(exactHead, Math.floor(maxPoints / 2));
  const slots = maxPoints - head - 1;
  let stride = Math.ceil((upto - head) / Math.max(slots, 1));
  stride += 1 - stride % 2;
  for (let i = 0; i < head; i++) out.push(i);
  let taken = 0;
  for (let i = head; i < upto && taken < slots; i += stride, taken++) out.push(i);
  out.push(upto);
  return out;
}
function surfaceGrid(excess, fStar, xr, yr, n) {
  const xs = linspace(xr[0], xr[1], n), ys = linspace(yr[0], yr[1], n);
  const cost = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) cost[j * n + i] = fStar + excess(xs[i], ys[j]);
  }
  return { xs, ys, cost, n, xr, yr };
}

// bnviz/ui/js/live/paint.js
var CANVAS_CLASS = "bnviz-overlay";
function rgbOf(color) {
  const text = String(color).trim();
  if (text[0] === "#") {
    const hex = text.length === 4 ? text.slice(1).split("").map((c) => c + c).join("") : text.slice(1, 7);
    return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  }
  const parts = text.match(/[\d.]+/g) || ["0", "0", "0"];
  return parts.slice(0, 3).map(Number);
}
function colorTable(scale) {
  const stops = scale.map(([t, c]) => [Number(t), rgbOf(c)]);
  const table = new Uint8ClampedArray(256 * 3);
  let s = 0;
  for (let k = 0; k < 256; k++) {
    const t = k / 255;
    while (s < stops.length - 2 && t > stops[s + 1][0]) s++;
    const [t0, c0] = stops[s], [t1, c1] = stops[Math.min(s + 1, stops.length - 1)];
    const f = t1 > t0 ? Math.min(Math.max((t - t0) / (t1 - t0), 0), 1) : 0;
    for (let ch = 0; ch < 3; ch++) table[3 * k + ch] = c0[ch] + f * (c1[ch] - c0[ch]);
  }
  return table;
}
function shade(v, lo, hi) {
  const t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
  return Math.round(Math.min(Math.max(t, 0), 1) * 255);
}
function canvasOver(el, kind) {
  const holder = el.querySelector(".svg-container");
  if (!holder) return null;
  let canvas = holder.querySelector("canvas." + CANVAS_CLASS);
  if (!canvas) {
    canvas = document.createElement("canvas");
    canvas.className = CANVAS_CLASS;
    canvas.style.cssText = "position:absolute;pointer-events:none;";
    canvas.setAttribute("aria-hidden", "true");
    const below = kind === "scene" ? holder.querySelector(".gl-container") : holder.querySelector("svg.main-svg");
    holder.insertBefore(canvas, below ? below.nextSibling : holder.firstChild);
  }
  let box;
  if (kind === "scene") {
    const gl = el._fullLayout.scene._scene.glplot.canvas;
    const outer = holder.getBoundingClientRect(), inner = gl.getBoundingClientRect();
    box = { left: inner.left - outer.left, top: inner.top - outer.top, width: inner.width, height: inner.height };
  } else {
    const xa = el._fullLayout.xaxis, ya = el._fullLayout.yaxis;
    box = { left: xa._offset, top: ya._offset, width: xa._length, height: ya._length };
  }
  const ratio = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(box.width * ratio)), h = Math.max(1, Math.round(box.height * ratio));
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
  }
  Object.assign(canvas.style, {
    left: box.left + "px",
    top: box.top + "px",
    width: box.width + "px",
    height: box.height + "px"
  });
  const ctx = canvas.getContext("2d");
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  return { canvas, ctx, width: box.width, height: box.height };
}
function record(el, ranges, traces) {
  const list = (a) => a ? Array.from(a) : null;
  el._bnvizLast = {
    ranges,
    traces: traces.map(({ trace, x, y, z }) => ({
      name: trace.name,
      legendgroup: trace.legendgroup,
      mode: trace.mode,
      color: (trace.line || {}).color,
      dash: (trace.line || {}).dash,
      x: list(x),
      y: list(y),
      z: list(z)
    }))
  };
}
function removeOverlay(el) {
  for (const c of el.querySelectorAll("canvas." + CANVAS_CLASS)) c.remove();
}
var DASHES = { dot: [2, 3], dash: [6, 4], dashdot: [6, 3, 2, 3], solid: [] };
function drawTrace(ctx, trace, xs, ys) {
  const n = xs.length;
  if (!n) return;
  const mode = trace.mode || "lines";
  ctx.save();
  ctx.globalAlpha = trace.opacity === void 0 ? 1 : trace.opacity;
  const line = trace.line || {};
  if (mode.includes("lines") && n > 1) {
    ctx.strokeStyle = line.color || "#444";
    ctx.lineWidth = line.width === void 0 ? 2 : line.width;
    ctx.setLineDash(DASHES[line.dash] || []);
    ctx.lineJoin = "round";
    ctx.beginPath();
    let pen = false;
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) {
        pen = false;
        continue;
      }
      if (pen) ctx.lineTo(xs[i], ys[i]);
      else ctx.moveTo(xs[i], ys[i]);
      pen = true;
    }
    ctx.stroke();
    ctx.setLineDash([]);
  }
  if (mode.includes("markers")) {
    const m = trace.marker || {};
    const outline = m.line || {};
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) continue;
      const size = Array.isArray(m.size) ? m.size[i] : m.size === void 0 ? 6 : m.size;
      const symbol = Array.isArray(m.symbol) ? m.symbol[i] : m.symbol;
      if (!(size > 0)) continue;
      ctx.fillStyle = Array.isArray(m.color) ? m.color[i] : m.color || line.color || "#444";
      ctx.beginPath();
      if (symbol === "arrow" && i > 0) {
        const a = Math.atan2(ys[i] - ys[i - 1], xs[i] - xs[i - 1]);
        const r = size / 2;
        ctx.moveTo(xs[i] + r * Math.cos(a), ys[i] + r * Math.sin(a));
        ctx.lineTo(xs[i] + r * Math.cos(a + 2.5), ys[i] + r * Math.sin(a + 2.5));
        ctx.lineTo(xs[i] + r * Math.cos(a - 2.5), ys[i] + r * Math.sin(a - 2.5));
        ctx.closePath();
      } else {
        ctx.arc(xs[i], ys[i], size / 2, 0, 2 * Math.PI);
      }
      ctx.fill();
      if (outline.width > 0) {
        ctx.strokeStyle = outline.color || "#fff";
        ctx.lineWidth = outline.width;
        ctx.stroke();
      }
    }
  }
  if (mode.includes("text") && trace.text) {
    const font = trace.textfont || {};
    ctx.fillStyle = font.color || line.color || "#444";
    ctx.font = (font.size || 12) + "px sans-serif";
    ctx.textBaseline = "middle";
    for (let i = 0; i < n; i++) {
      const where = Array.isArray(trace.textposition) ? trace.textposition[i] : trace.textposition || "";
      const left = String(where).includes("left");
      ctx.textAlign = left ? "right" : "left";
      if (Number.isFinite(xs[i]) && Number.isFinite(ys[i])) ctx.fillText(String(trace.text[i]), xs[i] + (left ? -4 : 4), ys[i]);
    }
  }
  ctx.restore();
}
function paintTop(el, { grid, colors, lo, hi, band, traces }) {
  const over = canvasOver(el, "top");
  if (!over) return false;
  const { ctx, width, height } = over;
  const L = el._fullLayout, xr = L.xaxis.range, yr = L.yaxis.range;
  const px = (x) => (x - xr[0]) / (xr[1] - xr[0]) * width;
  const py = (y) => (1 - (y - yr[0]) / (yr[1] - yr[0])) * height;
  ctx.fillStyle = L.plot_bgcolor || "#fff";
  ctx.fillRect(0, 0, width, height);
  if (grid) {
    const n = grid.n;
    const image = new ImageData(n, n);
    const pixels = image.data;
    for (let j = 0; j < n; j++) {
      const row = (n - 1 - j) * n;
      for (let i = 0; i < n; i++) {
        let v = grid.z[j * n + i];
        if (band > 0) v = lo + (Math.floor((v - lo) / band) + 0.5) * band;
        const k = 3 * shade(v, lo, hi), o = 4 * (row + i);
        pixels[o] = colors[k];
        pixels[o + 1] = colors[k + 1];
        pixels[o + 2] = colors[k + 2];
        pixels[o + 3] = 255;
      }
    }
    const tile = document.createElement("canvas");
    tile.width = n;
    tile.height = n;
    tile.getContext("2d").putImageData(image, 0, 0);
    const hx = (grid.xs[n - 1] - grid.xs[0]) / (2 * (n - 1)), hy = (grid.ys[n - 1] - grid.ys[0]) / (2 * (n - 1));
    const x0 = px(grid.xs[0] - hx), x1 = px(grid.xs[n - 1] + hx);
    const y0 = py(grid.ys[n - 1] + hy), y1 = py(grid.ys[0] - hy);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(tile, x0, y0, x1 - x0, y1 - y0);
  }
  record(el, [xr.slice(), yr.slice()], traces);
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, 0, width, height);
  ctx.clip();
  for (const { trace, x, y } of traces) {
    drawTrace(ctx, trace, Array.from(x, px), Array.from(y, py));
  }
  ctx.restore();
  return true;
}
function transform(m, x, y, z) {
  return [
    m[0] * x + m[4] * y + m[8] * z + m[12],
    m[1] * x + m[5] * y + m[9] * z + m[13],
    m[2] * x + m[6] * y + m[10] * z + m[14],
    m[3] * x + m[7] * y + m[11] * z + m[15]
  ];
}
function projector(el, ranges, width, height) {
  const sc = el._fullLayout.scene, params = sc._scene.glplot.cameraParams;
  const aspect = [sc.aspectratio.x, sc.aspectratio.y, sc.aspectratio.z];
  const norm = ranges.map(([a, b], i) => [aspect[i] / (b - a), a, aspect[i] / 2]);
  return (x, y, z) => {
    const n = [x, y, z].map((v2, i) => (v2 - norm[i][1]) * norm[i][0] - norm[i][2]);
    const v = transform(params.view, n[0], n[1], n[2]);
    const c = transform(params.projection, v[0], v[1], v[2]);
    return [(c[0] / c[3] + 1) / 2 * width, (1 - c[1] / c[3]) / 2 * height, v[2]];
  };
}
function paintScene(el, { grid, colors, lo, hi, opacity, ranges, traces, line }) {
  const over = canvasOver(el, "scene");
  if (!over) return false;
  const { ctx, width, height } = over;
  ctx.fillStyle = el._fullLayout.paper_bgcolor || "#fff";
  ctx.fillRect(0, 0, width, height);
  const project = projector(el, ranges, width, height);
  const [[x0, x1], [y0, y1], [z0, z1]] = ranges;
  ctx.strokeStyle = line;
  ctx.lineWidth = 1;
  ctx.beginPath();
  const floor = [[x0, y0], [x1, y0], [x1, y1], [x0, y1]].map(([x, y]) => project(x, y, z0));
  floor.forEach((p, i) => i ? ctx.lineTo(p[0], p[1]) : ctx.moveTo(p[0], p[1]));
  ctx.closePath();
  for (const [x, y] of [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]) {
    const a = project(x, y, z0), b = project(x, y, z1);
    ctx.moveTo(a[0], a[1]);
    ctx.lineTo(b[0], b[1]);
  }
  ctx.stroke();
  if (grid) {
    const n = grid.n, pts = new Array(n * n);
    for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) pts[j * n + i] = project(grid.xs[i], grid.ys[j], grid.z[j * n + i]);
    const quads = [];
    for (let j = 0; j < n - 1; j++) {
      for (let i = 0; i < n - 1; i++) {
        const k = j * n + i;
        quads.push([k, (pts[k][2] + pts[k + 1][2] + pts[k + n][2] + pts[k + n + 1][2]) / 4]);
      }
    }
    quads.sort((a, b) => a[1] - b[1]);
    ctx.globalAlpha = opacity === void 0 ? 1 : opacity;
    ctx.lineWidth = 0.6;
    for (const [k] of quads) {
      const a = pts[k], b = pts[k + 1], c = pts[k + n + 1], d = pts[k + n];
      const v = (grid.z[k] + grid.z[k + 1] + grid.z[k + n] + grid.z[k + n + 1]) / 4;
      const s = 3 * shade(v, lo, hi);
      const fill = "rgb(" + colors[s] + "," + colors[s + 1] + "," + colors[s + 2] + ")";
      ctx.fillStyle = fill;
      ctx.strokeStyle = fill;
      ctx.beginPath();
      ctx.moveTo(a[0], a[1]);
      ctx.lineTo(b[0], b[1]);
      ctx.lineTo(c[0], c[1]);
      ctx.lineTo(d[0], d[1]);
      ctx.closePath();
      ctx.fill();
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
  }
  record(el, ranges, traces);
  for (const { trace, x, y, z } of traces) {
    const xs = new Array(x.length), ys = new Array(x.length);
    for (let i = 0; i < x.length; i++) {
      const p = project(x[i], y[i], z[i]);
      xs[i] = p[0];
      ys[i] = p[1];
    }
    drawTrace(ctx, trace, xs, ys);
  }
  return true;
}
var tables = /* @__PURE__ */ new WeakMap();
function colorsOf(el) {
  const scale = el._fullData[0].colorscale;
  const known = tables.get(el);
  if (known && known.scale === scale) return known.table;
  const table = colorTable(scale);
  tables.set(el, { scale, table });
  return table;
}
var RANGE_SLACK = 0.02;
var RELAYOUT_MS = 250;
function followAxes(el, xr, yr, then) {
  const L = el._fullLayout, now = performance.now();
  const off = (shown, want) => Math.max(Math.abs(want[0] - shown[0]), Math.abs(want[1] - shown[1])) > RANGE_SLACK * (shown[1] - shown[0]);
  if (!off(L.xaxis.range, xr) && !off(L.yaxis.range, yr)) return;
  const last = el._bnvizRelayout || { busy: false, at: -Infinity };
  if (last.busy) return;
  if (now - last.at < RELAYOUT_MS) {
    if (!last.timer) {
      last.timer = setTimeout(() => {
        last.timer = null;
        then();
      }, RELAYOUT_MS - (now - last.at));
      el._bnvizRelayout = last;
    }
    return;
  }
  el._bnvizRelayout = { busy: true, at: now };
  window.Plotly.relayout(el, { "xaxis.range": xr.slice(), "yaxis.range": yr.slice() }).finally(() => {
    el._bnvizRelayout = { busy: false, at: performance.now() };
    then();
  });
}
function bandsOf(el) {
  if (el._bnvizBands && el._bnvizBands.figure === el.dataset.figure) return el._bnvizBands.count;
  const c = el._fullData[0].contours || {};
  const count = c.size > 0 ? Math.max(1, Math.round((c.end - c.start) / c.size) + 1) : 0;
  el._bnvizBands = { figure: el.dataset.figure, count };
  return count;
}

// bnviz/ui/js/common/payload.js
function decodePayload(data) {
  if (data instanceof ArrayBuffer) data = new Uint8Array(data);
  if (ArrayBuffer.isView(data)) data = new TextDecoder().decode(data);
  return typeof data === "string" ? JSON.parse(data) : data;
}

// bnviz/ui/js/live/stage.js
function chartDiv(key) {
  return document.querySelector(".st-key-" + key + " div.bnviz-plot");
}
function widgetKey(el, keys) {
  for (const key of keys) if (el.closest(".st-key-" + key)) return key;
  return null;
}
function thumbValue(input, slider) {
  const raw = input.getAttribute("value");
  if (raw === null || raw === "") return void 0;
  if (slider.options) {
    const index = Number(raw);
    if (Number(input.getAttribute("max")) !== slider.options.length - 1 || !(index in slider.options)) return void 0;
    if ((input.getAttribute("aria-valuetext") || "") !== slider.labels[index]) return void 0;
    return slider.options[index];
  }
  const value = Number(raw);
  if (!Number.isFinite(value) || value < slider.min || value > slider.max) return void 0;
  if (Number(input.getAttribute("max")) !== slider.max) return void 0;
  return value;
}
var SCENE_REST = 1.5;
var GIVE_UP_MS = 2e4;
function stage(name, view) {
  const live2 = window[name] || (window[name] = {
    payload: null,
    root: null,
    settings: null,
    result: null,
    pointer: false,
    version: 0,
    scheduled: false,
    charts: {},
    installed: false,
    lastValueAt: 0,
    stats: { frames: 0, computeMs: [], draws: {} }
  });
  live2.view = view;
  live2.repaint = (key) => {
    if (live2.charts[key]) live2.charts[key].drawn = -1;
    schedule();
  };
  function paintAll(release) {
    const now = performance.now();
    for (const key of view.charts(live2.payload)) {
      const el = chartDiv(key);
      if (!el || !el._fullLayout || !el.data) continue;
      if (!live2.pointer && !release && !el.dataset.live) continue;
      const state = live2.charts[key] || (live2.charts[key] = { drawn: 0, at: 0, took: 0 });
      if (state.drawn === live2.version) continue;
      if (state.kind === "scene" && live2.pointer && now < state.at + SCENE_REST * state.took) {
        if (!live2.sceneTimer) live2.sceneTimer = setTimeout(() => {
          live2.sceneTimer = null;
          schedule();
        }, state.at + SCENE_REST * state.took - now);
        continue;
      }
      const t0 = performance.now();
      const kind = view.paint(live2.result, key, el);
      if (!kind) continue;
      const t1 = performance.now();
      Object.assign(state, { drawn: live2.version, at: t1, took: t1 - t0, kind });
      el.dataset.live = "1";
      el.dataset.liveDraws = String(Number(el.dataset.liveDraws || 0) + 1);
      (live2.stats.draws[key] || (live2.stats.draws[key] = [])).push([t0, t1]);
      watchServer(el);
    }
  }
  function frame(release) {
    live2.scheduled = false;
    if (!live2.payload || !live2.settings) return;
    if (!live2.result || live2.computed !== live2.changes) {
      const t0 = performance.now();
      live2.result = view.compute(live2.settings);
      live2.stats.computeMs.push(performance.now() - t0);
      live2.stats.frames += 1;
      live2.version += 1;
      live2.computed = live2.changes;
      view.shown(live2.result);
    }
    paintAll(release === true);
  }
  function schedule() {
    if (live2.scheduled) return;
    live2.scheduled = true;
    requestAnimationFrame(frame);
  }
  function watchServer(el) {
    if (el.dataset.liveWatch) return;
    el.dataset.liveWatch = "1";
    el.addEventListener("bnviz:drawn", () => finish2(el));
  }
  function restore(el) {
    const redraw = el._bnvizRedraw ? el._bnvizRedraw() : Promise.resolve();
    redraw.then(() => finish2(el), () => finish2(el));
  }
  function finish2(el) {
    removeOverlay(el);
    delete el.dataset.live;
  }
  function released() {
    const keys = view.charts(live2.payload || {}) || [];
    if (live2.settings && view.atServer(live2.settings)) {
      for (const key of keys) {
        const el = chartDiv(key);
        if (el && el.dataset.live) restore(el);
      }
      return;
    }
    setTimeout(() => {
      for (const key of keys) {
        const el = chartDiv(key);
        if (el && el.dataset.live && live2.releasedAt && performance.now() - live2.releasedAt >= GIVE_UP_MS) {
          restore(el);
        }
      }
    }, GIVE_UP_MS);
  }
  function onMutations(records) {
    if (!live2.pointer || !live2.payload || !(live2.root && live2.root.isConnected)) return;
    const sliders = live2.payload.sliders, keys = Object.keys(sliders);
    for (const r of records) {
      const input = r.target;
      if (input.tagName !== "INPUT" || input.type !== "range") continue;
      const key = widgetKey(input, keys);
      if (!key) continue;
      const value = thumbValue(input, sliders[key]);
      if (value !== void 0 && view.set(live2.settings, sliders[key].name, value)) {
        live2.lastValueAt = performance.now();
        live2.changes = (live2.changes || 0) + 1;
        schedule();
      }
    }
  }
  function install() {
    if (live2.installed) return;
    live2.installed = true;
    const style = document.createElement("style");
    style.textContent = ".bnviz-plot[data-live] .slider-container, .bnviz-plot[data-live] .updatemenu-container { visibility: hidden; }";
    document.head.appendChild(style);
    document.addEventListener("pointerdown", () => {
      live2.pointer = true;
      live2.pressedAt = live2.changes || 0;
    }, true);
    const up = () => {
      if (!live2.pointer) return;
      live2.pointer = false;
      if ((live2.changes || 0) === live2.pressedAt) return;
      live2.releasedAt = performance.now();
      frame(true);
      released();
    };
    document.addEventListener("pointerup", up, true);
    document.addEventListener("pointercancel", up, true);
    new MutationObserver(onMutations).observe(document.body, {
      attributes: true,
      attributeFilter: ["value"],
      subtree: true
    });
  }
  return function mount2(component) {
    const payload2 = decodePayload(component.data);
    live2.payload = payload2;
    live2.root = component.parentElement;
    live2.result = null;
    live2.settings = view.start(payload2, live2.root);
    install();
    return live2;
  };
}

// bnviz/ui/js/race/numerics.js
var numerics_exports = {};
__export(numerics_exports, {
  DIVERGED_GROWTH: () => DIVERGED_GROWTH,
  absoluteRule: () => absoluteRule,
  excessAt: () => excessAt,
  gradientAt: () => gradientAt,
  hessianEigenvalues: () => hessianEigenvalues,
  raceSide: () => raceSide,
  raceUnits: () => raceUnits,
  runOptimizer: () => runOptimizer,
  stableLimit: () => stableLimit
});
var DIVERGED_GROWTH = 1e6;
var NULL_RTOL = 1e-12;
var ULP_ONE = 2220446049250313e-31;
function excessAt(q, w0, w1) {
  const e0 = w0 - q.wStar[0];
  const e1 = w1 - q.wStar[1];
  const G = q.G;
  return 0 + e0 * G[0][0] * e0 + e0 * G[0][1] * e1 + e1 * G[1][0] * e0 + e1 * G[1][1] * e1;
}
function gradientAt(q, w0, w1) {
  const e0 = w0 - q.wStar[0];
  const e1 = w1 - q.wStar[1];
  const G = q.G;
  return [2 * (e0 * G[0][0] + e1 * G[1][0]), 2 * (e0 * G[0][1] + e1 * G[1][1])];
}
function gd(lr) {
  return (w0, w1, g0, g1) => [w0 - lr * g0, w1 - lr * g1, 0, 0];
}
function momentum(lr, beta) {
  let v0 = 0, v1 = 0;
  return (w0, w1, g0, g1) => {
    v0 = beta * v0 - lr * g0;
    v1 = beta * v1 - lr * g1;
    return [w0 + v0, w1 + v1, v0, v1];
  };
}
function nesterov(lr, beta) {
  let v0 = 0, v1 = 0;
  return (w0, w1, g0, g1) => {
    v0 = beta * v0 - lr * g0;
    v1 = beta * v1 - lr * g1;
    return [w0 + beta * v0 - lr * g0, w1 + beta * v1 - lr * g1, v0, v1];
  };
}
function rmsprop(lr, beta, eps) {
  let s0 = 0, s1 = 0;
  const keep = 1 - beta;
  return (w0, w1, g0, g1) => {
    s0 = beta * s0 + keep * g0 * g0;
    s1 = beta * s1 + keep * g1 * g1;
    return [
      w0 - lr * g0 / (Math.sqrt(s0) + eps),
      w1 - lr * g1 / (Math.sqrt(s1) + eps),
      0,
      0
    ];
  };
}
function adam(lr, beta1, beta2, eps) {
  let m0 = 0, m1 = 0, s0 = 0, s1 = 0, p1 = 1, p2 = 1;
  const keep1 = 1 - beta1, keep2 = 1 - beta2, negLr = -lr;
  return (w0, w1, g0, g1) => {
    p1 *= beta1;
    p2 *= beta2;
    m0 = beta1 * m0 + keep1 * g0;
    m1 = beta1 * m1 + keep1 * g1;
    s0 = beta2 * s0 + keep2 * g0 * g0;
    s1 = beta2 * s1 + keep2 * g1 * g1;
    const c1 = 1 - p1, c2 = 1 - p2;
    const move0 = negLr * (m0 / c1) / (Math.sqrt(s0 / c2) + eps);
    const move1 = negLr * (m1 / c1) / (Math.sqrt(s1 / c2) + eps);
    return [w0 + move0, w1 + move1, move0, move1];
  };
}
var RULES = {
  gd: { make: (o) => gd(o.lr), velocity: false },
  mom: { make: (o) => momentum(o.lr, o.beta ?? 0.9), velocity: true },
  nag: { make: (o) => nesterov(o.lr, o.beta ?? 0.9), velocity: true },
  rms: { make: (o) => rmsprop(o.lr, o.beta ?? 0.9, o.eps ?? 1e-8), velocity: false },
  adam: {
    make: (o) => adam(o.lr, o.beta1 ?? 0.9, o.beta2 ?? 0.999, o.eps ?? 1e-8),
    velocity: true
  }
};
function runOptimizer(q, optimizer, w0, steps, tol) {
  const rule = RULES[optimizer.kind];
  if (!rule) throw new Error("unknown optimizer " + optimizer.kind);
  const step = rule.make(optimizer);
  const G = q.G;
  const g00 = G[0][0], g01 = G[0][1], g10 = G[1][0], g11 = G[1][1];
  const s0 = q.wStar[0], s1 = q.wStar[1];
  const start = excessAt(q, w0[0], w0[1]);
  const limit = DIVERGED_GROWTH * Math.max(start, ULP_ONE);
  const path = new Float64Array(2 * (steps + 1));
  const vel = rule.velocity ? new Float64Array(2 * (steps + 1)) : null;
  let a = w0[0], b = w0[1];
  path[0] = a;
  path[1] = b;
  let last = steps;
  let divergedAt = null;
  for (let k = 1; k <= steps; k++) {
    let e0 = a - s0, e1 = b - s1;
    const next = step(a, b, 2 * (e0 * g00 + e1 * g10), 2 * (e0 * g01 + e1 * g11));
    a = next[0];
    b = next[1];
    path[2 * k] = a;
    path[2 * k + 1] = b;
    if (vel) {
      vel[2 * k] = next[2];
      vel[2 * k + 1] = next[3];
    }
    e0 = a - s0;
    e1 = b - s1;
    const ex = 0 + e0 * g00 * e0 + e0 * g01 * e1 + e1 * g10 * e0 + e1 * g11 * e1;
    if (!(ex <= limit)) {
      divergedAt = k;
      last = k;
      break;
    }
  }
  return finish(
    q,
    path.subarray(0, 2 * (last + 1)),
    vel ? vel.subarray(0, 2 * (last + 1)) : null,
    tol,
    divergedAt
  );
}
function finish(q, weights, velocities, tol, divergedAt) {
  const n = weights.length / 2;
  const excess = new Float64Array(n);
  const cost = new Float64Array(n);
  const gradients = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    excess[i] = excessAt(q, weights[2 * i], weights[2 * i + 1]);
    cost[i] = q.fStar + excess[i];
    const g = gradientAt(q, weights[2 * i], weights[2 * i + 1]);
    gradients[2 * i] = g[0];
    gradients[2 * i + 1] = g[1];
  }
  const e0 = excess[0];
  let hit = null;
  for (let i = 0; i < n; i++) {
    if ((e0 > 0 ? excess[i] / e0 : 0) <= tol) {
      hit = i;
      break;
    }
  }
  const status = divergedAt !== null ? "diverged" : hit !== null ? "converged" : "stalled";
  return {
    weights,
    gradients,
    velocities,
    cost,
    excess,
    status,
    steps: n - 1,
    stepsToTol: status === "converged" ? hit : null,
    divergedAt
  };
}
function hessianEigenvalues(G) {
  const a = 2 * G[0][0], b = 2 * G[1][0], d = 2 * G[1][1];
  const mean = 0.5 * (a + d);
  const radius = Math.hypot(0.5 * (a - d), b);
  const top = Math.max(mean + radius, 0);
  let small = top > 0 ? (a * d - b * b) / top : 0;
  small = Math.max(small, 0);
  return [small > NULL_RTOL * top ? small : top, top];
}
function raceUnits(q, w0) {
  const [lamMin, lamMax] = hessianEigenvalues(q.G);
  const total = lamMin + lamMax;
  const rate = total > 0 ? 2 / total : Infinity;
  const d0 = w0[0] - q.wStar[0], d1 = w0[1] - q.wStar[1];
  const distance = Math.sqrt(d0 * d0 + d1 * d1);
  return {
    rateUnit: Number.isFinite(rate) && rate > 0 ? rate : 1,
    stepUnit: Number.isFinite(distance) && distance > 0 ? distance : 1,
    lamMin,
    lamMax
  };
}
function absoluteRule(key, spec, units) {
  const r = units.rateUnit, s = units.stepUnit;
  switch (key) {
    case "gd":
      return { kind: "gd", lr: spec.gd_lr * r };
    case "mom":
      return { kind: "mom", lr: spec.mom_lr * r, beta: spec.mom_beta };
    case "nag":
      return { kind: "nag", lr: spec.nag_lr * r, beta: spec.nag_beta };
    case "rms":
      return { kind: "rms", lr: spec.rms_lr * s, beta: spec.rms_beta, eps: spec.rms_eps };
    case "adam":
      return {
        kind: "adam",
        lr: spec.adam_lr * s,
        beta1: spec.adam_beta1,
        beta2: spec.adam_beta2,
        eps: spec.adam_eps
      };
    default:
      throw new Error("unknown optimizer " + key);
  }
}
function stableLimit(key, beta, lamMax, rateUnit) {
  const edges = {
    gd: 2,
    mom: 2 * (1 + beta),
    nag: 2 * (1 + beta) / (1 + 2 * beta)
  };
  const edge = edges[key];
  if (edge === void 0 || !(lamMax > 0)) return null;
  return edge / (lamMax * rateUnit);
}
function raceSide(q, keys, spec, units, w0, steps, tol) {
  const out = {};
  for (const key of keys) {
    const rule = absoluteRule(key, spec, units);
    out[key] = Object.assign(runOptimizer(q, rule, w0, steps, tol), { rule });
  }
  return out;
}

// bnviz/ui/js/race/live.js
var payload = null;
var nameKeys = {};
var surfaceCache = null;
function arange(n) {
  const out = new Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}
function roundHalfEven(x) {
  const r = Math.round(x);
  return Math.abs(x - Math.trunc(x)) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
function surface(q, xr, yr, n) {
  return surfaceGrid((x, y) => excessAt(q, x, y), q.fStar, xr, yr, n);
}
function thin(last, c) {
  const most = c.thin_points, exact = c.thin_exact;
  if (last + 1 <= most) return arange(last + 1);
  const set = new Set(arange(exact));
  const root = linspace(0, Math.sqrt(last), most - exact);
  for (const r of root) set.add(roundHalfEven(r * r));
  set.add(last);
  return Array.from(set).sort((a, b) => a - b);
}
function pathSteps(run, surf, margin, c) {
  const keep = Math.max(inside(run.weights, surf.xr, surf.yr, margin), 1);
  const idx = thin(keep - 1, c);
  return drawnIndices(idx.length - 1, c.max_points, c.exact_head).map((i) => idx[i]);
}
function viewRadius(live2, runs, c) {
  const center = live2.q.wStar, w0 = live2.w0;
  const d0 = w0[0] - center[0], d1 = w0[1] - center[1];
  if (!(Math.sqrt(d0 * d0 + d1 * d1) > 0)) {
    return Math.max(1, 0.5 * Math.max(Math.abs(center[0]), Math.abs(center[1])));
  }
  const start = live2.units.stepUnit;
  let reach = start;
  for (const key of live2.keys) {
    const t = runs[key];
    if (t.status === "diverged") continue;
    let far = start;
    const w = t.weights;
    for (let i = 0; i < w.length; i += 2) {
      const a = w[i] - center[0], b = w[i + 1] - center[1];
      const d = Math.sqrt(a * a + b * b);
      if (Number.isFinite(d) && d > far) far = d;
    }
    if (far > reach) reach = far;
  }
  return c.view_pad * Math.min(reach, c.max_view * start);
}
function roundScale(largest, room) {
  if (!(largest > 0 && Number.isFinite(largest))) return 1;
  const k = Math.floor(Math.log10(room / largest));
  const unit = Number("1e" + k);
  let best = unit;
  for (const m of [2, 5]) if (m * unit * largest <= room) best = m * unit;
  return best;
}
function formatScale(x, marks) {
  const [mant, exp] = x.toExponential(5).split("e");
  const e = Number(exp);
  const digits = String(Number(mant));
  const text = e < -4 || e >= 6 ? digits + "e" + (e < 0 ? "-" : "+") + String(Math.abs(e)).padStart(2, "0") : String(Number(x.toPrecision(6)));
  return marks && marks.decimal ? text.replace(".", marks.decimal) : text;
}
function compute(payload2, spec) {
  const live2 = payload2.live, c = payload2.consts;
  const runs = raceSide(
    live2.q,
    live2.keys,
    spec,
    live2.units,
    live2.w0,
    live2.steps,
    live2.tol
  );
  const r = viewRadius(live2, runs, c);
  const cx = live2.q.wStar[0], cy = live2.q.wStar[1];
  const xr = [cx - r, cx + r], yr = [cy - r, cy + r];
  let surfaces = surfaceCache;
  if (!surfaces || surfaces.radius !== r || surfaces.payload !== payload2) {
    surfaces = surfaceCache = {
      radius: r,
      payload: payload2,
      coarse: surface(live2.q, xr, yr, c.grid_3d),
      fine: surface(live2.q, xr, yr, c.grid_2d)
    };
  }
  const paths = {};
  for (const key of live2.keys) {
    paths[key] = {
      fine: pathSteps(runs[key], surfaces.fine, c.margin_2d, c),
      coarse: pathSteps(runs[key], surfaces.coarse, c.margin_3d, c)
    };
  }
  return { runs, paths, surfaces, radius: r };
}
function traceMap(el, names, backgroundTypes) {
  const map = { background: null, trail: {}, head: {}, gradient: {}, velocity: {} };
  el.data.forEach((t, i) => {
    if (backgroundTypes.includes(t.type)) {
      if (map.background === null) map.background = i;
      return;
    }
    const key = names[t.name] || names[t.legendgroup];
    if (!key) return;
    const arrow = t.marker && t.marker.symbol === "arrow";
    if (arrow) {
      map[(t.line && t.line.dash) === "dot" ? "gradient" : "velocity"][key] = i;
    } else if (t.name && (t.mode || "").startsWith("lines")) {
      map.trail[key] = i;
    } else if (t.name && t.mode === "markers") {
      map.head[key] = i;
    }
  });
  return map;
}
function restyleOf(changes) {
  const indices = Object.keys(changes).map(Number);
  const attrs = /* @__PURE__ */ new Set();
  for (const i of indices) for (const a of Object.keys(changes[i])) attrs.add(a);
  const traces = {};
  for (const a of attrs) traces[a] = indices.map((i) => changes[i][a]);
  return { traces, indices };
}
function coords(w, idx) {
  const xs = new Float32Array(idx.length), ys = new Float32Array(idx.length);
  idx.forEach((k, i) => {
    xs[i] = w[2 * k];
    ys[i] = w[2 * k + 1];
  });
  return [xs, ys];
}
function contourUpdate(el, result, payload2, withBackground) {
  const names = nameKeys, c = payload2.consts;
  const map = traceMap(el, names, ["contour"]);
  const s = result.surfaces.fine, fStar = payload2.live.q.fStar;
  const changes = {};
  const layout = {};
  if (withBackground && map.background !== null) {
    let top = 0;
    const ex = new Float64Array(s.cost.length);
    for (let i = 0; i < ex.length; i++) {
      ex[i] = Math.max(s.cost[i] - fStar, 0);
      if (ex[i] > top) top = ex[i];
    }
    const floor = Math.max(top, 1e-300) * c.depth;
    changes[map.background] = {
      x: Array.from(s.xs),
      y: Array.from(s.ys),
      z: rowsOf(ex, s.n, (v) => Math.fround(Math.log10(v + floor)))
    };
    layout["xaxis.range"] = s.xr.slice();
    layout["yaxis.range"] = s.yr.slice();
  }
  const width = s.xs[s.n - 1] - s.xs[0];
  const glen = c.gradient_arrow * width;
  let vmax = 0;
  for (const key of payload2.live.keys) {
    const t = result.runs[key];
    if (!t.velocities) continue;
    for (const k of result.paths[key].fine) {
      const v0 = t.velocities[2 * k], v1 = t.velocities[2 * k + 1];
      const n = Math.sqrt(v0 * v0 + v1 * v1);
      if (n > vmax) vmax = n;
    }
  }
  const scale = roundScale(vmax, c.velocity_arrow * width);
  const arrow = (h0, h1, v0, v1) => Number.isFinite(v0) && Number.isFinite(v1) ? { x: [h0, h0 + v0], y: [h1, h1 + v1] } : { x: [h0, h0], y: [h1, h1] };
  for (const key of payload2.live.keys) {
    const t = result.runs[key], idx = result.paths[key].fine, w = t.weights;
    const h = idx[idx.length - 1], h0 = w[2 * h], h1 = w[2 * h + 1];
    if (key in map.trail) {
      const [xs, ys] = coords(w, idx);
      changes[map.trail[key]] = { x: xs, y: ys };
    }
    if (key in map.head) changes[map.head[key]] = { x: [h0], y: [h1] };
    if (key in map.gradient) {
      const g0 = t.gradients[2 * h], g1 = t.gradients[2 * h + 1];
      const norm = Math.sqrt(g0 * g0 + g1 * g1);
      const down = norm > 0 ? [-glen * g0 / norm, -glen * g1 / norm] : [0, 0];
      const a = arrow(h0, h1, down[0], down[1]);
      changes[map.gradient[key]] = { x: a.x, y: a.y };
    }
    if (key in map.velocity && t.velocities) {
      const a = arrow(h0, h1, scale * t.velocities[2 * h], scale * t.velocities[2 * h + 1]);
      changes[map.velocity[key]] = { x: a.x, y: a.y };
    }
  }
  const notes = el.layout.annotations || [];
  const note = payload2.note;
  notes.forEach((a, i) => {
    if (note && typeof a.text === "string" && (a.text === note || a.text.startsWith(note + " ×"))) {
      const text = note + (scale === 1 ? "" : " ×" + formatScale(scale, payload2.marks));
      layout["annotations[" + i + "].text"] = text;
    }
  });
  return { changes, layout, map };
}
function surfaceUpdate(el, result, payload2, withBackground, flat) {
  const map = traceMap(el, nameKeys, flat ? ["contour"] : ["surface"]);
  const s = result.surfaces.coarse, n = s.n;
  let zmin = Infinity, zmax = -Infinity;
  for (const v of s.cost) {
    if (v < zmin) zmin = v;
    if (v > zmax) zmax = v;
  }
  const lift = payload2.consts.lift * (zmax - zmin);
  const changes = {}, layout = {};
  if (withBackground && map.background !== null) {
    changes[map.background] = { x: Array.from(s.xs), y: Array.from(s.ys), z: rowsOf(s.cost, n, Math.fround) };
    if (flat) {
      layout["xaxis.range"] = s.xr.slice();
      layout["yaxis.range"] = s.yr.slice();
    } else {
      layout["scene.xaxis.range"] = s.xr.slice();
      layout["scene.yaxis.range"] = s.yr.slice();
      layout["scene.zaxis.range"] = [zmin, zmax + 2 * lift];
    }
  }
  for (const key of payload2.live.keys) {
    const t = result.runs[key], idx = result.paths[key].coarse, w = t.weights, cost = t.cost;
    const h = idx[idx.length - 1];
    if (key in map.trail) {
      const [xs, ys] = coords(w, idx);
      const up = { x: xs, y: ys };
      if (!flat) up.z = Float32Array.from(idx, (k) => Math.min(cost[k], zmax) + lift);
      changes[map.trail[key]] = up;
    }
    if (key in map.head) {
      const up = { x: [w[2 * h]], y: [w[2 * h + 1]] };
      if (!flat) up.z = [Math.min(cost[h], zmax) + lift];
      changes[map.head[key]] = up;
    }
  }
  return { changes, layout, map };
}
function markRows(marks, span, c) {
  const ends = [];
  const rows = new Array(marks.length).fill(0);
  const order = arange(marks.length).sort((a, b) => marks[a][1] - marks[b][1]);
  for (const i of order) {
    const [text, step] = marks[i];
    const width = text.length * c.char_px / c.narrow_px * span;
    let row = ends.findIndex((end) => end < step);
    if (row < 0) {
      row = ends.length;
      ends.push(-Infinity);
    }
    ends[row] = step + width;
    rows[i] = row;
  }
  return rows;
}
function costUpdate(el, result, payload2) {
  const c = payload2.consts, names = nameKeys;
  const changes = {}, colors = {};
  el.data.forEach((t, i) => {
    const key = names[t.name];
    if (!key || !(key in result.runs)) return;
    const ex = result.runs[key].excess, n = ex.length;
    const every = Math.max(1, Math.ceil(n / c.curve_points));
    const idx = [];
    for (let k = 0; k < n; k += every) idx.push(k);
    if (idx[idx.length - 1] !== n - 1) idx.push(n - 1);
    const y = Float32Array.from(idx, (k) => ex[k]);
    for (let k = 0; k < y.length; k++) if (!(Number.isFinite(y[k]) && y[k] > 0)) y[k] = NaN;
    changes[i] = { x: Int32Array.from(idx), y };
    colors[key] = t.line && t.line.color;
  });
  const marks = [];
  let last = -Infinity;
  for (const key of payload2.live.keys) {
    const t = result.runs[key], name = payload2.names[key];
    last = Math.max(last, t.excess.length - 1);
    if (t.status === "diverged" && t.divergedAt !== null) marks.push([name + " ✗", t.divergedAt, colors[key]]);
    else if (t.stepsToTol !== null) marks.push([name + " ✓", t.stepsToTol, colors[key]]);
  }
  if (!Number.isFinite(last)) last = 1;
  const rows = markRows(marks.map(([t, s]) => [t, s]), Math.max(last, 1), c);
  const isMark = (o) => o.xref === "x" && o.yref === "paper";
  const L = el.layout;
  const shapes = (L.shapes || []).filter((o) => !isMark(o)).concat(marks.map(([, s, col]) => ({
    type: "line",
    xref: "x",
    yref: "paper",
    x0: s,
    x1: s,
    y0: 0,
    y1: 1,
    line: { color: col, dash: "dot", width: 1 }
  })));
  const annotations = (L.annotations || []).filter((o) => !isMark(o)).concat(marks.map(([t, s, col], i) => ({
    xref: "x",
    yref: "paper",
    x: s,
    y: 1,
    text: t,
    showarrow: false,
    yanchor: "top",
    xanchor: "left",
    yshift: -c.mark_row * rows[i],
    font: { color: col, size: 11 }
  })));
  return { ...restyleOf(changes), layout: { shapes, annotations } };
}
function gridOf(change) {
  const n = change.x.length, z = new Float64Array(n * n);
  change.z.forEach((row, j) => z.set(row, j * n));
  return { xs: change.x, ys: change.y, z, n };
}
function overTraces(el, changes, background, withZ) {
  const out = [];
  el._fullData.forEach((trace, i) => {
    if (i === background || trace.visible === false) return;
    const c = changes[i] || {}, d = el.data[i];
    const item = { trace, x: c.x || d.x || [], y: c.y || d.y || [] };
    if (withZ) item.z = c.z || d.z || [];
    out.push(item);
  });
  return out;
}
function range(values) {
  let lo = Infinity, hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}
function setNote(el, layout) {
  for (const [path, text] of Object.entries(layout)) {
    const m = /^annotations\[(\d+)\]\.text$/.exec(path);
    if (!m) continue;
    const node = el.querySelector('.infolayer g.annotation[data-index="' + m[1] + '"] .annotation-text');
    if (node && node.textContent !== text) node.textContent = text;
  }
}
function paintMap(el, key, result, flat) {
  const up = flat ? surfaceUpdate(el, result, payload, true, true) : contourUpdate(el, result, payload, true);
  const bg = up.map.background;
  if (bg === null) return false;
  const grid = gridOf(up.changes[bg]);
  const [lo, hi] = range(grid.z);
  const bands = bandsOf(el);
  const s = flat ? result.surfaces.coarse : result.surfaces.fine;
  followAxes(el, s.xr, s.yr, () => live.repaint(key));
  if (!flat) setNote(el, up.layout);
  return paintTop(el, {
    grid,
    colors: colorsOf(el),
    lo,
    hi,
    band: bands ? (hi - lo) / bands : 0,
    traces: overTraces(el, up.changes, bg, false)
  });
}
function paintSurface(el, result) {
  const up = surfaceUpdate(el, result, payload, true, false);
  const bg = up.map.background;
  if (bg === null) return false;
  const s = result.surfaces.coarse, grid = gridOf(up.changes[bg]);
  const [zmin, zmax] = range(s.cost);
  const lift = payload.consts.lift * (zmax - zmin);
  return paintScene(el, {
    grid,
    colors: colorsOf(el),
    lo: zmin,
    hi: zmax,
    opacity: el._fullData[bg].opacity,
    ranges: [s.xr, s.yr, [zmin, zmax + 2 * lift]],
    traces: overTraces(el, up.changes, bg, true),
    line: el._fullLayout.scene.xaxis.linecolor || "#888"
  });
}
var COST_MS = 200;
var costing = { busy: false, behind: false, at: -Infinity, timer: null };
function drawCost(el, key, result) {
  const wait = live.pointer ? costing.at + COST_MS - performance.now() : 0;
  if (costing.busy || wait > 0) {
    costing.behind = true;
    if (!costing.busy && !costing.timer) {
      costing.timer = setTimeout(() => {
        costing.timer = null;
        live.repaint(key);
      }, wait);
    }
    return false;
  }
  const up = costUpdate(el, result, payload);
  costing.busy = true;
  costing.behind = false;
  window.Plotly.update(el, up.traces, up.layout, up.indices).finally(() => {
    costing.busy = false;
    costing.at = performance.now();
    if (costing.behind) live.repaint(key);
  });
  return true;
}
var mount = stage("__bnvizRaceLive", {
  start(p, root) {
    payload = p;
    const box = root && root.closest('[data-testid="stElementContainer"]');
    if (box) box.style.display = "none";
    nameKeys = {};
    for (const [key, name] of Object.entries(p.names)) nameKeys[name] = key;
    surfaceCache = null;
    return Object.assign({}, p.live.spec);
  },
  set(spec, name, value) {
    if (spec[name] === value) return false;
    spec[name] = value;
    return true;
  },
  compute: (spec) => compute(payload, spec),
  shown() {
  },
  charts: (p) => p && p.charts ? [p.charts.contour, p.charts.surface, p.charts.cost] : [],
  paint(result, key, el) {
    const charts = payload.charts;
    if (key === charts.cost) return drawCost(el, key, result) && "plotly";
    if (key === charts.contour) return paintMap(el, key, result, false) && "top";
    if (el.dataset.flat === "1") return paintMap(el, key, result, true) && "top";
    return paintSurface(el, result) && "scene";
  },
  atServer(spec) {
    const server = payload.live.spec;
    return Object.keys(server).every((k) => spec[k] === server[k]);
  }
});
var live = window.__bnvizRaceLive;
live.compute = compute;
live.numerics = numerics_exports;
var live_default = mount;
export {
  live_default as default
};
