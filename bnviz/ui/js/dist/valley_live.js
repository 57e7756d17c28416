// Built by scripts/build-js.mjs from bnviz/ui/js/valley/live.js: edit the sources, then `npm run build`.
var __defProp = Object.defineProperty;
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};

// bnviz/ui/js/common/format.js
function formatG(x, p) {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const sign = x < 0 ? "-" : "";
  const ax = Math.abs(x);
  let [mant, exp] = ax.toExponential(p - 1).split("e");
  const exact = ax.toExponential(Math.min(100, p + 60)).split("e");
  const tail = exact[0].replace(".", "").slice(p);
  if (/^50*$/.test(tail)) {
    const kept = exact[0].replace(".", "").slice(0, p);
    if (Number(kept[kept.length - 1]) % 2 === 0) {
      mant = kept.length > 1 ? kept[0] + "." + kept.slice(1) : kept;
      exp = exact[1];
    }
  }
  const e = Number(exp);
  const digits = mant.replace(".", "");
  let out;
  if (e >= -4 && e < p) {
    if (e >= 0) {
      const intPart = digits.slice(0, e + 1).padEnd(e + 1, "0");
      const frac = digits.slice(e + 1);
      out = frac ? intPart + "." + frac : intPart;
    } else {
      out = "0." + "0".repeat(-e - 1) + digits;
    }
    if (out.includes(".")) out = out.replace(/0+$/, "").replace(/\.$/, "");
  } else {
    let m = digits.length > 1 ? digits[0] + "." + digits.slice(1) : digits;
    if (m.includes(".")) m = m.replace(/0+$/, "").replace(/\.$/, "");
    const ae = Math.abs(e);
    out = m + "e" + (e < 0 ? "-" : "+") + (ae < 10 ? "0" : "") + ae;
  }
  return sign + out;
}
function formatThousands(x) {
  let r = Math.round(x);
  if (Math.abs(x - Math.trunc(x)) === 0.5) {
    const t = Math.trunc(x);
    r = t % 2 === 0 ? t : t + Math.sign(x);
  }
  const sign = r < 0 || Object.is(r, -0) ? "-" : "";
  return sign + Math.abs(r).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
function fmt(x, marks) {
  if (x === null || x === void 0) return "?";
  const ax = Math.abs(x);
  let text;
  if (x !== 0 && (ax >= 1e5 || ax < 1e-3)) text = formatG(x, 3);
  else text = ax >= 1e4 ? formatThousands(x) : formatG(x, 4);
  if (!marks || marks.decimal === "." && marks.group === ",") return text;
  return text.replace(/[.,]/g, (ch) => ch === "." ? marks.decimal : marks.group);
}
function fmtCount(n, marks) {
  const text = Math.trunc(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return marks && marks.group !== "," ? text.replace(/,/g, marks.group) : text;
}
function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => name in values ? values[name] : whole);
}
function plural(forms, n) {
  return forms[n === 1 ? 0 : 1];
}

// bnviz/ui/js/common/paths.js
function linspace(a, b, n) {
  const out = new Float64Array(n);
  const step = (b - a) / (n - 1);
  for (let i = 0; i < n; i++) out[i] = i * step + a;
  out[n - 1] = b;
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
function surfaceGrid(excess2, fStar, xr, yr, n) {
  const xs = linspace(xr[0], xr[1], n), ys = linspace(yr[0], yr[1], n);
  const cost = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) cost[j * n + i] = fStar + excess2(xs[i], ys[j]);
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
      const fill2 = "rgb(" + colors[s] + "," + colors[s + 1] + "," + colors[s + 2] + ")";
      ctx.fillStyle = fill2;
      ctx.strokeStyle = fill2;
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
function setTitle(el, text) {
  const node = el.querySelector(".infolayer .gtitle");
  if (node && node.textContent !== text) node.textContent = text;
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
    el.addEventListener("bnviz:drawn", () => finish(el));
  }
  function restore(el) {
    const redraw = el._bnvizRedraw ? el._bnvizRedraw() : Promise.resolve();
    redraw.then(() => finish(el), () => finish(el));
  }
  function finish(el) {
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

// bnviz/ui/js/valley/math.js
var math_exports = {};
__export(math_exports, {
  compute: () => compute,
  drawnIndices: () => drawnIndices,
  excess: () => excess,
  fmt: () => fmt,
  formatG: () => formatG,
  inside: () => inside,
  linspace: () => linspace,
  outcome: () => outcome,
  rates: () => rates,
  rawFit: () => rawFit,
  readout: () => readout,
  resolveLr: () => resolveLr,
  run: () => run,
  singularValues: () => singularValues,
  solve: () => solve,
  squareWindow: () => squareWindow,
  stdFit: () => stdFit,
  surface: () => surface
});
function rotate(m, i, j, col) {
  const a = m[i][col], b = m[j][col];
  const r = Math.sqrt(a * a + b * b);
  if (r === 0) return;
  const c = a / r, s = b / r;
  for (let k = 0; k < m[i].length; k++) {
    const x = m[i][k], y = m[j][k];
    m[i][k] = c * x + s * y;
    m[j][k] = c * y - s * x;
  }
}
function solve(S, r, rankRtol) {
  const swapped = S[0][0] === 0 && S[1][0] === 0 && S[2][0] === 0;
  const m = S.map((row, k) => swapped ? [row[1], row[0], r[k]] : [row[0], row[1], r[k]]);
  rotate(m, 1, 2, 0);
  rotate(m, 0, 1, 0);
  rotate(m, 1, 2, 1);
  const p = m[0][0], q = m[0][1], s = m[1][1];
  const c0 = m[0][2], c1 = m[1][2], c2 = m[2][2];
  let v, resid2;
  const rankOne = p !== 0 && !(Math.abs(s) > rankRtol * Math.sqrt(p * p + q * q));
  if (p === 0) {
    v = [0, 0];
    resid2 = c0 * c0 + c1 * c1 + c2 * c2;
  } else if (rankOne) {
    const k = c0 / (p * p + q * q);
    v = [k * p, k * q];
    resid2 = c1 * c1 + c2 * c2;
  } else {
    const v1 = c1 / s;
    v = [(c0 - q * v1) / p, v1];
    resid2 = c2 * c2;
  }
  if (swapped) v = [v[1], v[0]];
  return { v, resid2, p, q, s, full: p !== 0 && !rankOne };
}
function singularValues(p, q, s) {
  const big = (Math.sqrt((p + s) * (p + s) + q * q) + Math.sqrt((p - s) * (p - s) + q * q)) / 2;
  const small = big > 0 ? Math.abs(p * s) / big : 0;
  return [small, big];
}
function gram(S) {
  const g = [[0, 0], [0, 0]];
  for (let i = 0; i < 2; i++) {
    for (let j = 0; j < 2; j++) g[i][j] = S[0][i] * S[0][j] + S[1][i] * S[1][j] + S[2][i] * S[2][j];
  }
  return g;
}
function fit(S, r, extra, base, noise, spreads, target, c) {
  const sol = solve(S, r, c.rank_rtol);
  const wStar = sol.full ? [base[0] + noise * sol.v[0], base[1] + noise * sol.v[1]] : solve(S, target, c.rank_rtol).v;
  const fStar = noise * noise * (sol.resid2 + extra * extra);
  const [small, big] = singularValues(sol.p, sol.q, sol.s);
  const lam = [2 * small * small, 2 * big * big];
  const lamMax = lam[1];
  const lamMin = lam[0] > c.null_rtol * lamMax ? lam[0] : lamMax;
  return { G: gram(S), wStar, fStar, lam, lamMin, lamMax, spreads };
}
function rows(R) {
  return [0, 1, 2, 3].map((i) => [0, 1, 2, 3].map((j) => R[4 * i + j]));
}
function rawFit(R, d, c) {
  R = rows(R);
  const alpha = d.a_hi - 1, beta = d.b_hi - 1;
  const S = [
    [R[0][0] + alpha * R[0][1], R[0][0] + beta * R[0][2]],
    [alpha * R[1][1], beta * R[1][2]],
    [0, beta * R[2][2]]
  ];
  const r = [R[0][3], R[1][3], R[2][3]];
  const spreads = [
    Math.abs(alpha) * Math.abs(R[1][1]),
    Math.abs(beta) * Math.sqrt(R[1][2] * R[1][2] + R[2][2] * R[2][2])
  ];
  const target = [0, 1, 2].map((k) => S[k][0] * d.w1 + S[k][1] * d.w2 + d.noise * r[k]);
  return fit(S, r, R[3][3], [d.w1, d.w2], d.noise, spreads, target, c);
}
function stdFit(R, d, c) {
  R = rows(R);
  const alpha = d.a_hi - 1, beta = d.b_hi - 1;
  const sa = Math.abs(R[1][1]), sb = Math.sqrt(R[1][2] * R[1][2] + R[2][2] * R[2][2]);
  const ka = alpha !== 0 && sa > 0 ? 1 / sa : 0;
  const kb = beta !== 0 && sb > 0 ? 1 / sb : 0;
  const S = [[R[1][1] * ka, R[1][2] * kb], [0, R[2][2] * kb], [0, 0]];
  const r = [R[1][3], R[2][3], R[3][3]];
  const base = [ka ? d.w1 * alpha * sa : 0, kb ? d.w2 * beta * sb : 0];
  const spreads = [Math.abs(alpha) * sa, Math.abs(beta) * sb];
  const target = [0, 1, 2].map((k) => S[k][0] * base[0] + S[k][1] * base[1] + d.noise * r[k]);
  return fit(S, r, 0, base, d.noise, spreads, target, c);
}
function excess(G, ws, x, y) {
  const e0 = x - ws[0], e1 = y - ws[1];
  return e0 * G[0][0] * e0 + e0 * G[0][1] * e1 + e1 * G[1][0] * e0 + e1 * G[1][1] * e1;
}
function run(q, lr, w0, steps, tol, c) {
  const G = q.G, ws = q.wStar;
  const path = new Float64Array(2 * (steps + 1));
  let x = w0[0], y = w0[1];
  path[0] = x;
  path[1] = y;
  const limit = c.diverged_growth * Math.max(excess(G, ws, x, y), 2 ** -52);
  let divergedAt = null, k = 0;
  while (k < steps) {
    const e0 = x - ws[0], e1 = y - ws[1];
    const g0 = 2 * (e0 * G[0][0] + e1 * G[1][0]);
    const g1 = 2 * (e0 * G[0][1] + e1 * G[1][1]);
    x = x - lr * g0;
    y = y - lr * g1;
    k += 1;
    path[2 * k] = x;
    path[2 * k + 1] = y;
    if (!(excess(G, ws, x, y) <= limit)) {
      divergedAt = k;
      break;
    }
  }
  const m = k + 1;
  const weights = path.subarray(0, 2 * m);
  const ex = new Float64Array(m), cost = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    ex[i] = excess(G, ws, weights[2 * i], weights[2 * i + 1]);
    cost[i] = q.fStar + ex[i];
  }
  let hit = null;
  for (let i = 0; i < m; i++) {
    const rel = ex[0] > 0 ? ex[i] / ex[0] : 0;
    if (rel <= tol) {
      hit = i;
      break;
    }
  }
  const status = divergedAt !== null ? "diverged" : hit !== null ? "converged" : "stalled";
  return {
    weights,
    excess: ex,
    cost,
    status,
    divergedAt,
    stepsToTol: status === "converged" ? hit : null,
    steps: m - 1
  };
}
function rates(q) {
  const total = q.lamMin + q.lamMax;
  return {
    stable: q.lamMax > 0 ? 2 / q.lamMax : Infinity,
    optimal: total > 0 ? 2 / total : Infinity,
    kappa: q.lamMin > 0 ? q.lamMax / q.lamMin : Infinity
  };
}
function resolveLr(mode, custom, q, c) {
  const r = rates(q);
  const named = { optimal: r.optimal, stable: c.stable_fraction * r.stable, zigzag: c.zigzag_fraction * r.stable };
  let lr = mode in named ? named[mode] : custom;
  if (!Number.isFinite(lr)) lr = custom;
  return lr;
}
function squareWindow(center, start, pad) {
  const d0 = start[0] - center[0], d1 = start[1] - center[1];
  let r = Math.sqrt(d0 * d0 + d1 * d1) * pad;
  if (!(r > 0)) r = Math.max(1, 0.5 * Math.max(Math.abs(center[0]), Math.abs(center[1])));
  return [[center[0] - r, center[0] + r], [center[1] - r, center[1] + r]];
}
function surface(q, xr, yr, n) {
  return surfaceGrid((x, y) => excess(q.G, q.wStar, x, y), q.fStar, xr, yr, n);
}
var ENGLISH = {
  marks: { decimal: ".", group: "," },
  readout: "κ = {kappa} · 2/λmax = {stable} · rate {rate} · {outcome}",
  diverged: "diverged at step {step}",
  converged: "tolerance at step {step}",
  stalled: ["not within {steps} step", "not within {steps} steps"]
};
function outcome(t, words2) {
  const w = words2 || ENGLISH;
  if (t.status === "diverged") return fill(w.diverged, { step: String(t.divergedAt) });
  if (t.status === "converged") return fill(w.converged, { step: String(t.stepsToTol) });
  return fill(plural(w.stalled, t.steps), { steps: fmtCount(t.steps, w.marks) });
}
function compute(s) {
  const c = s.consts, d = s.data, dd = s.descent;
  const start = [dd.w1_0, dd.w2_0];
  const raw = rawFit(s.R, d, c), std = stdFit(s.R, d, c);
  const sides = {};
  for (const [label, q, mode, custom, w0] of [
    ["raw", raw, dd.rate_raw, dd.lr_raw, start],
    ["standardized", std, dd.rate_std, dd.lr_std, [start[0] * std.spreads[0], start[1] * std.spreads[1]]]
  ]) {
    const lr = resolveLr(mode, custom, q, c);
    const traj = run(q, lr, w0, dd.steps, dd.tol, c);
    const [xr, yr] = squareWindow(q.wStar, w0, c.pad);
    sides[label] = {
      label,
      q,
      lr,
      w0,
      traj,
      rates: rates(q),
      xr,
      yr,
      coarse: surface(q, xr, yr, c.grid_3d),
      fine: surface(q, xr, yr, c.grid_2d)
    };
  }
  return sides;
}
function readout(side, words2) {
  const w = words2 || ENGLISH, marks = w.marks;
  return fill(w.readout, {
    kappa: fmt(side.rates.kappa, marks),
    stable: fmt(side.rates.stable, marks),
    rate: fmt(side.lr, marks),
    outcome: outcome(side.traj, w)
  });
}

// bnviz/ui/js/valley/live.js
var SIDES = [["raw", "Raw"], ["standardized", "Standardized"]];
var payload = null;
var root = null;
function words() {
  return payload && payload.words || null;
}
function readoutLines(lines) {
  for (const [label] of SIDES) {
    const el = root && root.querySelector('[data-side="' + label + '"] .bnviz-readout-numbers');
    if (el && el.textContent !== lines[label]) el.textContent = lines[label];
  }
}
function renderReadout() {
  let box = root.querySelector(".bnviz-readout");
  if (!box) {
    box = document.createElement("div");
    box.className = "bnviz-readout";
    box.style.cssText = "display:flex;gap:1.5rem;font-size:0.9rem;line-height:1.4;";
    for (const [label] of SIDES) {
      const side = document.createElement("div");
      side.dataset.side = label;
      side.style.flex = "1";
      const head = document.createElement("b");
      head.className = "bnviz-readout-side";
      const numbers = document.createElement("span");
      numbers.className = "bnviz-readout-numbers";
      side.append(head, numbers);
      box.appendChild(side);
    }
    root.appendChild(box);
  }
  const names = payload.words && payload.words.sides || {};
  for (const [label, name] of SIDES) {
    const head = box.querySelector('[data-side="' + label + '"] .bnviz-readout-side');
    const text = (names[label] || name) + ": ";
    if (head && head.textContent !== text) head.textContent = text;
  }
  box.dataset.source = "server";
  readoutLines(payload.readout);
}
function title(side) {
  const w = words(), o = outcome(side.traj, w);
  if (w && w.titles && w.titles[side.label]) return fill(w.titles[side.label], { outcome: o });
  const name = side.label[0].toUpperCase() + side.label.slice(1);
  return name + " features: " + o;
}
function pathSteps(side, margin, c) {
  const keep = Math.max(inside(side.traj.weights, side.xr, side.yr, margin), 1);
  return drawnIndices(keep - 1, c.max_points, c.exact_head);
}
function pathTraces(el, side, idx, zOf) {
  const w = side.traj.weights, h = idx[idx.length - 1];
  const trail = { trace: el._fullData[1], x: idx.map((k) => w[2 * k]), y: idx.map((k) => w[2 * k + 1]) };
  const head = { trace: el._fullData[2], x: [w[2 * h]], y: [w[2 * h + 1]] };
  if (zOf) {
    trail.z = idx.map(zOf);
    head.z = [zOf(h)];
    return [trail, head];
  }
  const numbers = el._fullData[3];
  if (!numbers || numbers.mode !== "text") return [trail, head];
  const first = idx.slice(0, numbers.text.length);
  return [trail, head, { trace: numbers, x: first.map((k) => w[2 * k]), y: first.map((k) => w[2 * k + 1]) }];
}
function paintMap(el, key, side, grid, c, logScale) {
  const fStar = side.q.fStar, n = grid.n, z = new Float64Array(n * n);
  if (logScale) {
    let top = 0;
    for (let i = 0; i < z.length; i++) top = Math.max(top, grid.cost[i] - fStar);
    const floor = Math.max(top, 1e-300) * c.depth;
    for (let i = 0; i < z.length; i++) z[i] = Math.log10(Math.max(grid.cost[i] - fStar, 0) + floor);
  } else {
    z.set(grid.cost);
  }
  let lo = Infinity, hi = -Infinity;
  for (const v of z) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const bands = bandsOf(el);
  followAxes(el, side.xr, side.yr, () => live.repaint(key));
  const idx = pathSteps(side, logScale ? c.margin_2d : c.margin_3d, c);
  return paintTop(el, {
    grid: { xs: grid.xs, ys: grid.ys, z, n },
    colors: colorsOf(el),
    lo,
    hi,
    band: bands ? (hi - lo) / bands : 0,
    traces: pathTraces(el, side, idx)
  });
}
function paintSurface(el, side, c) {
  const s = side.coarse;
  let zmin = Infinity, zmax = -Infinity;
  for (const v of s.cost) {
    if (v < zmin) zmin = v;
    if (v > zmax) zmax = v;
  }
  const lift = c.lift * (zmax - zmin), cost = side.traj.cost;
  const idx = pathSteps(side, c.margin_3d, c);
  const theme = el._fullLayout.scene.xaxis;
  return paintScene(el, {
    grid: { xs: s.xs, ys: s.ys, z: s.cost, n: s.n },
    colors: colorsOf(el),
    lo: zmin,
    hi: zmax,
    opacity: el._fullData[0].opacity,
    ranges: [side.xr, side.yr, [zmin, zmax + 2 * lift]],
    traces: pathTraces(el, side, idx, (k) => Math.min(cost[k], zmax) + lift),
    line: theme.linecolor || "#888"
  });
}
var mount = stage("__bnvizValleyLive", {
  start(p, r) {
    payload = p;
    root = r;
    renderReadout();
    return { R: p.R, consts: p.consts, data: Object.assign({}, p.data), descent: Object.assign({}, p.descent) };
  },
  set(settings, name, value) {
    const group = name in settings.data ? settings.data : settings.descent;
    if (group[name] === value) return false;
    group[name] = value;
    return true;
  },
  compute: (settings) => compute(settings),
  shown(result) {
    const lines = {};
    for (const [label] of SIDES) lines[label] = readout(result[label], words());
    readoutLines(lines);
    const box = root && root.querySelector(".bnviz-readout");
    if (box) box.dataset.source = "browser";
  },
  charts: () => SIDES.flatMap(([label]) => [label + "_contour", label + "_surface"]),
  paint(result, key, el) {
    const label = key.replace(/_(contour|surface)$/, ""), side = result[label], c = payload.consts;
    if (key.endsWith("_contour")) return paintMap(el, key, side, side.fine, c, true) && "top";
    setTitle(el, title(side));
    if (el.dataset.flat === "1") return paintMap(el, key, side, side.coarse, c, false) && "top";
    return paintSurface(el, side, c) && "scene";
  },
  atServer(settings) {
    return ["data", "descent"].every((g) => Object.keys(payload[g]).every((k) => settings[g][k] === payload[g][k]));
  }
});
var live = window.__bnvizValleyLive;
live.math = math_exports;
var live_default = mount;
export {
  live_default as default
};
