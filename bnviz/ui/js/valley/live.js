// "Valley vs bowl", live: while the visitor drags a feature's range or a learning rate, the
// browser computes both sides (./math.js, the server's numbers line for line) and paints the
// four charts and the key numbers itself, at frame rate (live/stage.js follows the drag,
// live/paint.js paints). Nothing goes to the server until the thumb is released; then
// Streamlit's rerun draws everything from the server's numbers, which are the same.
//
// The component's Python side is bnviz/ui/valley.py (the payload: the draws' R factor, the
// settings, the rules' constants, the sliders and the words of the page's language).

import { fill } from "../common/format.js";
import { drawnIndices, inside } from "../common/paths.js";
import { bandsOf, colorsOf, followAxes, paintScene, paintTop, setTitle } from "../live/paint.js";
import { stage } from "../live/stage.js";
import * as valleyMath from "./math.js";

const SIDES = [["raw", "Raw"], ["standardized", "Standardized"]];
let payload = null, root = null;

// The words of the page's language (the readout's and the titles' templates, the sides'
// names and the number marks); English without them.
function words() {
  return (payload && payload.words) || null;
}

// ------------------------------------------------------------------ the readout

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
  const names = (payload.words && payload.words.sides) || {};
  for (const [label, name] of SIDES) {
    const head = box.querySelector('[data-side="' + label + '"] .bnviz-readout-side');
    const text = (names[label] || name) + ": ";
    if (head && head.textContent !== text) head.textContent = text;
  }
  box.dataset.source = "server";
  readoutLines(payload.readout);
}

// ------------------------------------------------------------------ the pictures

// Each side's 3D chart title, with its run's outcome (lessons/valley/figures._title).
function title(side) {
  const w = words(), o = valleyMath.outcome(side.traj, w);
  if (w && w.titles && w.titles[side.label]) return fill(w.titles[side.label], { outcome: o });
  const name = side.label[0].toUpperCase() + side.label.slice(1);
  return name + " features: " + o;
}

// The path's drawn steps, as plotting/paths.path_art and animate.path_frames leave it.
function pathSteps(side, margin, c) {
  const keep = Math.max(inside(side.traj.weights, side.xr, side.yr, margin), 1);
  return drawnIndices(keep - 1, c.max_points, c.exact_head);
}

// The path (trace 1) and its head (trace 2) at steps `idx`, with z from `zOf` if given.
function pathTraces(el, side, idx, zOf) {
  const w = side.traj.weights, h = idx[idx.length - 1];
  const trail = { trace: el._fullData[1], x: idx.map((k) => w[2 * k]), y: idx.map((k) => w[2 * k + 1]) };
  const head = { trace: el._fullData[2], x: [w[2 * h]], y: [w[2 * h + 1]] };
  if (zOf) {
    trail.z = idx.map(zOf);
    head.z = [zOf(h)];
    return [trail, head];
  }
  // The top view's numbers beside the first points (lessons/valley/figures.first_steps).
  const numbers = el._fullData[3];
  if (!numbers || numbers.mode !== "text") return [trail, head];
  const first = idx.slice(0, numbers.text.length);
  return [trail, head, { trace: numbers, x: first.map((k) => w[2 * k]), y: first.map((k) => w[2 * k + 1]) }];
}

// A top view: log10 of the excess cost over `grid` (or, on a 3D chart drawn flat, the cost)
// in plotly's bands, with the path.
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
  for (const v of z) { if (v < lo) lo = v; if (v > hi) hi = v; }
  const bands = bandsOf(el);
  followAxes(el, side.xr, side.yr, () => live.repaint(key));
  const idx = pathSteps(side, logScale ? c.margin_2d : c.margin_3d, c);
  return paintTop(el, { grid: { xs: grid.xs, ys: grid.ys, z, n }, colors: colorsOf(el), lo, hi,
    band: bands ? (hi - lo) / bands : 0, traces: pathTraces(el, side, idx) });
}

function paintSurface(el, side, c) {
  const s = side.coarse;
  let zmin = Infinity, zmax = -Infinity;
  for (const v of s.cost) { if (v < zmin) zmin = v; if (v > zmax) zmax = v; }
  const lift = c.lift * (zmax - zmin), cost = side.traj.cost;
  const idx = pathSteps(side, c.margin_3d, c);
  const theme = el._fullLayout.scene.xaxis;
  return paintScene(el, {
    grid: { xs: s.xs, ys: s.ys, z: s.cost, n: s.n }, colors: colorsOf(el), lo: zmin, hi: zmax,
    opacity: el._fullData[0].opacity, ranges: [side.xr, side.yr, [zmin, zmax + 2 * lift]],
    traces: pathTraces(el, side, idx, (k) => Math.min(cost[k], zmax) + lift),
    line: theme.linecolor || "#888",
  });
}

// ------------------------------------------------------------------ the live view

const mount = stage("__bnvizValleyLive", {
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
  compute: (settings) => valleyMath.compute(settings),
  shown(result) {
    const lines = {};
    for (const [label] of SIDES) lines[label] = valleyMath.readout(result[label], words());
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
  },
});
const live = window.__bnvizValleyLive;
// The numbers, for tests and benchmarks.
live.math = valleyMath;

export default mount;
