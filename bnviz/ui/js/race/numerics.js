// The optimizer race in the browser: gradient descent, momentum, Nesterov, RMSProp and Adam
// on a two-weight quadratic, the same numbers as the server's, bit for bit.
//
// A line-for-line copy of bnviz/core/descent2d.py (the server's fast path of descent.run),
// with the same IEEE-754 operations in the same order: JavaScript numbers are doubles, and
// +, -, *, / and Math.sqrt round correctly in both languages, so each step gives the same
// bits. Three choices in the core keep it so: the gradient and the excess cost are summed
// in a fixed order (Quadratic.gradient, Quadratic.excess), and Adam carries beta^t as a
// running product (Math.pow and libm's pow round differently). tests/browser/
// test_race_numerics.py holds the two to that on a few hundred random races.
//
// A plain script (no import/export, no DOM), as bnviz/ui/js/valley_math.js: a chart component
// concatenates it before its own code, and tests load it into a blank page. It defines one
// global object, bnvizRaceNumerics, of plain functions on plain objects.
//
// Shapes: a quadratic is {G: [[g00, g01], [g10, g11]], wStar: [s0, s1], fStar}, the cost
//   f(w) = fStar + (w - wStar)' G (w - wStar)      (Hessian 2G);
// a path of k + 1 points is a Float64Array of length 2(k + 1), row-major like numpy's
// (k + 1, 2): [w1_0, w2_0, w1_1, w2_1, ...].


// An excess cost this many times the starting one means the run has left for infinity
// (core.descent.DIVERGED_GROWTH).
export const DIVERGED_GROWTH = 1e6;
// Eigenvalues below this fraction of the largest are numerically zero (core.theory).
const NULL_RTOL = 1e-12;
// math.ulp(1.0): the floor of the divergence limit when the start sits at the minimum.
const ULP_ONE = 2.220446049250313e-16;

/** f(w) - f* at (w0, w1): e_i G_ij e_j added left to right (Quadratic.excess). */
export function excessAt(q, w0, w1) {
  const e0 = w0 - q.wStar[0];
  const e1 = w1 - q.wStar[1];
  const G = q.G;
  // 0 + the first term, as numpy's sum starts from zeros (only the sign of a zero differs).
  return 0.0 + e0 * G[0][0] * e0 + e0 * G[0][1] * e1 + e1 * G[1][0] * e0 + e1 * G[1][1] * e1;
}

/** grad f at (w0, w1): [2 (e0 G00 + e1 G10), 2 (e0 G01 + e1 G11)] (Quadratic.gradient). */
export function gradientAt(q, w0, w1) {
  const e0 = w0 - q.wStar[0];
  const e1 = w1 - q.wStar[1];
  const G = q.G;
  return [2.0 * (e0 * G[0][0] + e1 * G[1][0]), 2.0 * (e0 * G[0][1] + e1 * G[1][1])];
}

// ----------------------------------------------------------------------- update rules
// Each returns step(w0, w1, g0, g1) -> [w0', w1', v0', v1'] with the rule's state in the
// closure; v is the velocity the state carries after the step (0 for rules without one).
// Formulas: bnviz/core/optimizers.py; operation order: bnviz/core/descent2d.py.

function gd(lr) {
  return (w0, w1, g0, g1) => [w0 - lr * g0, w1 - lr * g1, 0.0, 0.0];
}

// Heavy ball: v <- beta v - lr g;  w <- w + v.
function momentum(lr, beta) {
  let v0 = 0.0, v1 = 0.0;
  return (w0, w1, g0, g1) => {
    v0 = beta * v0 - lr * g0;
    v1 = beta * v1 - lr * g1;
    return [w0 + v0, w1 + v1, v0, v1];
  };
}

// Nesterov (Sutskever's form): v <- beta v - lr g;  w <- w + beta v - lr g.
function nesterov(lr, beta) {
  let v0 = 0.0, v1 = 0.0;
  return (w0, w1, g0, g1) => {
    v0 = beta * v0 - lr * g0;
    v1 = beta * v1 - lr * g1;
    return [w0 + beta * v0 - lr * g0, w1 + beta * v1 - lr * g1, v0, v1];
  };
}

// RMSProp: s <- beta s + (1 - beta) g^2;  w <- w - lr g / (sqrt(s) + eps).
function rmsprop(lr, beta, eps) {
  let s0 = 0.0, s1 = 0.0;
  const keep = 1.0 - beta;
  return (w0, w1, g0, g1) => {
    s0 = beta * s0 + keep * g0 * g0;
    s1 = beta * s1 + keep * g1 * g1;
    return [w0 - lr * g0 / (Math.sqrt(s0) + eps), w1 - lr * g1 / (Math.sqrt(s1) + eps),
      0.0, 0.0];
  };
}

// Adam with bias correction; beta^t as running products p1, p2 (see the header):
// m <- b1 m + (1 - b1) g;  s <- b2 s + (1 - b2) g^2;
// move = -lr (m / (1 - p1)) / (sqrt(s / (1 - p2)) + eps);  w <- w + move.
function adam(lr, beta1, beta2, eps) {
  let m0 = 0.0, m1 = 0.0, s0 = 0.0, s1 = 0.0, p1 = 1.0, p2 = 1.0;
  const keep1 = 1.0 - beta1, keep2 = 1.0 - beta2, negLr = -lr;
  return (w0, w1, g0, g1) => {
    p1 *= beta1;
    p2 *= beta2;
    m0 = beta1 * m0 + keep1 * g0;
    m1 = beta1 * m1 + keep1 * g1;
    s0 = beta2 * s0 + keep2 * g0 * g0;
    s1 = beta2 * s1 + keep2 * g1 * g1;
    const c1 = 1.0 - p1, c2 = 1.0 - p2;
    const move0 = negLr * (m0 / c1) / (Math.sqrt(s0 / c2) + eps);
    const move1 = negLr * (m1 / c1) / (Math.sqrt(s1 / c2) + eps);
    return [w0 + move0, w1 + move1, move0, move1];
  };
}

// Defaults of the core's dataclasses, for hyper-parameters left out.
const RULES = {
  gd: { make: (o) => gd(o.lr), velocity: false },
  mom: { make: (o) => momentum(o.lr, o.beta ?? 0.9), velocity: true },
  nag: { make: (o) => nesterov(o.lr, o.beta ?? 0.9), velocity: true },
  rms: { make: (o) => rmsprop(o.lr, o.beta ?? 0.9, o.eps ?? 1e-8), velocity: false },
  adam: {
    make: (o) => adam(o.lr, o.beta1 ?? 0.9, o.beta2 ?? 0.999, o.eps ?? 1e-8), velocity: true,
  },
};

// ------------------------------------------------------------------------------ a run

/**
 * One run of an optimizer on q (core.descent.run followed by core.descent.finish).
 *
 * @param q         {G, wStar, fStar}
 * @param optimizer {kind: "gd" | "mom" | "nag" | "rms" | "adam", lr, beta?, beta1?, beta2?,
 *                   eps?}: absolute hyper-parameters (see absoluteRule for the race's units)
 * @param w0        [w1, w2] start
 * @param steps     step budget
 * @param tol       converged when (f_k - f*) / (f_0 - f*) <= tol
 * @returns {weights, gradients: Float64Array(2(k+1)); velocities: the same or null (rules
 *   without momentum); cost, excess: Float64Array(k+1); status: "converged" | "stalled" |
 *   "diverged"; stepsToTol, divergedAt: step or null; steps: k}
 *
 * The run stops at the first step whose excess is not <= DIVERGED_GROWTH times the start's
 * (at least ulp(1)): NaN and Infinity count as diverged. stepsToTol is the first step whose
 * relative excess is <= tol, kept only when the run did not diverge; a start at the minimum
 * (zero excess) is converged at step 0.
 */
export function runOptimizer(q, optimizer, w0, steps, tol) {
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
    const next = step(a, b, 2.0 * (e0 * g00 + e1 * g10), 2.0 * (e0 * g01 + e1 * g11));
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
    const ex = 0.0 + e0 * g00 * e0 + e0 * g01 * e1 + e1 * g10 * e0 + e1 * g11 * e1;
    if (!(ex <= limit)) {
      divergedAt = k;
      last = k;
      break;
    }
  }
  return finish(q, path.subarray(0, 2 * (last + 1)),
    vel ? vel.subarray(0, 2 * (last + 1)) : null, tol, divergedAt);
}

/** Costs, gradients and the outcome of a recorded path (core.descent.finish). */
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
    // relative = excess / e0, or 0 everywhere when the start is at the minimum
    if ((e0 > 0 ? excess[i] / e0 : 0.0) <= tol) {
      hit = i;
      break;
    }
  }
  const status = divergedAt !== null ? "diverged" : hit !== null ? "converged" : "stalled";
  return {
    weights, gradients, velocities, cost, excess, status, steps: n - 1,
    stepsToTol: status === "converged" ? hit : null, divergedAt,
  };
}

// ----------------------------------------------------------------- the race's units

/**
 * Eigenvalues of the Hessian 2G, as core.theory.conditioning reads them: [lamMin, lamMax],
 * lamMax the largest (negatives from rounding clipped to 0), lamMin the smallest non-zero
 * one: an eigenvalue at most 1e-12 lamMax is a direction the cost does not depend on (a
 * constant feature), left out, so lamMin = lamMax when G has rank one (0 when G is 0).
 *
 * Closed form for a symmetric 2x2 (the lower triangle, as LAPACK's eigh reads it):
 * lamMax = mean + hypot(half difference, off-diagonal), lamMin = det / lamMax, which keeps
 * a small eigenvalue's relative accuracy where mean - radius would cancel. It agrees with
 * LAPACK to rounding: about 1e-16 relative on lamMax, 1e-16 lamMax absolute on lamMin.
 */
export function hessianEigenvalues(G) {
  const a = 2.0 * G[0][0], b = 2.0 * G[1][0], d = 2.0 * G[1][1];
  const mean = 0.5 * (a + d);
  const radius = Math.hypot(0.5 * (a - d), b);
  const top = Math.max(mean + radius, 0.0);
  let small = top > 0 ? (a * d - b * b) / top : 0.0;
  small = Math.max(small, 0.0);
  return [small > NULL_RTOL * top ? small : top, top];
}

/**
 * The race's units on one side (bnviz.lessons.race.runs.units): the rate unit
 * 2 / (lamMin + lamMax), plain descent's optimal rate, and the step unit |w0 - w*|, each 1
 * where it is 0 or not finite. Gradient descent, momentum and Nesterov take their rate as a
 * multiple of the first; RMSProp and Adam as a fraction of the second.
 */
export function raceUnits(q, w0) {
  const [lamMin, lamMax] = hessianEigenvalues(q.G);
  const total = lamMin + lamMax;
  const rate = total > 0 ? 2.0 / total : Infinity;
  const d0 = w0[0] - q.wStar[0], d1 = w0[1] - q.wStar[1];
  const distance = Math.sqrt(d0 * d0 + d1 * d1);
  return {
    rateUnit: Number.isFinite(rate) && rate > 0 ? rate : 1.0,
    stepUnit: Number.isFinite(distance) && distance > 0 ? distance : 1.0,
    lamMin, lamMax,
  };
}

/**
 * The update rule of race optimizer `key` with the race's settings made absolute
 * (bnviz.lessons.race.runs.build). `spec` holds RaceSpec's fields by name (gd_lr, mom_lr,
 * mom_beta, nag_lr, nag_beta, rms_lr, rms_beta, rms_eps, adam_lr, adam_beta1, adam_beta2,
 * adam_eps); `units` is raceUnits' result or the server's {rateUnit, stepUnit}.
 */
export function absoluteRule(key, spec, units) {
  const r = units.rateUnit, s = units.stepUnit;
  switch (key) {
    case "gd": return { kind: "gd", lr: spec.gd_lr * r };
    case "mom": return { kind: "mom", lr: spec.mom_lr * r, beta: spec.mom_beta };
    case "nag": return { kind: "nag", lr: spec.nag_lr * r, beta: spec.nag_beta };
    case "rms":
      return { kind: "rms", lr: spec.rms_lr * s, beta: spec.rms_beta, eps: spec.rms_eps };
    case "adam":
      return {
        kind: "adam", lr: spec.adam_lr * s, beta1: spec.adam_beta1, beta2: spec.adam_beta2,
        eps: spec.adam_eps,
      };
    default: throw new Error("unknown optimizer " + key);
  }
}

/**
 * The rate multiple above which `key` diverges on a surface, or null (RMSProp and Adam have
 * no fixed edge): edge / (lamMax rateUnit), with the edge of h = lr lambda at 2 (descent),
 * 2 (1 + beta) (heavy ball), 2 (1 + beta) / (1 + 2 beta) (Nesterov)
 * (bnviz.lessons.race.runs.stable_limit).
 */
export function stableLimit(key, beta, lamMax, rateUnit) {
  const edges = {
    gd: 2.0, mom: 2.0 * (1.0 + beta), nag: 2.0 * (1.0 + beta) / (1.0 + 2.0 * beta),
  };
  const edge = edges[key];
  if (edge === undefined || !(lamMax > 0)) return null;
  return edge / (lamMax * rateUnit);
}

/**
 * Every chosen optimizer of the race on one side: `keys` in display order, the settings
 * `spec` (RaceSpec's field names), `units` ({rateUnit, stepUnit}), from start `w0`.
 * Returns {key: run} (runOptimizer's result plus `rule`, the absolute hyper-parameters).
 */
export function raceSide(q, keys, spec, units, w0, steps, tol) {
  const out = {};
  for (const key of keys) {
    const rule = absoluteRule(key, spec, units);
    out[key] = Object.assign(runOptimizer(q, rule, w0, steps, tol), { rule });
  }
  return out;
}
