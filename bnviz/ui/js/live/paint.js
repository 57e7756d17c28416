// Pictures painted on a <canvas> laid over a plotly chart while a control is dragged.
//
// Any data change through plotly (react, restyle, update) replots the whole chart: 30-70 ms
// for a top view and 0.2-1.5 s for a 3D surface in software WebGL, so a drag redrawn through
// plotly moved at one or two frames a second. As TensorFlow Playground paints its heatmaps,
// the live views paint each frame themselves, in a few milliseconds: the top view's map as an
// n x n image scaled to the plot area with the paths above it; the 3D view as the surface's
// quads, far to near, through the very camera plotly's scene uses (its view and projection
// matrices; the model maps each axis range to [-a/2, a/2] for aspect ratio a, as gl-plot3d's
// does), so that a rotated camera stays as the visitor left it. Plotly's own axes, title
// and legend stay visible around the canvas. When the server's figure comes back, plotly
// draws it and the canvas goes (live/stage.js).

const CANVAS_CLASS = "bnviz-overlay";

// ------------------------------------------------------------------ colours

// [r, g, b] of "#rgb", "#rrggbb" or "rgb(a)(...)".
export function rgbOf(color) {
  const text = String(color).trim();
  if (text[0] === "#") {
    const hex = text.length === 4 ? text.slice(1).split("").map((c) => c + c).join("") : text.slice(1, 7);
    return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  }
  const parts = text.match(/[\d.]+/g) || ["0", "0", "0"];
  return parts.slice(0, 3).map(Number);
}

// A 256-colour table of plotly's colorscale [[t, colour], ...] (plotly's _fullData has it
// resolved, named scales included): entry k is the colour at t = k / 255.
export function colorTable(scale) {
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

// The table's index of value v on the colour range [lo, hi].
function shade(v, lo, hi) {
  const t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
  return Math.round(Math.min(Math.max(t, 0), 1) * 255);
}

// ------------------------------------------------------------------ the canvas

// The canvas over `el`'s plot area ("top") or 3D scene ("scene"), placed and sized for this
// paint, in the chart's own stacking: above plotly's data, below its title, legend and notes.
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
  Object.assign(canvas.style, { left: box.left + "px", top: box.top + "px", width: box.width + "px",
    height: box.height + "px" });
  const ctx = canvas.getContext("2d");
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  return { canvas, ctx, width: box.width, height: box.height };
}

// What a paint drew on `el`, in data units, kept on the element for tests and benchmarks
// (el._bnvizLast): the axis ranges and each trace's name, mode, colour and points. What the
// server's figure draws on release must be the same.
function record(el, ranges, traces) {
  const list = (a) => (a ? Array.from(a) : null);
  el._bnvizLast = {
    ranges,
    traces: traces.map(({ trace, x, y, z }) => ({ name: trace.name, legendgroup: trace.legendgroup,
      mode: trace.mode, color: (trace.line || {}).color, dash: (trace.line || {}).dash, x: list(x), y: list(y), z: list(z) })),
  };
}

export function removeOverlay(el) {
  for (const c of el.querySelectorAll("canvas." + CANVAS_CLASS)) c.remove();
}

// ------------------------------------------------------------------ traces

const DASHES = { dot: [2, 3], dash: [6, 4], dashdot: [6, 3, 2, 3], solid: [] };

// One plotly scatter trace's look (from _fullData) with the points to draw: {x, y} in pixels.
function drawTrace(ctx, trace, xs, ys) {
  const n = xs.length;
  if (!n) return;
  const mode = trace.mode || "lines";
  ctx.save();
  ctx.globalAlpha = trace.opacity === undefined ? 1 : trace.opacity;
  const line = trace.line || {};
  if (mode.includes("lines") && n > 1) {
    ctx.strokeStyle = line.color || "#444";
    ctx.lineWidth = line.width === undefined ? 2 : line.width;
    ctx.setLineDash(DASHES[line.dash] || []);
    ctx.lineJoin = "round";
    ctx.beginPath();
    let pen = false;
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) { pen = false; continue; }
      if (pen) ctx.lineTo(xs[i], ys[i]); else ctx.moveTo(xs[i], ys[i]);
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
      const size = Array.isArray(m.size) ? m.size[i] : (m.size === undefined ? 6 : m.size);
      const symbol = Array.isArray(m.symbol) ? m.symbol[i] : m.symbol;
      if (!(size > 0)) continue;
      ctx.fillStyle = Array.isArray(m.color) ? m.color[i] : (m.color || line.color || "#444");
      ctx.beginPath();
      if (symbol === "arrow" && i > 0) {
        // plotly's arrow with angleref "previous": its tip at the point, along the segment.
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

// ------------------------------------------------------------------ the top view

// Paint a top view over `el` (a 2D plotly chart, its axes at the ranges to draw in):
//   grid: {xs, ys, z, n}: z[j * n + i] at (xs[i], ys[j]), coloured through `colors` (a
//     colorTable) on [lo, hi], in bands of `band` (plotly's filled contours) or smoothly (0);
//   traces: [{trace (plotly's _fullData look), x, y}] in data units, drawn in order.
export function paintTop(el, { grid, colors, lo, hi, band, traces }) {
  const over = canvasOver(el, "top");
  if (!over) return false;
  const { ctx, width, height } = over;
  const L = el._fullLayout, xr = L.xaxis.range, yr = L.yaxis.range;
  const px = (x) => ((x - xr[0]) / (xr[1] - xr[0])) * width;
  const py = (y) => (1 - (y - yr[0]) / (yr[1] - yr[0])) * height;
  ctx.fillStyle = L.plot_bgcolor || "#fff";
  ctx.fillRect(0, 0, width, height);
  if (grid) {
    const n = grid.n;
    const image = new ImageData(n, n);
    const pixels = image.data;
    for (let j = 0; j < n; j++) {
      const row = (n - 1 - j) * n;  // image rows run down, the grid's up
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
    // Cell centres on the grid's points: the image reaches half a cell past the first and
    // last, as plotly's heatmap; clipped to the plot as plotly clips its contour.
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

// ------------------------------------------------------------------ the 3D view

// p = M v for a column-major 4 x 4 matrix M (gl-matrix's layout) and v = (x, y, z, 1).
function transform(m, x, y, z) {
  return [m[0] * x + m[4] * y + m[8] * z + m[12], m[1] * x + m[5] * y + m[9] * z + m[13],
    m[2] * x + m[6] * y + m[10] * z + m[14], m[3] * x + m[7] * y + m[11] * z + m[15]];
}

// A projector of data points to the canvas (px, py and depth in the camera's space) through
// plotly's camera as it is now, with each axis range mapped to [-a/2, a/2].
function projector(el, ranges, width, height) {
  const sc = el._fullLayout.scene, params = sc._scene.glplot.cameraParams;
  const aspect = [sc.aspectratio.x, sc.aspectratio.y, sc.aspectratio.z];
  const norm = ranges.map(([a, b], i) => [aspect[i] / (b - a), a, aspect[i] / 2]);
  return (x, y, z) => {
    const n = [x, y, z].map((v, i) => (v - norm[i][1]) * norm[i][0] - norm[i][2]);
    const v = transform(params.view, n[0], n[1], n[2]);
    const c = transform(params.projection, v[0], v[1], v[2]);
    return [(c[0] / c[3] + 1) / 2 * width, (1 - c[1] / c[3]) / 2 * height, v[2]];
  };
}

// Paint a 3D view over `el`'s scene:
//   grid: {xs, ys, z, n} the surface, coloured through `colors` on [lo, hi] with `opacity`;
//   ranges: [[x0, x1], [y0, y1], [z0, z1]] the box the scene shows;
//   traces: [{trace, x, y, z}] drawn over the surface, in order;
//   line: the colour of the box's edges.
export function paintScene(el, { grid, colors, lo, hi, opacity, ranges, traces, line }) {
  const over = canvasOver(el, "scene");
  if (!over) return false;
  const { ctx, width, height } = over;
  ctx.fillStyle = el._fullLayout.paper_bgcolor || "#fff";
  ctx.fillRect(0, 0, width, height);
  const project = projector(el, ranges, width, height);
  // The box's floor and its upright edges: where the surface stands.
  const [[x0, x1], [y0, y1], [z0, z1]] = ranges;
  ctx.strokeStyle = line;
  ctx.lineWidth = 1;
  ctx.beginPath();
  const floor = [[x0, y0], [x1, y0], [x1, y1], [x0, y1]].map(([x, y]) => project(x, y, z0));
  floor.forEach((p, i) => (i ? ctx.lineTo(p[0], p[1]) : ctx.moveTo(p[0], p[1])));
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
    quads.sort((a, b) => a[1] - b[1]);  // far (more negative depth) first
    ctx.globalAlpha = opacity === undefined ? 1 : opacity;
    ctx.lineWidth = 0.6;
    for (const [k] of quads) {
      const a = pts[k], b = pts[k + 1], c = pts[k + n + 1], d = pts[k + n];
      const v = (grid.z[k] + grid.z[k + 1] + grid.z[k + n] + grid.z[k + n + 1]) / 4;
      const s = 3 * shade(v, lo, hi);
      const fill = "rgb(" + colors[s] + "," + colors[s + 1] + "," + colors[s + 2] + ")";
      ctx.fillStyle = fill;
      ctx.strokeStyle = fill;  // no seams between neighbours
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

// ------------------------------------------------------------------ the chart around it

// Plotly's title text, set in place (a relayout of a 3D chart would redraw its scene).
export function setTitle(el, text) {
  const node = el.querySelector(".infolayer .gtitle");
  if (node && node.textContent !== text) node.textContent = text;
}

// Colours of a chart's background trace as plotly resolved them, kept per chart.
const tables = new WeakMap();
export function colorsOf(el) {
  const scale = el._fullData[0].colorscale;
  const known = tables.get(el);
  if (known && known.scale === scale) return known.table;
  const table = colorTable(scale);
  tables.set(el, { scale, table });
  return table;
}

// Where a range moved by more than this fraction of the shown span, the axes follow (one
// plotly relayout, at most every RELAYOUT_MS): the top view's numbers stay true.
const RANGE_SLACK = 0.02, RELAYOUT_MS = 250;

export function followAxes(el, xr, yr, then) {
  const L = el._fullLayout, now = performance.now();
  const off = (shown, want) => Math.max(Math.abs(want[0] - shown[0]), Math.abs(want[1] - shown[1]))
    > RANGE_SLACK * (shown[1] - shown[0]);
  if (!off(L.xaxis.range, xr) && !off(L.yaxis.range, yr)) return;
  const last = el._bnvizRelayout || { busy: false, at: -Infinity };
  if (last.busy) return;  // its end paints again, and looks again
  if (now - last.at < RELAYOUT_MS) {
    if (!last.timer) {
      last.timer = setTimeout(() => { last.timer = null; then(); }, RELAYOUT_MS - (now - last.at));
      el._bnvizRelayout = last;
    }
    return;
  }
  el._bnvizRelayout = { busy: true, at: now };
  window.Plotly.relayout(el, { "xaxis.range": xr.slice(), "yaxis.range": yr.slice() })
    .finally(() => {
      el._bnvizRelayout = { busy: false, at: performance.now() };
      then();  // the picture in the new axes, and the axes looked at again
    });
}

// How many bands plotly's filled contours of the server's figure have (its ncontours, as
// plotly rounded them), kept per figure.
export function bandsOf(el) {
  if (el._bnvizBands && el._bnvizBands.figure === el.dataset.figure) return el._bnvizBands.count;
  const c = el._fullData[0].contours || {};
  const count = c.size > 0 ? Math.max(1, Math.round((c.end - c.start) / c.size) + 1) : 0;
  el._bnvizBands = { figure: el.dataset.figure, count };
  return count;
}

