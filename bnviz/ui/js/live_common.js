// What the live views of "Valley vs bowl" and "Optimizer race" share (a plain script,
// concatenated first into each live component): the payload's decoding, a chart's div, a
// grid's rows for plotly, and waiting for a paint.

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
