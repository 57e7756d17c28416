// What the live views of "Valley vs bowl" and "Optimizer race" share (a plain script,
// concatenated first into each live component): the payload's decoding, a chart's div, a
// grid's rows for plotly, waiting for a paint, the path's points to draw (as
// bnviz/plotting/paths.py) and number spelling.

// The payload is one JSON document, sent as bytes.
function decodePayload(data) {
  if (data instanceof ArrayBuffer) data = new Uint8Array(data);
  if (ArrayBuffer.isView(data)) data = new TextDecoder().decode(data);
  return typeof data === "string" ? JSON.parse(data) : data;
}

// The plot of the chart component with Streamlit key `key` (bnviz/ui/chart.js).
function chartDiv(key) {
  return document.querySelector(".st-key-" + key + " div.bnviz-plot");
}

// A row-major n x n grid as plotly's z: n rows of float32, each value through `map`.
function rowsOf(values, n, map) {
  const out = new Array(n);
  for (let j = 0; j < n; j++) {
    const row = new Float32Array(n);
    for (let i = 0; i < n; i++) row[i] = map(values[j * n + i]);
    out[j] = row;
  }
  return out;
}

// Resolves once the browser has painted (a WebGL draw is only done then).
function afterPaint() {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

// ------------------------------------------------------------- bnviz/numbers.fmt

// Python's format(x, ".{p}g"), ties to even on the exact binary value as Python rounds.
function formatG(x, p) {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const sign = x < 0 ? "-" : "";
  const ax = Math.abs(x);
  let [mant, exp] = ax.toExponential(p - 1).split("e");
  // toExponential rounds an exact tie up; Python rounds it to even.
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

// Python's format(x, ",.0f") for 1e4 <= |x| < 1e5: half to even, thousands separators.
function formatThousands(x) {
  let r = Math.round(x);
  if (Math.abs(x - Math.trunc(x)) === 0.5) {
    const t = Math.trunc(x);
    r = t % 2 === 0 ? t : t + Math.sign(x);
  }
  const sign = r < 0 || Object.is(r, -0) ? "-" : "";
  return sign + Math.abs(r).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

// The English marks; a payload sends its language's (Babel's decimal and group symbols).
const ENGLISH_MARKS = { decimal: ".", group: "," };

// bnviz.numbers.fmt: 3 significant digits in scientific notation for the very large and very
// small, thousands grouped from 10,000, 4 significant digits between; then the language's
// marks = {decimal, group} in place of "." and "," (English when marks is undefined), swapped
// at once as Python's str.translate does (1,317.5 -> 1.317,5).
function fmt(x, marks) {
  if (x === null || x === undefined) return "?";
  const ax = Math.abs(x);
  let text;
  if (x !== 0 && (ax >= 1e5 || ax < 1e-3)) text = formatG(x, 3);
  else text = ax >= 1e4 ? formatThousands(x) : formatG(x, 4);
  if (!marks || (marks.decimal === "." && marks.group === ",")) return text;
  return text.replace(/[.,]/g, (ch) => (ch === "." ? marks.decimal : marks.group));
}

// A whole number with its thousands grouped, in the language's marks (Python's f"{n:,}"
// translated as bnviz/lessons/common/text.whole does): 1,500 in English, 1.500 in Italian.
function fmtCount(n, marks) {
  const text = Math.trunc(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return marks && marks.group !== "," ? text.replace(/,/g, marks.group) : text;
}

// A translated template with its {named} placeholders filled (Python's str.format for
// the payload's templates, which hold no other braces).
function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? values[name] : whole));
}

// The form of [singular, plural] for n (English's and Italian's rule: one for 1 only).
function plural(forms, n) {
  return forms[n === 1 ? 0 : 1];
}

// np.linspace(a, b, n): i * step + a, the last exactly b.
function linspace(a, b, n) {
  const out = new Float64Array(n);
  const step = (b - a) / (n - 1);
  for (let i = 0; i < n; i++) out[i] = i * step + a;
  out[n - 1] = b;
  return out;
}

// plotting/paths.inside: how many leading points (x, y pairs of a flat array) lie in the
// window grown by `margin` of its size.
function inside(weights, xr, yr, margin) {
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
function drawnIndices(upto, maxPoints, exactHead) {
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

// Follow the hand on the page's sliders, once per live view (`state`): while a pointer is
// down `state.pointer` is true, and each press empties `state.dragFigures` and holds the 3D
// surfaces back for `state.config.surfaceHoldMs` (the top views draw first); at release
// `onUp()` runs; every new value of a slider's hidden <input type=range> goes to `onMutations`.
function watchDrags(state, onUp, onMutations) {
  if (state.installed) return;
  state.installed = true;
  document.addEventListener("pointerdown", () => {
    state.pointer = true;
    state.dragFigures = {};
    state.surfaceFree = Math.max(state.surfaceFree, performance.now() + state.config.surfaceHoldMs);
  }, true);
  const up = () => {
    if (!state.pointer) return;
    state.pointer = false;
    state.surfaceFree = 0;  // the last value is drawn everywhere now: the wait was for a drag
    onUp();
  };
  document.addEventListener("pointerup", up, true);
  document.addEventListener("pointercancel", up, true);
  new MutationObserver(onMutations).observe(document.body, {
    attributes: true, attributeFilter: ["value"], subtree: true,
  });
}

// A draw whose promise has not settled after this long is given up (plotly may drop an
// update that meets the server's redraw of the same chart), so the chart is not stuck.
const STUCK_MS = 5000;

// The chart `key` of the live view `live` and its drawing state, if it may take a live frame
// now; else null. Not while it draws (a draw stuck past STUCK_MS is given up, and `onStuck`
// told), not twice the same version, and never over the server's figure: once chart.js has
// set a new figure's hash since the drag began, a late live frame must not cover it.
function freeChart(live, key, onStuck) {
  const state = live.charts[key] || (live.charts[key] = { busy: false, drawn: 0, radius: null });
  if (state.busy && performance.now() - state.since > STUCK_MS) {
    state.busy = false;
    if (onStuck) onStuck();
  }
  if (state.busy || state.drawn === live.version || !window.Plotly || !live.result) return null;
  const el = chartDiv(key);
  if (!el || !el.data || !el.layout) return null;
  if (!(key in live.dragFigures)) live.dragFigures[key] = el.dataset.figure;
  if (el.dataset.figure !== live.dragFigures[key]) return null;
  return { state, el };
}

// The animation's slider and buttons replay the server's run, which a drag has left (and
// plotly redraws them on every update: half a top view's redraw): hidden in `layout` (a
// Plotly.update's layout changes) until the server's figure comes back, with the margins they
// pushed pinned so that the plot does not move; `state.restore` undoes it.
function hideAnimation(el, layout, state) {
  const size = el._fullLayout._size, margin = el.layout.margin || {};
  Object.assign(layout, { "sliders[0].visible": false, "updatemenus[0].visible": false,
    "margin.l": size.l, "margin.r": size.r, "margin.t": size.t, "margin.b": size.b });
  state.restore = { "sliders[0].visible": true, "updatemenus[0].visible": true };
  for (const k of ["l", "r", "t", "b"]) state.restore["margin." + k] = margin[k];
}
