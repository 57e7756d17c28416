// "Valley vs bowl", live: while the visitor drags a feature's range or a learning rate, the
// browser computes both sides (bnvizValleyMath, concatenated before this file) and redraws
// the four charts and the key numbers itself, at frame rate. Nothing goes to the server until
// the thumb is released; then Streamlit's rerun redraws everything from the server's numbers,
// which are the same.
//
// The controls are Streamlit's own select-sliders, watched rather than replaced: a thumb's
// hidden <input type="range"> gets its value attribute (the option's index) on every move of
// a drag, while Streamlit sends the value only on release. So the URL, the session, the
// keyboard, the reset button and AppTest keep working as for any other widget.
//
// One watcher per page (window.__bnvizValleyLive), whatever the reruns do to this component.


const LIVE = window.__bnvizValleyLive || (window.__bnvizValleyLive = {
  payload: null, root: null, settings: null, pointer: false, installed: false, dragFigures: {},
  version: 0, result: null, scheduled: false, charts: {},
  stats: { frames: 0, computeMs: [], draws: {} },
});
// The numbers, for benchmarks (a module's top-level names are not the page's).
LIVE.math = bnvizValleyMath;

const SIDES = [["raw", "Raw"], ["standardized", "Standardized"]];

// The words of the page's language (bnviz/ui/valley_live.py, live_words): the readout's and
// the titles' templates, the sides' names and the number marks; English without them.
function words() {
  return (LIVE.payload && LIVE.payload.words) || null;
}


function readoutLines(root, lines) {
  for (const [label] of SIDES) {
    const el = root.querySelector('[data-side="' + label + '"] .bnviz-readout-numbers');
    if (el && el.textContent !== lines[label]) el.textContent = lines[label];
  }
}

function renderReadout(root, payload) {
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
  readoutLines(root, payload.readout);
}

// ------------------------------------------------------------------ the figures

// A new axis range within this fraction of the shown one's span is not worth plotly's
// relayout (about a sixth of a top view's redraw): the data sit on the exact grid anyway, and
// the server's figure on release has the exact range.
const RANGE_SLACK = 0.01;

function rangeOf(shown, wanted) {
  const span = shown ? shown[1] - shown[0] : 0;
  if (shown && span > 0 && Math.abs(wanted[0] - shown[0]) <= RANGE_SLACK * span
      && Math.abs(wanted[1] - shown[1]) <= RANGE_SLACK * span) return null;
  return wanted.slice();
}

// Layout updates for the x and y ranges of ``axes`` (layout objects), where they moved.
function ranges(layout, names, axes, side) {
  const x = rangeOf(axes[0] && axes[0].range, side.xr), y = rangeOf(axes[1] && axes[1].range, side.yr);
  if (x) layout[names[0]] = x;
  if (y) layout[names[1]] = y;
}


function title(side) {
  const w = words(), t = side.traj, o = bnvizValleyMath.outcome(t, w);
  const what = t.status === "diverged" ? "<b>" + o + "</b>" : o;
  if (w && w.titles && w.titles[side.label]) return fill(w.titles[side.label], { outcome: what });
  const name = side.label[0].toUpperCase() + side.label.slice(1);
  return name + " features: " + what;
}

// The path as plotting/paths.path_art and animate.path_frames leave it at the last frame.
function pathPoints(side, margin, consts) {
  const w = side.traj.weights;
  const keep = Math.max(bnvizValleyMath.inside(w, side.xr, side.yr, margin), 1);
  const idx = bnvizValleyMath.drawnIndices(keep - 1, consts.max_points, consts.exact_head);
  return idx;
}

// Plotly.update arguments (trace attributes for traces 0, 1, 2; layout attributes) that put
// the surface chart at the live result: what lessons/valley/figures.side_figures draws.
function surfaceUpdate(el, side, consts, flat) {
  const s = side.coarse, n = s.n;
  let zmin = Infinity, zmax = -Infinity;
  for (const v of s.cost) { if (v < zmin) zmin = v; if (v > zmax) zmax = v; }
  const lift = consts.lift * (zmax - zmin);
  const idx = pathPoints(side, consts.margin_3d, consts);
  const w = side.traj.weights, cost = side.traj.cost;
  const xs = new Float32Array(idx.length), ys = new Float32Array(idx.length), zs = new Float32Array(idx.length);
  idx.forEach((k, i) => { xs[i] = w[2 * k]; ys[i] = w[2 * k + 1]; zs[i] = Math.min(cost[k], zmax) + lift; });
  const h = idx[idx.length - 1];
  const traces = {
    x: [Array.from(s.xs), xs, [w[2 * h]]],
    y: [Array.from(s.ys), ys, [w[2 * h + 1]]],
    z: [rowsOf(s.cost, n, Math.fround), zs, [Math.min(cost[h], zmax) + lift]],
  };
  const layout = { "title.text": title(side) };
  const L = el.layout;
  if (flat) {
    ranges(layout, ["xaxis.range", "yaxis.range"], [L.xaxis, L.yaxis], side);
  } else {
    ranges(layout, ["scene.xaxis.range", "scene.yaxis.range"], [L.scene.xaxis, L.scene.yaxis], side);
    layout["scene.zaxis.range"] = [zmin, zmax + 2 * lift];
  }
  return { traces, layout };
}

function contourUpdate(el, side, consts) {
  const s = side.fine, n = s.n, fStar = side.q.fStar;
  let top = 0;
  const ex = new Float64Array(s.cost.length);
  for (let i = 0; i < ex.length; i++) { ex[i] = Math.max(s.cost[i] - fStar, 0); if (ex[i] > top) top = ex[i]; }
  const floor = Math.max(top, 1e-300) * consts.depth;
  const idx = pathPoints(side, consts.margin_2d, consts);
  const w = side.traj.weights;
  const xs = new Float32Array(idx.length), ys = new Float32Array(idx.length);
  idx.forEach((k, i) => { xs[i] = w[2 * k]; ys[i] = w[2 * k + 1]; });
  const h = idx[idx.length - 1];
  const traces = {
    x: [Array.from(s.xs), xs, [w[2 * h]]],
    y: [Array.from(s.ys), ys, [w[2 * h + 1]]],
    z: [rowsOf(ex, n, (v) => Math.fround(Math.log10(v + floor))), null, null],
  };
  const layout = {};
  ranges(layout, ["xaxis.range", "yaxis.range"], [el.layout.xaxis, el.layout.yaxis], side);
  return { traces, layout };
}

// ------------------------------------------------------------------ drawing

// Each chart draws the newest result when it is free: a slow chart skips frames instead of
// queueing them. A 3D surface in software WebGL takes 0.2-1.5 s of the page's one thread
// (the top views 30-70 ms each, most of it plotly's fixed cost of a redraw), so while the
// hand moves the top views go first: the surfaces draw, one at a time, when the hand rests
// (pauseMs without a new value), on release, or else at most a fifth of the time
// (surfaceDuty: after a draw of d ms they rest 4d), and not in a drag's first surfaceHoldMs.
// benchmarks/bench_live_valley.py times each kind alone by switching the other off
// (surfaceDuty 0: no surface drawn live; top false: no top view).
LIVE.defaults = { surfaceDuty: 0.2, surfaceHoldMs: 1000, pauseMs: 250, top: true };
LIVE.config = Object.assign({}, LIVE.defaults, LIVE.config);
LIVE.lastValueAt = LIVE.lastValueAt || 0;
LIVE.surfaceFree = LIVE.surfaceFree || 0;  // when the surfaces may draw next (performance.now)


function draw(key, kind, label) {
  const free = freeChart(LIVE, key, () => { if (kind === "surface") LIVE.surfaceBusy = false; });
  if (!free) return;
  const { state, el } = free;
  const now = performance.now();
  if (kind === "surface" ? !(LIVE.config.surfaceDuty > 0) : !LIVE.config.top) return;
  const rests = LIVE.pointer ? LIVE.lastValueAt + LIVE.config.pauseMs : now;
  if (kind === "surface" && (LIVE.surfaceBusy || (now < LIVE.surfaceFree && now < rests))) {
    // The surface drawing now calls the next turn when done; else wait for the free time
    // or for the hand to rest.
    if (!LIVE.surfaceBusy && !LIVE.surfaceTimer) {
      LIVE.surfaceTimer = setTimeout(surfaceTurn, Math.min(LIVE.surfaceFree, rests) - now);
    }
    return;
  }
  const version = LIVE.version, side = LIVE.result[label], consts = LIVE.payload.consts;
  const flat = el.dataset.flat === "1";
  const up = kind === "surface" ? surfaceUpdate(el, side, consts, flat) : contourUpdate(el, side, consts);
  if (kind === "contour" && !el.dataset.live) hideAnimation(el, up.layout, state);
  state.busy = true;
  if (kind === "surface") LIVE.surfaceBusy = true;
  el.dataset.live = "1";
  const t0 = performance.now();
  state.since = t0;
  window.Plotly.update(el, up.traces, up.layout, [0, 1, 2])
    .then(() => (kind === "surface" ? afterPaint() : null))
    .then(() => {
      const t1 = performance.now();
      state.busy = false;
      state.drawn = version;
      state.at = t1;
      el.dataset.liveDraws = String(Number(el.dataset.liveDraws || 0) + 1);
      const times = LIVE.stats.draws[key] || (LIVE.stats.draws[key] = []);
      times.push([t0, t1]);
      if (kind === "surface") {
        LIVE.surfaceBusy = false;
        // While the hand moves, the surfaces rest (1/duty - 1) times as long as they drew.
        const rest = LIVE.pointer ? (t1 - t0) * (1 / LIVE.config.surfaceDuty - 1) : 0;
        LIVE.surfaceFree = Math.max(LIVE.surfaceFree, t1 + rest);
        surfaceTurn();
      } else if (LIVE.version !== version) {
        requestAnimationFrame(() => draw(key, kind, label));
      }
    }, () => {
      state.busy = false;
      if (kind === "surface") LIVE.surfaceBusy = false;
    });
}

// The two surfaces take turns, one at a time, the one that waited longest first: drawing both
// in one frame would block the page for twice as long.
function surfaceTurn() {
  if (LIVE.surfaceTimer) clearTimeout(LIVE.surfaceTimer);
  LIVE.surfaceTimer = null;
  if (LIVE.surfaceBusy || !LIVE.result) return;
  const due = SIDES.map(([label]) => [label + "_surface", label])
    .filter(([key]) => !LIVE.charts[key] || LIVE.charts[key].drawn !== LIVE.version)
    .sort((a, b) => ((LIVE.charts[a[0]] || {}).at || 0) - ((LIVE.charts[b[0]] || {}).at || 0));
  if (due.length) draw(due[0][0], "surface", due[0][1]);
}

function frame() {
  LIVE.scheduled = false;
  const t0 = performance.now();
  LIVE.result = bnvizValleyMath.compute(LIVE.settings);
  LIVE.stats.computeMs.push(performance.now() - t0);
  LIVE.stats.frames += 1;
  LIVE.version += 1;
  const lines = {};
  for (const [label] of SIDES) lines[label] = bnvizValleyMath.readout(LIVE.result[label], words());
  if (LIVE.root) {
    readoutLines(LIVE.root, lines);
    const box = LIVE.root.querySelector(".bnviz-readout");
    if (box) box.dataset.source = "browser";
  }
  drawAll();
}

function schedule() {
  if (LIVE.scheduled) return;
  LIVE.scheduled = true;
  requestAnimationFrame(frame);
}

// A thumb moved: which setting, and to which of its options?
function onMutations(records) {
  if (!LIVE.pointer || !LIVE.payload || !(LIVE.root && LIVE.root.isConnected)) return;
  for (const r of records) {
    const input = r.target;
    if (input.tagName !== "INPUT" || input.type !== "range") continue;
    const label = input.getAttribute("aria-label");
    for (const [key, slider] of Object.entries(LIVE.payload.sliders)) {
      if (slider.label !== label) continue;
      const options = slider.options;
      const index = Number(input.getAttribute("value"));
      if (Number(input.getAttribute("max")) !== options.length - 1 || !(index in options)) continue;
      const value = options[index];
      // The label the thumb shows must be this option's (else the options are not this run's).
      const shown = input.getAttribute("aria-valuetext") || "";
      const word = fmt(value, (words() || {}).marks);
      if (shown !== word && !shown.startsWith(word + " (")) continue;
      const group = key in LIVE.settings.data ? LIVE.settings.data : LIVE.settings.descent;
      if (group[key] !== value) {
        group[key] = value;
        LIVE.lastValueAt = performance.now();
        schedule();
      }
    }
  }
}

function drawAll() {
  for (const [label] of SIDES) draw(label + "_contour", "contour", label);
  surfaceTurn();
}

// Released where it started: no rerun comes, so the charts keep the live drawing (the
// server's numbers, as the settings are the server's) and the top views get their animation
// back, once their last draw is done (tries: how many more times to look, 100 ms apart).
function released(tries) {
  if (!LIVE.payload || !LIVE.settings || !sameSettings(LIVE.settings, LIVE.payload)) return;
  let pending = false;
  for (const [key, state] of Object.entries(LIVE.charts)) {
    const el = chartDiv(key);
    if (!el || !el.dataset.live || !window.Plotly) continue;
    if (state.busy) { pending = true; continue; }
    if (state.restore) window.Plotly.relayout(el, state.restore);
    state.restore = null;
    delete el.dataset.live;  // what it shows is the server's figure again
  }
  if (pending && tries > 0) setTimeout(() => released(tries - 1), 100);
}

function sameSettings(settings, payload) {
  return ["data", "descent"].every((g) => Object.keys(payload[g])
    .every((k) => settings[g][k] === payload[g][k]));
}

function install() {
  // Released: the last value is drawn on every chart now, surfaces too.
  watchDrags(LIVE, () => {
    drawAll();
    setTimeout(() => released(20), 0);
  }, onMutations);
}

export default function (component) {
  const payload = decodePayload(component.data);
  const root = component.parentElement;
  LIVE.payload = payload;
  LIVE.root = root;
  // A new run of the page: the server's settings and numbers are the truth again, and no
  // frame computed before it is drawn.
  LIVE.result = null;
  LIVE.settings = { R: payload.R, consts: payload.consts,
    data: Object.assign({}, payload.data), descent: Object.assign({}, payload.descent) };
  renderReadout(root, payload);
  install();
}
