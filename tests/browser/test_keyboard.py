"""Every control of every page is reached and changed with the keyboard alone (issue 9).

A page is walked with Tab from the top of the document, as a keyboard user would, until focus
leaves the document or comes round to its first stop again. A focus listener records every
element that got focus; afterwards each visible, enabled widget of the page must be among them.
Widgets are Streamlit's widget containers (``data-testid``): in Streamlit 1.67 a select-slider
is an ``stSlider`` too, and a toggle an ``stCheckbox``. What must get focus in each is its
control (a slider's thumb, a radio group's checked option, an expander's summary, ...), not
the help "?" next to its label. The contents of a closed expander are not on the page for a
keyboard user (nor for a mouse): they count once the expander is opened, which one test per
page does with Enter or Space on its summary.

Charts' own animation controls (the ▶/❚❚ buttons and the step slider plotly draws in SVG
under an animated chart) and Streamlit's "Collapse sidebar" button are controls too: they are
checked on their own, so a failure there does not hide one among the widgets. Then a few
controls are changed with arrow keys, Space and Enter (the URL shows the new setting), and the
focus must be visible on each kind of control.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import (
    CHART,
    open_page,
    slider_value,
    wait_for_charts,
    wait_for_query,
    wait_for_script,
)

pytestmark = pytest.mark.browser

PAGES = ("/", "/valley_vs_bowl", "/inside_a_batch", "/optimizer_race", "/where_it_matters",
         "/deep_networks")
# The deep page trains on opening: a tiny network, a few steps (as in test_deep_networks.py).
QUERY = {"/deep_networks": "dn_steps=20&dn_width=16"}
MAX_TABS = 400

# Widget container (data-testid) -> the element in it that must get focus (null: itself).
_KINDS = """{
    stSlider: 'input[type=range]', stSelectSlider: 'input[type=range]',
    stRadio: 'input[type=radio]', stNumberInput: 'input', stSelectbox: 'input',
    stMultiSelect: 'input', stTextArea: 'textarea', stTextInput: 'input',
    stCheckbox: 'input', stToggle: 'input', stDateInput: 'input', stTimeInput: 'input',
    stColorPicker: '[tabindex], button, input', stChatInput: 'textarea',
    stButton: 'button', stDownloadButton: 'button', stFormSubmitButton: 'button',
    stLinkButton: 'a', stPopover: 'button', stButtonGroup: 'button',
    stFileUploader: 'button', stPageLink: 'a', stSidebarNavLink: null,
    stExpander: ':scope > details > summary',
}"""

# A focus listener on the whole document: every element that got focus, in order.
_RECORD = """() => {
    if (window.__kbFocused) return;
    window.__kbFocused = [];
    document.addEventListener('focusin', e => window.__kbFocused.push(e.target), true);
}"""

# How the focused element reads in a message: tag, role, name, its widget and the key of its
# element container (``st-key-<key>``).
_DESCRIBE = f"""() => {{
    const a = document.activeElement;
    if (!a || a === document.body || a === document.documentElement) return null;
    const kinds = {_KINDS};
    let w = a.closest('[data-testid]');
    while (w && !(w.dataset.testid in kinds)) w = w.parentElement?.closest('[data-testid]');
    const label = w && (w.querySelector('[data-testid=stWidgetLabel]')?.innerText
                        || w.innerText || '').trim().replace(/\\s+/g, ' ').slice(0, 50);
    const key = a.closest('[class*="st-key-"]')?.className.match(/(?:^|\\s)st-key-(\\S+)/);
    const parts = [a.tagName.toLowerCase(), a.getAttribute('role'), a.getAttribute('type'),
                   a.getAttribute('aria-label'), w && `${{w.dataset.testid}} "${{label}}"`,
                   key && `key=${{key[1]}}`];
    const first = window.__kbFirst === undefined;
    if (first) window.__kbFirst = a;
    return {{text: parts.filter(Boolean).join(' | '), wrapped: !first && a === window.__kbFirst}};
}}"""

# Every visible, enabled widget in ``root`` (a selector; the document if null) that no
# recorded focus reached, described for the message.
_MISSED = f"""(root) => {{
    const kinds = {_KINDS};
    const scope = root ? document.querySelector(root) : document;
    const focused = window.__kbFocused || [];
    const missed = [];
    for (const [kind, control] of Object.entries(kinds)) {{
        for (const w of scope.querySelectorAll(`[data-testid="${{kind}}"]`)) {{
            if (!w.checkVisibility({{visibilityProperty: true}})) continue;
            const controls = control ? Array.from(w.querySelectorAll(control)) : [w];
            const off = c => c.disabled || c.getAttribute('aria-disabled') === 'true'
                             || c.closest('[data-disabled=true]');
            if (controls.length && controls.every(off)) continue;  // disabled: not a stop
            if (focused.some(f => controls.includes(f))) continue;
            const label = (w.querySelector('[data-testid=stWidgetLabel]')?.innerText
                           || (kind === 'stExpander' ? w.querySelector('summary')?.innerText
                               : '') || w.getAttribute('aria-label') || w.innerText || '')
                          .trim().replace(/\\s+/g, ' ').slice(0, 60);
            const key = w.closest('[class*="st-key-"]')?.className
                         .match(/(?:^|\\s)st-key-(\\S+)/);
            const inner = controls.length ? controls[0].outerHTML.slice(0, 120) : '(no control)';
            missed.push(`${{kind}} "${{label}}"${{key ? ` key=${{key[1]}}` : ''}}: ${{inner}}`);
        }}
    }}
    return missed;
}}"""


def _open(page, app_url: str, path: str) -> None:
    """Open ``path``, wait until its script (Deep networks: its training too) has finished and
    every chart is drawn, and record from then on every element that gets focus."""
    open_page(page, app_url, path, QUERY.get(path, ""))
    if path != "/":
        wait_for_charts(page, 4 if path == "/deep_networks" else 1)
    wait_for_script(page)
    page.evaluate(_RECORD)


def tab_walk(page, *, limit: int = MAX_TABS, until=None) -> list[str]:
    """Press Tab until focus leaves the document or comes back to the first element that got
    focus in this walk (or ``until(description)`` holds); return each stop's description."""
    page.evaluate(_RECORD)
    page.evaluate("() => { delete window.__kbFirst; }")
    stops: list[str] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = page.evaluate(_DESCRIBE)
        if now is None:
            if stops:
                break  # past the last stop
            continue
        if now["wrapped"]:
            break
        stops.append(now["text"])
        if until is not None and until(now["text"]):
            return stops
    else:
        if until is None:
            pytest.fail(f"{limit} Tab presses did not get through the page:\n"
                        + "\n".join(stops[-20:]))
    if until is not None:
        pytest.fail("Tab never reached the wanted control; the stops were:\n" + "\n".join(stops))
    return stops


def tab_to(page, css: str, *, limit: int = MAX_TABS) -> list[str]:
    """Press Tab (never click) until the focused element matches ``css``."""
    return tab_walk(page, limit=limit,
                    until=lambda _: page.evaluate("(css) => document.activeElement.matches(css)",
                                                  css))


def reveal(page, css: str) -> None:
    """If the control ``css`` is in a closed expander, open that expander from the keyboard:
    Tab to its summary, press Enter. Tab then goes on from the summary, into it."""
    closed = page.evaluate("""(css) => {
        const d = document.querySelector(css).closest('details:not([open])');
        if (!d) return false;
        d.setAttribute('data-kb-reveal', '');
        return true;
    }""", css)
    if closed:
        tab_to(page, "details[data-kb-reveal] > summary")
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.querySelector('details[data-kb-reveal]').open")


def missed(page, root: str | None = None) -> list[str]:
    return page.evaluate(_MISSED, root)


# ------------------------------------------------------------------- 1. every widget reached

@pytest.mark.parametrize("path", PAGES)
def test_every_visible_widget_gets_focus_from_tab(page, app_url, path):
    _open(page, app_url, path)
    stops = tab_walk(page)
    assert len(stops) > 10  # the walk went through the page (nav links alone are 6)
    never = missed(page)
    assert never == [], (f"on {path}, never reached by Tab:\n  " + "\n  ".join(never)
                         + "\nthe Tab stops were:\n  " + "\n  ".join(stops))


# One closed expander per page: (its summary's words, the key that opens it).
EXPANDERS = {
    "/": ("Share this view", "Enter"),
    "/valley_vs_bowl": ("Descent settings", "Space"),
    "/inside_a_batch": ("Data: the features", "Enter"),
    "/optimizer_race": ("Steps, tolerance, start", "Space"),
    "/where_it_matters": ("Map settings", "Enter"),
    "/deep_networks": ("Network and training", "Enter"),
}


@pytest.mark.parametrize("path", PAGES)
def test_a_closed_expander_opens_from_the_keyboard_and_its_controls_get_focus(page, app_url,
                                                                            path):
    words, key = EXPANDERS[path]
    _open(page, app_url, path)
    page.evaluate("""(w) => { const s = Array.from(document.querySelectorAll(
        '[data-testid=stExpander] summary')).find(s => s.innerText.includes(w));
        s.closest('[data-testid=stExpander]').setAttribute('data-kb-target', ''); }""", words)
    target = '[data-testid=stExpander][data-kb-target]'
    assert page.locator(f"{target} details").get_attribute("open") is None  # closed at first
    tab_to(page, f"{target} summary")
    page.keyboard.press(key)
    page.wait_for_function(f"() => document.querySelector('{target} details').open")
    assert page.evaluate("() => document.activeElement.tagName") == "SUMMARY"  # focus stays
    # Tab on through the opened expander: every control in it is reached.
    inside = f"() => !!document.activeElement.closest('{target} [data-testid=stExpanderDetails]')"
    for _ in range(100):
        page.keyboard.press("Tab")
        if not page.evaluate(inside):
            break
    never = missed(page, f"{target} [data-testid=stExpanderDetails]")
    assert never == [], f"in the opened expander {words!r} on {path}, never reached:\n  " \
                        + "\n  ".join(never)
    assert_no_exception_box(page)


def assert_no_exception_box(page) -> None:
    boxes = page.locator('[data-testid="stException"]')
    assert boxes.count() == 0, boxes.first.inner_text()


# -------------------------------------------------------- the charts' animation controls

ANIMATED = ("/valley_vs_bowl", "/inside_a_batch", "/optimizer_race", "/where_it_matters")


@pytest.mark.parametrize("path", ANIMATED)
def test_the_animation_controls_under_the_charts_get_focus_from_tab(page, app_url, path):
    """The ▶/❚❚ buttons and the step slider plotly draws under an animated chart (SVG
    ``g.updatemenu-container`` and ``g.slider-container``) are the only way to play the
    animation or to go through it frame by frame: a keyboard user must reach them too.
    (plotly draws them with no tabindex: plotly.js issue #562.)"""
    _open(page, app_url, path)
    charts = page.evaluate(f"""() => Array.from(document.querySelectorAll({CHART!r}))
        .filter(e => e.querySelector('.updatemenu-container, .slider-container')).length""")
    assert charts > 0  # the page has animated charts
    tab_walk(page)
    never = page.evaluate(f"""() => {{
        const focused = window.__kbFocused;
        const out = [];
        for (const e of document.querySelectorAll({CHART!r})) {{
            const key = e.closest('[class*="st-key-"]').className.match(/st-key-(\\S+)/)[1];
            for (const [what, css] of [['the ▶/❚❚ buttons', '.updatemenu-container'],
                                       ['the step slider', '.slider-container']]) {{
                const box = e.querySelector(css);
                if (!box || !box.checkVisibility({{visibilityProperty: true}})) continue;
                if (!focused.some(f => box.contains(f)))
                    out.push(`chart ${{key}}: ${{what}} (svg ${{css}}, `
                             + `${{box.querySelectorAll('[tabindex]').length}} elements with a tabindex)`);
            }}
        }}
        return out;
    }}""")
    assert never == [], f"on {path}, never reached by Tab:\n  " + "\n  ".join(never)


def test_the_keys_step_and_play_an_animation(page, app_url):
    """On the race's top view: the focused frame slider goes back with ArrowLeft and to the
    start with Home (the chart shows that frame), and Enter on ▶ plays to the last frame."""
    _open(page, app_url, "/optimizer_race")
    wait_for_charts(page, 3)
    plot = page.locator(".st-key-race_contour div.bnviz-plot")
    active = "el => el.layout.sliders[0].active"
    head_x = "el => el.data.filter(t => t.mode === 'markers').map(t => t.x[0])"
    last = plot.evaluate("el => el.layout.sliders[0].steps.length - 1")
    assert plot.evaluate(active) == last
    at_end = plot.evaluate(head_x)
    slider = plot.locator("g.slider-container")
    slider.focus()
    page.keyboard.press("ArrowLeft")
    page.wait_for_function(f"el => ({active})(el) === {last - 1}", arg=plot.element_handle())
    page.keyboard.press("Home")
    page.wait_for_function(f"el => ({active})(el) === 0", arg=plot.element_handle())
    assert plot.locator("g.slider-container").get_attribute("aria-valuenow") == "0"
    page.wait_for_function(f"([el, end]) => JSON.stringify(({head_x})(el)) !== JSON.stringify(end)",
                           arg=[plot.element_handle(), at_end])
    play = plot.locator("g.updatemenu-button").first
    assert play.get_attribute("role") == "button" and play.get_attribute("aria-label")
    play.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"([el, end]) => JSON.stringify(({head_x})(el)) === JSON.stringify(end)",
                           arg=[plot.element_handle(), at_end], timeout=90_000)


# --------------------------------------------------------------- 2. changed with the keyboard

def test_valley_select_slider_moves_with_arrow_right(page, app_url):
    label = "Upper bound of feature B"
    _open(page, app_url, "/valley_vs_bowl")
    assert "b_hi=" not in page.url
    before = slider_value(page, label)
    thumb = f'[data-testid=stSlider] input[type=range][aria-label="{label}"]'
    reveal(page, thumb)  # in the "Data" expander
    tab_to(page, thumb)
    page.keyboard.press("ArrowRight")
    wait_for_query(page, "b_hi=")
    assert slider_value(page, label) != before


def test_valley_learning_rate_radio_changes_with_arrows_and_space(page, app_url):
    _open(page, app_url, "/valley_vs_bowl")
    assert "rate_raw=" not in page.url
    tab_to(page, ".st-key-rate_raw input[type=radio]")
    page.keyboard.press("ArrowRight")  # moves to the next option, and (ARIA) selects it
    if not page.evaluate("() => document.activeElement.checked"):
        page.keyboard.press("Space")
    # The raw side starts at zigzag; the next option is custom.
    assert page.evaluate("() => document.activeElement.closest('[data-testid=stRadioOption]')"
                         ".innerText.trim()") == "custom"
    wait_for_query(page, "rate_raw=custom")


def test_optimizer_race_slider_moves_with_arrow_keys(page, app_url):
    _open(page, app_url, "/optimizer_race")
    assert "or_mom_beta=" not in page.url
    thumb = '.st-key-or_mom_beta input[type=range]'
    before = page.get_attribute(thumb, "aria-valuetext")
    # Momentum's controls are in its tab: reach the racers' tabs, the arrow opens the next.
    tab_to(page, "[data-testid=stTabs] [role=tab][aria-selected=true]")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.activeElement.innerText.trim() === 'Momentum'")
    page.keyboard.press("Enter")
    tab_to(page, thumb)
    page.keyboard.press("ArrowRight")
    wait_for_query(page, "or_mom_beta=")
    assert page.get_attribute(thumb, "aria-valuetext") != before
    wait_for_script(page)
    page.keyboard.press("ArrowLeft")  # focus stayed on the thumb through the rerun: back
    page.wait_for_function("([t, v]) => document.querySelector(t)"
                           ".getAttribute('aria-valuetext') === v", arg=[thumb, before])


def test_optimizer_race_number_input_steps_with_arrow_up(page, app_url):
    _open(page, app_url, "/optimizer_race")
    css = "[data-testid=stMain] [data-testid=stNumberInputField]"
    reveal(page, css)  # the only number input is in the "Data" expander
    field = page.locator(css).first
    key = page.evaluate("""(css) => document.querySelector(css).closest('[class*="st-key-"]')
        .className.match(/st-key-(\\S+)/)[1]""", css)
    assert f"{key}=" not in page.url
    before = field.input_value()
    tab_to(page, css, limit=40)
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")  # a number input commits on Enter (or on leaving it)
    wait_for_query(page, f"{key}=")
    assert field.input_value() != before


# ------------------------------------------------------------------ 3. focus is visible

# How the focused control's widget looks: per element, its outline and box-shadow and, as
# solid colours (composited over what is behind them), its background and border. Called with
# ``true`` on focus (the elements are kept), with ``false`` once blurred: then the changes.
_LOOKS = f"""(focused) => {{
    const kinds = {_KINDS};
    const parse = c => {{ const v = (c.match(/[\\d.]+/g) || [0, 0, 0, 0]).map(Number);
                          return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1]; }};
    const over = (t, b) => [0, 1, 2].map(i => t[i] * t[3] + b[i] * (1 - t[3])).concat(1);
    const behind = e => e ? over(parse(getComputedStyle(e).backgroundColor), behind(e.parentElement))
                          : [255, 255, 255, 1];
    const lum = c => {{ const l = c.slice(0, 3).map(v => v / 255)
        .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2]; }};
    const ratio = (x, y) => {{ const [a, b] = [lum(x), lum(y)].sort((p, q) => q - p);
                                return (a + 0.05) / (b + 0.05); }};
    const look = e => {{
        const s = getComputedStyle(e);
        const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0
                        && parse(s.outlineColor)[3] > 0;
        const border = s.borderTopStyle !== 'none' && parseFloat(s.borderTopWidth) > 0;
        return {{outline: outline ? `${{s.outlineWidth}} ${{s.outlineStyle}} ${{s.outlineColor}}` : null,
                 shadow: s.boxShadow === 'none' ? null : s.boxShadow,
                 bg: behind(e), border: border ? over(parse(s.borderTopColor), behind(e)) : null}};
    }};
    if (focused) {{
        const a = document.activeElement;
        let w = a.closest('[data-testid]');
        while (w && !(w.dataset.testid in kinds)) w = w.parentElement?.closest('[data-testid]');
        const els = [a];
        for (let p = a.parentElement; p && w && w.contains(p); p = p.parentElement) els.push(p);
        if (w) els.push(...w.querySelectorAll('*'));
        window.__kbLooks = els.map(e => [e, look(e)]);
        return null;
    }}
    const found = [];  // what only focus shows
    for (const [e, f] of window.__kbLooks) {{
        const r = look(e);
        const name = e.tagName.toLowerCase() + (e.dataset.testid ? `[${{e.dataset.testid}}]` : '');
        if (f.outline && f.outline !== r.outline) found.push(`${{name}}: outline ${{f.outline}}`);
        if (f.shadow && f.shadow !== r.shadow) found.push(`${{name}}: box-shadow ${{f.shadow}}`);
        // A colour change counts if it contrasts 3:1 with the colour it replaces (WCAG 2.4.13).
        for (const k of ['bg', 'border'])
            if (f[k] && r[k] && ratio(f[k], r[k]) >= 3)
                found.push(`${{name}}: ${{k}} rgb(${{r[k].slice(0, 3).map(Math.round)}}) -> `
                           + `rgb(${{f[k].slice(0, 3).map(Math.round)}})`);
    }}
    const weak = window.__kbLooks.map(([e, f]) => {{ const r = look(e);
        return ['bg', 'border'].filter(k => f[k] && r[k] && f[k].join() !== r[k].join())
            .map(k => `${{e.tagName.toLowerCase()}}${{e.dataset.testid ? `[${{e.dataset.testid}}]` : ''}}`
                      + `: ${{k}} rgb(${{r[k].slice(0, 3).map(Math.round)}}) -> `
                      + `rgb(${{f[k].slice(0, 3).map(Math.round)}}), `
                      + `contrast ${{ratio(f[k], r[k]).toFixed(2)}}:1`); }}).flat().slice(0, 2);
    return {{found, weak}};
}}"""


# Per page, the kinds of control whose focus must show (the first of each kind met).
FOCUSED = {
    "/valley_vs_bowl": {
        "nav link": "[data-testid=stSidebarNavLink]",
        "expander summary": "[data-testid=stExpander] summary",
        "selectbox": "[data-testid=stSelectbox] input",
        "button": "[data-testid=stButton] button",
        "slider thumb": "[data-testid=stSlider] input[type=range]",
        "number input": "[data-testid=stNumberInputField]",
        "radio group": "[data-testid=stRadio] input[type=radio]",
    },
    "/": {
        "nav link": "[data-testid=stSidebarNavLink]",
        "page link": "[data-testid=stPageLink] a",
        "button": "[data-testid=stButton] button",
    },
}


@pytest.mark.parametrize("path", FOCUSED)
def test_focus_is_visible_on_each_kind_of_control(page, app_url, path):
    """Each kind of control, focused by Tab (the "Data" expander opened with Enter on the
    way): some element of its widget shows an outline or a box-shadow it does not show
    unfocused, or a background or border colour that contrasts 3:1 with the unfocused one
    (WCAG 2.4.13's measure; 2.4.7 asks for a visible focus)."""
    _open(page, app_url, path)
    wanted = FOCUSED[path]
    invisible = {}
    seen = set()
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement === document.body"):
            break
        if page.evaluate("""() => { const a = document.activeElement;  // open "Data:" (Enter)
                return a.matches('details:not([open]) > summary') && a.closest('[data-testid=stMain]')
                       && a.innerText.includes('Data:'); }"""):
            page.keyboard.press("Enter")
            page.wait_for_function("() => document.activeElement.parentElement.open")
        kind = next((k for k, css in wanted.items() if k not in seen and page.evaluate(
            "(css) => document.activeElement.matches(css)", css)), None)
        if kind is None:
            continue
        seen.add(kind)
        page.wait_for_timeout(400)  # transitions of the focus ring
        page.evaluate(_LOOKS, True)
        # The same elements unfocused. Tab then carries on from here: blur() leaves Chromium's
        # sequential focus navigation starting point on the element.
        page.evaluate("() => document.activeElement.blur()")
        page.wait_for_timeout(400)
        changes = page.evaluate(_LOOKS, False)
        if not changes["found"]:
            invisible[kind] = changes["weak"] or "focus changes nothing"
    assert seen == set(wanted), f"never focused: {set(wanted) - seen}"
    assert invisible == {}, f"no focus indicator on: {invisible}"


def test_the_sidebar_can_be_collapsed_from_the_keyboard(page, app_url):
    """Streamlit's "Collapse sidebar" button: a keyboard user must reach it (and collapse the
    sidebar with Enter) as a mouse user does by pointing at the sidebar's top. Reached by Tab
    through the page, or by Shift+Tab from the first link in the sidebar (for a button shown
    once focus is in the sidebar)."""
    _open(page, app_url, "/")
    button = "[data-testid=stSidebarCollapseButton] button"
    stops = tab_walk(page)
    tab_to(page, "[data-testid=stSidebarNavLink]")
    page.keyboard.press("Shift+Tab")
    reached = page.evaluate("(css) => window.__kbFocused.includes(document.querySelector(css))",
                            button)
    visibility = page.evaluate(f"() => getComputedStyle(document.querySelector('{button}'))"
                               ".visibility")
    assert reached, (f"Tab never reached the 'Collapse sidebar' button ({button}; its "
                     f"visibility unless pointed at: {visibility}); the stops were:\n  "
                     + "\n  ".join(stops))
    page.evaluate(f"() => document.querySelector('{button}').focus()")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-testid=stSidebar][data-collapsed=true]")
