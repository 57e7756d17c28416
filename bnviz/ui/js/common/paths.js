// Grids and the path's drawn points, as bnviz/plotting/paths.py and window.py compute them.

// np.linspace(a, b, n): i * step + a, the last exactly b.
export function linspace(a, b, n) {
  const out = new Float64Array(n);
  const step = (b - a) / (n - 1);
  for (let i = 0; i < n; i++) out[i] = i * step + a;
  out[n - 1] = b;
  return out;
}

// A row-major n x n grid as plotly's z: n rows of float32, each value through `map`.
export function rowsOf(values, n, map) {
  const out = new Array(n);
  for (let j = 0; j < n; j++) {
    const row = new Float32Array(n);
    for (let i = 0; i < n; i++) row[i] = map(values[j * n + i]);
    out[j] = row;
  }
  return out;
}

// plotting/paths.inside: how many leading points (x, y pairs of a flat array) lie in the
// window grown by `margin` of its size.
export function inside(weights, xr, yr, margin) {
  const dx = (xr[1] - xr[0]) * margin, dy = (yr[1] - yr[0]) * margin;
  const m = weights.length / 2;
  for (let i = 0; i < m; i++) {
    const x = weights[2 * i], y = weights[2 * i + 1];
    const ok = x >= xr[0] - dx && x <= xr[1] + dx && y >= yr[0] - dy && y <= yr[1] + dy
      && Number.isFinite(x) && Number.isFinite(y);
    if (!ok) return i;
  }
  return m;
}

// plotting/paths.drawn_indices: every point of the first `exactHead`, then an odd stride (an
// even one would alias a zig-zag into points on one side), and the last.
export function drawnIndices(upto, maxPoints, exactHead) {
  const out = [];
  if (upto + 1 <= maxPoints) {
    for (let i = 0; i <= upto; i++) out.push(i);
    return out;
  }
  const head = Math.min(exactHead, Math.floor(maxPoints / 2));
  const slots = maxPoints - head - 1;
  let stride = Math.ceil((upto - head) / Math.max(slots, 1));
  stride += 1 - (stride % 2);
  for (let i = 0; i < head; i++) out.push(i);
  let taken = 0;
  for (let i = head; i < upto && taken < slots; i += stride, taken++) out.push(i);
  out.push(upto);
  return out;
}

// plotting/window.surfaces: cost[j * n + i] = fStar + excess(xs[i], ys[j]) over the window
// xr x yr (rows follow w2, as plotly's z), each live view with its own excess function.
export function surfaceGrid(excess, fStar, xr, yr, n) {
  const xs = linspace(xr[0], xr[1], n), ys = linspace(yr[0], yr[1], n);
  const cost = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) cost[j * n + i] = fStar + excess(xs[i], ys[j]);
  }
  return { xs, ys, cost, n, xr, yr };
}
