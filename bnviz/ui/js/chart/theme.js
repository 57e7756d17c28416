// The charts in Streamlit's theme, light or dark, whichever the visitor's system or the
// settings menu chose. Streamlit hands a component its theme as CSS custom properties
// (--st-background-color, --st-text-color, --st-border-color, --st-font) on the component's
// wrapper; the figures the server sends carry no colours of their own for paper, text or
// grid, so the same cached figure serves both themes and only this layer differs.
//
// A plain script (concatenated before chart.js): defines bnvizTheme.

export function luminance(color) {
  const probe = document.createElement("span");
  probe.style.color = color;
  document.body.appendChild(probe);
  const rgb = getComputedStyle(probe).color.match(/[\d.]+/g) || ["255", "255", "255"];
  probe.remove();
  const [r, g, b] = rgb.slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

// The theme as the component's wrapper sees it: {background, text, grid, font, dark}.
export function read(el) {
  const css = getComputedStyle(el);
  const get = (name, fallback) => css.getPropertyValue(name).trim() || fallback;
  const background = get("--st-background-color", "#ffffff");
  const dark = luminance(background) < 0.2;
  return {
    background,
    text: get("--st-text-color", dark ? "#fafafa" : "#111111"),
    // Grid lines a step off the background: visible, never louder than the data.
    grid: dark ? "rgba(250, 250, 250, 0.16)" : "rgba(17, 17, 17, 0.12)",
    line: dark ? "rgba(250, 250, 250, 0.45)" : "rgba(17, 17, 17, 0.45)",
    font: get("--st-font", ""),
    dark,
  };
}

function axis(a, theme) {
  return Object.assign({ gridcolor: theme.grid, linecolor: theme.line,
                         zerolinecolor: theme.line, tickcolor: theme.line,
                         color: theme.text }, a);
}

// A copy of `layout` in `theme`: paper, plot, text, every 2D axis and every 3D scene's
// axes; colours the figure set itself (a marker's, a line's) are left as they are.
export function apply(layout, theme) {
  const out = Object.assign({}, layout);
  out.paper_bgcolor = theme.background;
  out.plot_bgcolor = theme.background;
  out.font = Object.assign({ color: theme.text }, theme.font ? { family: theme.font } : {},
                           layout.font || {});
  if (!out.font.color) out.font.color = theme.text;
  for (const key of Object.keys(out)) {
    if (/^[xy]axis\d*$/.test(key)) out[key] = axis(out[key] || {}, theme);
    if (/^scene\d*$/.test(key)) {
      const scene = Object.assign({}, out[key]);
      for (const a of ["xaxis", "yaxis", "zaxis"]) {
        scene[a] = Object.assign(axis(scene[a] || {}, theme),
                                 { backgroundcolor: theme.background });
      }
      out[key] = scene;
    }
  }
  if (!out.xaxis && !Object.keys(out).some((k) => /^scene/.test(k))) {
    out.xaxis = axis({}, theme);
    out.yaxis = axis(out.yaxis || {}, theme);
  }
  out.legend = Object.assign({ bgcolor: "rgba(0,0,0,0)" }, out.legend || {});
  // A note's box (a white veil over the plot in the figure) takes the page's background.
  if (out.annotations) {
    const veil = /^#[0-9a-f]{6}$/i.test(theme.background) ? theme.background + "bf"
      : theme.background;
    out.annotations = out.annotations.map((a) => (a.bgcolor ? Object.assign({}, a,
      { bgcolor: veil }) : a));
  }
  // The animation's play button and step slider draw their own boxes.
  const controls = { bgcolor: theme.background, bordercolor: theme.line,
                     font: { color: theme.text } };
  if (out.updatemenus) {
    out.updatemenus = out.updatemenus.map((m) => Object.assign({}, m, controls));
  }
  if (out.sliders) {
    out.sliders = out.sliders.map((s) => Object.assign({}, s, controls, {
      activebgcolor: theme.dark ? "#5b9cff" : "#1862d6", tickcolor: theme.line,
      currentvalue: Object.assign({}, s.currentvalue || {}, { font: { color: theme.text } }),
    }));
  }
  return out;
}

// A key that changes when the theme does (a chart redraws only then).
export function key(theme) {
  return [theme.background, theme.text, theme.font].join("|");
}
