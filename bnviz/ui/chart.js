// A Plotly chart that survives Streamlit reruns.
//
// st.plotly_chart remounts its chart on every rerun, which resets a rotated 3D camera.
// This component keeps one <div> per chart across reruns and updates it with Plotly.react;
// with a constant layout.uirevision, plotly.js keeps the user's camera and zoom.
// plotly.js is loaded once per page from the app's own static folder.

const loading = {};

function loadPlotly(src) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!loading[src]) {
    loading[src] = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = new URL(src, window.location.href).href;
      script.onload = () => resolve(window.Plotly);
      script.onerror = () => reject(new Error("could not load " + src));
      document.head.appendChild(script);
    });
  }
  return loading[src];
}

function decode(data) {
  // The payload is one JSON document, sent as bytes: {"meta": {...}, "figure": {...}}.
  if (data instanceof ArrayBuffer) data = new Uint8Array(data);
  if (ArrayBuffer.isView(data)) data = new TextDecoder().decode(data);
  return typeof data === "string" ? JSON.parse(data) : data;
}

export default function (component) {
  const { parentElement } = component;
  const payload = decode(component.data);
  const data = payload.meta;
  let el = parentElement.querySelector("div.bnviz-plot");
  if (!el) {
    el = document.createElement("div");
    el.className = "bnviz-plot";
    el.dataset.renders = "0";
    parentElement.appendChild(el);
  }
  el.style.height = data.height + "px";
  el.style.width = "100%";
  if (el.dataset.figure === data.hash) return;
  el.dataset.figure = data.hash;
  loadPlotly(data.src)
    .then((Plotly) => {
      const fig = payload.figure;
      return Plotly.react(el, {
        data: fig.data,
        layout: Object.assign({ autosize: true }, fig.layout),
        frames: fig.frames || [],
        config: { responsive: true, displaylogo: false, scrollZoom: false },
      });
    })
    .then(() => {
      el.dataset.renders = String(Number(el.dataset.renders) + 1);
      el.dataset.rendered = data.hash;
    })
    .catch((err) => {
      el.textContent = "The chart could not be drawn: " + err.message + ". Reload the page.";
    });
}
