// "Optimizer race", live: while the visitor drags an optimizer's learning rate or β, the
// browser reruns the race (./numerics.js, the core's rules line for line, checked bit for bit)
// and paints every path, its head, its arrows on the top view and the 3D view itself
// (live/stage.js follows the drag, live/paint.js paints), and redraws the cost chart through
// plotly (a few lines: cheap). Nothing goes to the server until the thumb is released; then
// Streamlit's rerun draws everything from the server's figures, which hold the same numbers.
//
// What is drawn is what bnviz/lessons/race/figures.py draws at the last frame, by the same
// rules (runs.view_radius, plotting/window.surfaces, paths.path_art + figures.thin, the
// arrows of figures.add_arrows, figures._curve and lines.outcome_marks). Traces are found by
// their name (a racer's, in the page's language: the payload's names), never by position.
// The component's Python side is bnviz/ui/race.py.

import { drawnIndices, inside, linspace, rowsOf, surfaceGrid } from "../common/paths.js";
import { bandsOf, colorsOf, followAxes, paintScene, paintTop } from "../live/paint.js";
import { stage } from "../live/stage.js";
import * as raceNumerics from "./numerics.js";

let payload = null;
// A racer's key by its name in the page's language, and the surfaces of the last window.
let nameKeys = {}, surfaceCache = null;

// ------------------------------------------------------------------ the race's numbers

function arange(n) {
  const out = new Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

// numpy's round: half to even (the values here are not negative).
function roundHalfEven(x) {
  const r = Math.round(x);
  return Math.abs(x - Math.trunc(x)) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

// plotting/window.surfaces: cost[j * n + i] = f(xs[i], ys[j]) (rows follow w2, as plotly's z).
function surface(q, xr, yr, n) {
  return surfaceGrid((x, y) => raceNumerics.excessAt(q, x, y), q.fStar, xr, yr, n);
}

// lessons/race/figures.thin: every step of the first `exact`, then uniform in sqrt(step).
function thin(last, c) {
  const most = c.thin_points, exact = c.thin_exact;
  if (last + 1 <= most) return arange(last + 1);
  const set = new Set(arange(exact));
  const root = linspace(0.0, Math.sqrt(last), most - exact);
  for (const r of root) set.add(roundHalfEven(r * r));
  set.add(last);
  return Array.from(set).sort((a, b) => a - b);
}

// The drawn step indices of a run over a surface (figures._art, then path_frames' last frame).
function pathSteps(run, surf, margin, c) {
  const keep = Math.max(inside(run.weights, surf.xr, surf.yr, margin), 1);
  const idx = thin(keep - 1, c);
  // A thinned race path is short enough to be drawn whole.
  return drawnIndices(idx.length - 1, c.max_points, c.exact_head).map((i) => idx[i]);
}

// lessons/race/runs.view_radius: the square view around the minimum that holds the stable runs.
function viewRadius(live, runs, c) {
  const center = live.q.wStar, w0 = live.w0;
  const d0 = w0[0] - center[0], d1 = w0[1] - center[1];
  if (!(Math.sqrt(d0 * d0 + d1 * d1) > 0)) {
    return Math.max(1.0, 0.5 * Math.max(Math.abs(center[0]), Math.abs(center[1])));
  }
  // |w0 - w*| as the server's numpy computed it (its step unit, when the start is away).
  const start = live.units.stepUnit;
  let reach = start;
  for (const key of live.keys) {
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

// figures.round_scale: the largest of 1, 2, 5 x 10^k that draws `largest` no longer than room.
function roundScale(largest, room) {
  if (!(largest > 0 && Number.isFinite(largest))) return 1.0;
  const k = Math.floor(Math.log10(room / largest));
  const unit = Number("1e" + k);  // 10.0 ** k, correctly rounded
  let best = unit;
  for (const m of [2.0, 5.0]) if (m * unit * largest <= room) best = m * unit;
  return best;
}

// Python's f"{x:g}" for the scale (1, 2 or 5 times a power of ten), with the decimal mark of
// marks = {decimal, group} (the payload's language; English when marks is undefined), as
// race.figures.scale_text writes it.
function formatScale(x, marks) {
  const [mant, exp] = x.toExponential(5).split("e");
  const e = Number(exp);
  const digits = String(Number(mant));
  const text = (e < -4 || e >= 6)
    ? digits + "e" + (e < 0 ? "-" : "+") + String(Math.abs(e)).padStart(2, "0")
    : String(Number(x.toPrecision(6)));
  return marks && marks.decimal ? text.replace(".", marks.decimal) : text;
}

// Everything the charts show for the settings `spec`.
function compute(payload, spec) {
  const live = payload.live, c = payload.consts;
  const runs = raceNumerics.raceSide(live.q, live.keys, spec, live.units, live.w0,
    live.steps, live.tol);
  const r = viewRadius(live, runs, c);
  const cx = live.q.wStar[0], cy = live.q.wStar[1];
  const xr = [cx - r, cx + r], yr = [cy - r, cy + r];
  let surfaces = surfaceCache;
  if (!surfaces || surfaces.radius !== r || surfaces.payload !== payload) {
    surfaces = surfaceCache = {
      radius: r, payload, coarse: surface(live.q, xr, yr, c.grid_3d),
      fine: surface(live.q, xr, yr, c.grid_2d),
    };
  }
  const paths = {};
  for (const key of live.keys) {
    paths[key] = {
      fine: pathSteps(runs[key], surfaces.fine, c.margin_2d, c),
      coarse: pathSteps(runs[key], surfaces.coarse, c.margin_3d, c),
    };
  }
  return { runs, paths, surfaces, radius: r };
}

// ------------------------------------------------------------------ chart updates


// Indices of a chart's traces: each racer's trail and head (by name), its arrows (by group),
// and the background (the one trace of `backgroundTypes`).
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

// Plotly.update's trace argument from {index: {attr: value}}.
function restyleOf(changes) {
  const indices = Object.keys(changes).map(Number);
  const attrs = new Set();
  for (const i of indices) for (const a of Object.keys(changes[i])) attrs.add(a);
  const traces = {};
  for (const a of attrs) traces[a] = indices.map((i) => changes[i][a]);
  return { traces, indices };
}


function coords(w, idx) {
  const xs = new Float32Array(idx.length), ys = new Float32Array(idx.length);
  idx.forEach((k, i) => { xs[i] = w[2 * k]; ys[i] = w[2 * k + 1]; });
  return [xs, ys];
}

// The top view (race_figures' "contour"): background, trails, heads, arrows, the arrows' note.
function contourUpdate(el, result, payload, withBackground) {
  const names = nameKeys, c = payload.consts;
  const map = traceMap(el, names, ["contour"]);
  const s = result.surfaces.fine, fStar = payload.live.q.fStar;
  const changes = {};
  const layout = {};
  if (withBackground && map.background !== null) {
    let top = 0;
    const ex = new Float64Array(s.cost.length);
    for (let i = 0; i < ex.length; i++) {
      ex[i] = Math.max(s.cost[i] - fStar, 0.0);
      if (ex[i] > top) top = ex[i];
    }
    const floor = Math.max(top, 1e-300) * c.depth;
    changes[map.background] = {
      x: Array.from(s.xs), y: Array.from(s.ys),
      z: rowsOf(ex, s.n, (v) => Math.fround(Math.log10(v + floor))),
    };
    layout["xaxis.range"] = s.xr.slice();
    layout["yaxis.range"] = s.yr.slice();
  }
  const width = s.xs[s.n - 1] - s.xs[0];
  const glen = c.gradient_arrow * width;
  let vmax = 0.0;
  for (const key of payload.live.keys) {
    const t = result.runs[key];
    if (!t.velocities) continue;
    for (const k of result.paths[key].fine) {
      const v0 = t.velocities[2 * k], v1 = t.velocities[2 * k + 1];
      const n = Math.sqrt(v0 * v0 + v1 * v1);
      if (n > vmax) vmax = n;
    }
  }
  const scale = roundScale(vmax, c.velocity_arrow * width);
  const arrow = (h0, h1, v0, v1) => (Number.isFinite(v0) && Number.isFinite(v1)
    ? { x: [h0, h0 + v0], y: [h1, h1 + v1] } : { x: [h0, h0], y: [h1, h1] });
  for (const key of payload.live.keys) {
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
      const down = norm > 0 ? [(-glen) * g0 / norm, (-glen) * g1 / norm] : [0.0, 0.0];
      const a = arrow(h0, h1, down[0], down[1]);
      changes[map.gradient[key]] = { x: a.x, y: a.y };
    }
    if (key in map.velocity && t.velocities) {
      const a = arrow(h0, h1, scale * t.velocities[2 * h], scale * t.velocities[2 * h + 1]);
      changes[map.velocity[key]] = { x: a.x, y: a.y };
    }
  }
  // The note that gives the velocity's scale: "... velocity ×0.5", or no factor at 1. It is
  // found by its words, which the payload sends in the page's language.
  const notes = el.layout.annotations || [];
  const note = payload.note;
  notes.forEach((a, i) => {
    if (note && typeof a.text === "string" && (a.text === note || a.text.startsWith(note + " ×"))) {
      const text = note + (scale === 1 ? "" : " ×" + formatScale(scale, payload.marks));
      layout["annotations[" + i + "].text"] = text;
    }
  });
  return { changes, layout, map };
}

// The 3D surface (or its top view where the browser has no WebGL): surface, trails, heads.
function surfaceUpdate(el, result, payload, withBackground, flat) {
  const map = traceMap(el, nameKeys, flat ? ["contour"] : ["surface"]);
  const s = result.surfaces.coarse, n = s.n;
  let zmin = Infinity, zmax = -Infinity;
  for (const v of s.cost) { if (v < zmin) zmin = v; if (v > zmax) zmax = v; }
  const lift = payload.consts.lift * (zmax - zmin);
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
  for (const key of payload.live.keys) {
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

// lines.mark_rows: the row of each (text, step) mark, so that no two in a row overlap.
function markRows(marks, span, c) {
  const ends = [];
  const rows = new Array(marks.length).fill(0);
  const order = arange(marks.length).sort((a, b) => marks[a][1] - marks[b][1]);
  for (const i of order) {
    const [text, step] = marks[i];
    const width = text.length * c.char_px / c.narrow_px * span;
    let row = ends.findIndex((end) => end < step);
    if (row < 0) { row = ends.length; ends.push(-Infinity); }
    ends[row] = step + width;
    rows[i] = row;
  }
  return rows;
}

// The cost chart: each racer's excess cost (figures._curve) and the marks where runs ended.
function costUpdate(el, result, payload) {
  const c = payload.consts, names = nameKeys;
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
  // lines.outcome_marks with the race's words; the chart's other shapes and notes stay.
  const marks = [];
  let last = -Infinity;
  for (const key of payload.live.keys) {
    const t = result.runs[key], name = payload.names[key];
    last = Math.max(last, t.excess.length - 1);
    if (t.status === "diverged" && t.divergedAt !== null) marks.push([name + " ✗", t.divergedAt, colors[key]]);
    else if (t.stepsToTol !== null) marks.push([name + " ✓", t.stepsToTol, colors[key]]);
  }
  if (!Number.isFinite(last)) last = 1.0;
  const rows = markRows(marks.map(([t, s]) => [t, s]), Math.max(last, 1.0), c);
  const isMark = (o) => o.xref === "x" && o.yref === "paper";
  const L = el.layout;
  const shapes = (L.shapes || []).filter((o) => !isMark(o)).concat(marks.map(([, s, col]) => ({
    type: "line", xref: "x", yref: "paper", x0: s, x1: s, y0: 0, y1: 1,
    line: { color: col, dash: "dot", width: 1 },
  })));
  const annotations = (L.annotations || []).filter((o) => !isMark(o)).concat(marks.map(([t, s, col], i) => ({
    xref: "x", yref: "paper", x: s, y: 1, text: t, showarrow: false, yanchor: "top",
    xanchor: "left", yshift: -c.mark_row * rows[i], font: { color: col, size: 11 },
  })));
  return { ...restyleOf(changes), layout: { shapes, annotations } };
}


// ------------------------------------------------------------------ the pictures

// A row-major grid from a background trace's change {x, y, z: rows}.
function gridOf(change) {
  const n = change.x.length, z = new Float64Array(n * n);
  change.z.forEach((row, j) => z.set(row, j * n));
  return { xs: change.x, ys: change.y, z, n };
}

// The traces over the background, with the live data where the update has it.
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
  for (const v of values) { if (v < lo) lo = v; if (v > hi) hi = v; }
  return [lo, hi];
}

// The velocity arrows' note ("... ×0.5"), set in place as the figure writes it.
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
  return paintTop(el, { grid, colors: colorsOf(el), lo, hi, band: bands ? (hi - lo) / bands : 0,
    traces: overTraces(el, up.changes, bg, false) });
}

function paintSurface(el, result) {
  const up = surfaceUpdate(el, result, payload, true, false);
  const bg = up.map.background;
  if (bg === null) return false;
  const s = result.surfaces.coarse, grid = gridOf(up.changes[bg]);
  const [zmin, zmax] = range(s.cost);
  const lift = payload.consts.lift * (zmax - zmin);
  return paintScene(el, { grid, colors: colorsOf(el), lo: zmin, hi: zmax, opacity: el._fullData[bg].opacity,
    ranges: [s.xr, s.yr, [zmin, zmax + 2 * lift]], traces: overTraces(el, up.changes, bg, true),
    line: el._fullLayout.scene.xaxis.linecolor || "#888" });
}

// The cost chart through plotly (a few lines: no canvas needed), one update at a time and at
// most every COST_MS while the hand moves: each is a full replot of the chart (~30 ms in
// software), which the pointer and the top and 3D views need the page's thread for.
const COST_MS = 200;
const costing = { busy: false, behind: false, at: -Infinity, timer: null };
function drawCost(el, key, result) {
  const wait = live.pointer ? costing.at + COST_MS - performance.now() : 0;
  if (costing.busy || wait > 0) {
    costing.behind = true;
    if (!costing.busy && !costing.timer) {
      costing.timer = setTimeout(() => { costing.timer = null; live.repaint(key); }, wait);
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

// ------------------------------------------------------------------ the live view

const mount = stage("__bnvizRaceLive", {
  start(p, root) {
    payload = p;
    // Nothing to show: the element takes no room (not even the gap between elements).
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
  shown() {},
  charts: (p) => (p && p.charts ? [p.charts.contour, p.charts.surface, p.charts.cost] : []),
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
  },
});
const live = window.__bnvizRaceLive;
// The race as the charts draw it, for tests and benchmarks.
live.compute = compute;
live.numerics = raceNumerics;

export default mount;
