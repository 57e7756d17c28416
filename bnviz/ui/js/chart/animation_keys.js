// The keyboard for plotly's animation controls (a plain script, concatenated before
// chart.js). plotly.js draws the ▶/❚❚ buttons and the frame slider in SVG with no tabindex
// (plotly.js issue #562), so a keyboard user could not play a chart or step through it. After
// each draw, each button becomes a focusable button (Enter or Space presses it) and the slider
// a focusable slider (arrows, Home and End move a frame; its value is read out as its label).

const STYLE_ID = "bnviz-animation-keys";

function addStyle() {
  if (document.getElementById(STYLE_ID)) return;
  const style = document.createElement("style");
  style.id = STYLE_ID;
  style.textContent = ".bnviz-plot g.updatemenu-button:focus-visible, "
    + ".bnviz-plot g.slider-container:focus-visible "
    + "{outline: 2px solid #1862d6; outline-offset: 2px;}";
  document.head.appendChild(style);
}

function press(node) {
  // plotly listens for the mouse on the button's group (d3's "click").
  node.dispatchEvent(new MouseEvent("mousedown", { bubbles: true }));
  node.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
  node.dispatchEvent(new MouseEvent("click", { bubbles: true }));
}

function buttons(el, words) {
  el.querySelectorAll("g.updatemenu-button").forEach((node, i) => {
    node.setAttribute("tabindex", "0");
    node.setAttribute("role", "button");
    node.setAttribute("aria-label", i === 0 ? words.play : words.pause);
    if (node.dataset.keys) return;
    node.dataset.keys = "1";
    node.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      press(node);
    });
  });
}

function slider(el, Plotly, words) {
  const spec = ((el.layout || {}).sliders || [])[0];
  const node = el.querySelector("g.slider-container");
  if (!spec || !node || !spec.steps || !spec.steps.length) return;
  const steps = spec.steps, active = spec.active || 0;
  node.setAttribute("tabindex", "0");
  node.setAttribute("role", "slider");
  node.setAttribute("aria-label", words.frame);
  node.setAttribute("aria-valuemin", "0");
  node.setAttribute("aria-valuemax", String(steps.length - 1));
  node.setAttribute("aria-valuenow", String(active));
  node.setAttribute("aria-valuetext", String(steps[active].label));
  if (node.dataset.keys) return;
  node.dataset.keys = "1";
  node.addEventListener("keydown", (event) => {
    const s = ((el.layout || {}).sliders || [])[0];
    if (!s) return;
    const last = s.steps.length - 1, now = s.active || 0;
    const to = { ArrowRight: now + 1, ArrowUp: now + 1, ArrowLeft: now - 1, ArrowDown: now - 1,
      Home: 0, End: last }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const i = Math.max(0, Math.min(last, to));
    if (i === now) return;
    const step = s.steps[i];
    Plotly.relayout(el, { "sliders[0].active": i })
      .then(() => Plotly.animate(el, step.args[0], step.args[1]))
      .then(() => { const again = el.querySelector("g.slider-container"); if (again) again.focus(); });
  });
}

// Make ``el``'s controls keyboard-ready now and after every redraw (plotly redraws them).
export function attach(el, Plotly, words) {
  addStyle();
  const apply = () => { buttons(el, words); slider(el, Plotly, words); };
  apply();
  if (!el.dataset.keysHooked && el.on) {
    el.dataset.keysHooked = "1";
    el.on("plotly_afterplot", apply);
    el.on("plotly_sliderchange", apply);
    el.on("plotly_animated", apply);
  }
}
