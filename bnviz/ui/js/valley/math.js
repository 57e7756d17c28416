// The numbers of "Valley vs bowl" in the browser: bnviz/core/moments.py, the valley lesson's
// rate modes, bnviz/core/descent.py (run, finish), plotting's windows, grids and path cuts,
// and (through live_common.js's fmt) bnviz/numbers.fmt, line for line in the same IEEE
// operations and order, so that what the visitor sees while dragging is what the server
// confirms on release
// (tests/browser/test_valley_math.py holds the two to 1e-9 and the same steps).
//
// An ES module: valley/live.js imports it, and tests/browser/test_valley_math.py loads it
// into a blank page.
import { fill, fmt, fmtCount, formatG, plural } from "../common/format.js";
import { drawnIndices, inside, linspace, surfaceGrid } from "../common/paths.js";

// What the live view and the tests reach through this module as well.
export { drawnIndices, fmt, formatG, inside, linspace };


// ------------------------------------------------------------ bnviz/core/moments.py

// Givens rotation of rows i, j of m that zeroes m[j][col].
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

// Minimum-norm least squares min |S v - r| for S (3 x 2): {v, resid2, p, q, s}.
export function solve(S, r, rankRtol) {
  const swapped = S[0][0] === 0 && S[1][0] === 0 && S[2][0] === 0;
  const m = S.map((row, k) => (swapped ? [row[1], row[0], r[k]] : [row[0], row[1], r[k]]));
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

export function singularValues(p, q, s) {
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
  const wStar = sol.full ? [base[0] + noise * sol.v[0], base[1] + noise * sol.v[1]]
    : solve(S, target, c.rank_rtol).v;
  const fStar = noise * noise * (sol.resid2 + extra * extra);
  const [small, big] = singularValues(sol.p, sol.q, sol.s);
  const lam = [2 * small * small, 2 * big * big];
  const lamMax = lam[1];
  const lamMin = lam[0] > c.null_rtol * lamMax ? lam[0] : lamMax;  // smallest non-zero
  return { G: gram(S), wStar, fStar, lam, lamMin, lamMax, spreads };
}

function rows(R) {
  return [0, 1, 2, 3].map((i) => [0, 1, 2, 3].map((j) => R[4 * i + j]));
}

// R: the 16 numbers of Draws.R, row by row; d: {a_hi, b_hi, w1, w2, noise}.
export function rawFit(R, d, c) {
  R = rows(R);
  const alpha = d.a_hi - 1, beta = d.b_hi - 1;
  const S = [[R[0][0] + alpha * R[0][1], R[0][0] + beta * R[0][2]],
    [alpha * R[1][1], beta * R[1][2]],
    [0, beta * R[2][2]]];
  const r = [R[0][3], R[1][3], R[2][3]];
  const spreads = [Math.abs(alpha) * Math.abs(R[1][1]),
    Math.abs(beta) * Math.sqrt(R[1][2] * R[1][2] + R[2][2] * R[2][2])];
  const target = [0, 1, 2].map((k) => S[k][0] * d.w1 + S[k][1] * d.w2 + d.noise * r[k]);
  return fit(S, r, R[3][3], [d.w1, d.w2], d.noise, spreads, target, c);
}

export function stdFit(R, d, c) {
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

// ------------------------------------------------- bnviz/core/quadratic.py, descent.py

// f - f*, summed as Quadratic.excess: (e_i G_ij) e_j, i then j ascending, left to right.
export function excess(G, ws, x, y) {
  const e0 = x - ws[0], e1 = y - ws[1];
  return e0 * G[0][0] * e0 + e0 * G[0][1] * e1 + e1 * G[1][0] * e0 + e1 * G[1][1] * e1;
}

// Gradient descent as descent.run + finish: weights (Float64Array, 2 per point), excess,
// cost, status, stepsToTol, divergedAt.
export function run(q, lr, w0, steps, tol, c) {
  const G = q.G, ws = q.wStar;
  const path = new Float64Array(2 * (steps + 1));
  let x = w0[0], y = w0[1];
  path[0] = x; path[1] = y;
  const limit = c.diverged_growth * Math.max(excess(G, ws, x, y), 2 ** -52);
  let divergedAt = null, k = 0;
  while (k < steps) {
    const e0 = x - ws[0], e1 = y - ws[1];
    const g0 = 2 * (e0 * G[0][0] + e1 * G[1][0]);
    const g1 = 2 * (e0 * G[0][1] + e1 * G[1][1]);
    x = x - lr * g0;
    y = y - lr * g1;
    k += 1;
    path[2 * k] = x; path[2 * k + 1] = y;
    if (!(excess(G, ws, x, y) <= limit)) { divergedAt = k; break; }
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
    if (rel <= tol) { hit = i; break; }
  }
  const status = divergedAt !== null ? "diverged" : hit !== null ? "converged" : "stalled";
  return { weights, excess: ex, cost, status, divergedAt,
    stepsToTol: status === "converged" ? hit : null, steps: m - 1 };
}

// lessons/valley/experiment.resolve_lr, with theory's rates (inf on a flat cost).
export function rates(q) {
  const total = q.lamMin + q.lamMax;
  return { stable: q.lamMax > 0 ? 2 / q.lamMax : Infinity,
    optimal: total > 0 ? 2 / total : Infinity,
    kappa: q.lamMin > 0 ? q.lamMax / q.lamMin : Infinity };
}

export function resolveLr(mode, custom, q, c) {
  const r = rates(q);
  const named = { optimal: r.optimal, stable: c.stable_fraction * r.stable, zigzag: c.zigzag_fraction * r.stable };
  let lr = mode in named ? named[mode] : custom;
  if (!Number.isFinite(lr)) lr = custom;
  return lr;
}

// ------------------------------------------- bnviz/plotting/window.py and paths.py

export function squareWindow(center, start, pad) {
  const d0 = start[0] - center[0], d1 = start[1] - center[1];
  let r = Math.sqrt(d0 * d0 + d1 * d1) * pad;
  if (!(r > 0)) r = Math.max(1, 0.5 * Math.max(Math.abs(center[0]), Math.abs(center[1])));
  return [[center[0] - r, center[0] + r], [center[1] - r, center[1] + r]];
}

// cost[j][i] = f(xs[i], ys[j]) (rows follow w2, as Plotly's z).
export function surface(q, xr, yr, n) {
  return surfaceGrid((x, y) => excess(q.G, q.wStar, x, y), q.fStar, xr, yr, n);
}

// inside, drawnIndices and linspace: live_common.js (the race's live view draws with them too).

// ------------------------------------------------- bnviz/numbers.fmt, common/text

// Numbers are spelled by live_common.js's fmt(x, marks) (concatenated before this file).

// The words of lessons/common/text.outcome and lessons/valley/text.readout, in English: a
// payload sends them in the page's language (bnviz/ui/valley_live.py, `words`), with the
// language's number marks. `stalled` holds the singular and plural templates.
const ENGLISH = {
  marks: { decimal: ".", group: "," },
  readout: "κ = {kappa} · 2/λmax = {stable} · rate {rate} · {outcome}",
  diverged: "diverged at step {step}",
  converged: "tolerance at step {step}",
  stalled: ["not within {steps} step", "not within {steps} steps"],
};

// lessons/common/text.outcome
export function outcome(t, words) {
  const w = words || ENGLISH;
  if (t.status === "diverged") return fill(w.diverged, { step: String(t.divergedAt) });
  if (t.status === "converged") return fill(w.converged, { step: String(t.stepsToTol) });
  return fill(plural(w.stalled, t.steps), { steps: fmtCount(t.steps, w.marks) });
}

// ------------------------------------------------------------------- one frame

// Everything both sides show for the live settings s = {R, data, descent, consts}.
export function compute(s) {
  const c = s.consts, d = s.data, dd = s.descent;
  const start = [dd.w1_0, dd.w2_0];
  const raw = rawFit(s.R, d, c), std = stdFit(s.R, d, c);
  const sides = {};
  for (const [label, q, mode, custom, w0] of [
    ["raw", raw, dd.rate_raw, dd.lr_raw, start],
    ["standardized", std, dd.rate_std, dd.lr_std, [start[0] * std.spreads[0], start[1] * std.spreads[1]]],
  ]) {
    const lr = resolveLr(mode, custom, q, c);
    const traj = run(q, lr, w0, dd.steps, dd.tol, c);
    const [xr, yr] = squareWindow(q.wStar, w0, c.pad);
    sides[label] = { label, q, lr, w0, traj, rates: rates(q), xr, yr,
      coarse: surface(q, xr, yr, c.grid_3d), fine: surface(q, xr, yr, c.grid_2d) };
  }
  return sides;
}

// The key numbers of one side, as lessons/valley/text.readout writes them (in the words
// of the payload's language; English without them).
export function readout(side, words) {
  const w = words || ENGLISH, marks = w.marks;
  return fill(w.readout, { kappa: fmt(side.rates.kappa, marks), stable: fmt(side.rates.stable, marks),
    rate: fmt(side.lr, marks), outcome: outcome(side.traj, w) });
}
