"""A real Chromium against the running app: the server, the browser, and helpers for pages.

One Streamlit server and one browser serve the whole session (starting either costs seconds);
each test gets a fresh browser context, so no state leaks between tests.

Playwright's own browser download cannot work on the test machines, so the browser is Debian's
``chromium`` (``/usr/bin/chromium``, or ``$BNVIZ_CHROMIUM``), launched through ``executable_path``.
WebGL is drawn in software (SwiftShader through ANGLE): ``--use-gl=swiftshader`` would disable
WebGL altogether, and a 3D chart then never paints.

Helpers for page tests (import them: ``from tests.browser.conftest import open_page, ...``)::

    def test_my_page(page, app_url):
        open_page(page, app_url, "/my_page")
        before = wait_for_charts(page, 3)         # {chart key: state}
        move_slider(page, "Batch size", "ArrowRight")
        after = wait_for_redraw(page, before, keys=("batch_hist",))
        assert "batch_hist" in changed(before, after)
        assert_no_exception(page)

A notice from a bad URL parameter is a toast that fades after a few seconds; every toast the
page showed is recorded from the start, so read them with ``toasts(page)`` at any time.
"""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("BNVIZ_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--use-angle=swiftshader",
    "--enable-unsafe-swiftshader", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
)
VIEWPORT = {"width": 1400, "height": 1000}
CHART = "div.bnviz-plot"
# A software-rendered 3D surface takes about a second; a loaded 2-core machine, several.
TIMEOUT_MS = 90_000


# ------------------------------------------------------------------------------ server

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_app(script: str | Path = "app.py", *, port: int | None = None,
                timeout: float = 90.0) -> Iterator[str]:
    """Run ``streamlit run <script>`` on a free local port; yield its base URL; stop it.

    The file watcher is off: other files changing during a test run must not rerun the app.
    """
    port = port or free_port()
    log = tempfile.NamedTemporaryFile(prefix="bnviz-server-", suffix=".log", delete=False)
    cmd = [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
           "--server.port", str(port), "--server.address", "127.0.0.1",
           "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc=proc, timeout=timeout, log=Path(log.name))
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
        os.unlink(log.name)


def healthy(url: str) -> bool:
    """Whether the Streamlit server at ``url`` answers its health check."""
    try:
        with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


def wait_healthy(url: str, *, proc: subprocess.Popen | None, timeout: float, log: Path) -> None:
    """Poll ``url``'s health check until it answers; raise with the log's tail if ``proc``
    exits first or ``timeout`` seconds pass."""
    deadline = time.monotonic() + timeout
    while not healthy(url):
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}:\n{_tail(log)}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} not healthy after {timeout:.0f} s:\n{_tail(log)}")
        time.sleep(0.25)


def _tail(path: str | Path, n: int = 40) -> str:
    try:
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-n:])
    except OSError:
        return ""


# ----------------------------------------------------------------------------- browser

@contextmanager
def chromium() -> Iterator[object]:
    """Debian's Chromium under Playwright, with software WebGL."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        raise RuntimeError(f"{CHROMIUM} is missing: install Debian's chromium "
                           "(scripts/test.sh does: apt-get install -y chromium)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS),
                                     headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    """Base URL of one app server shared by every browser test."""
    with running_app() as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    with chromium() as b:
        yield b


# Toasts live a few seconds; record every one the page shows, so a test can read them later.
_RECORD_TOASTS = """
window.__bnvizToasts = [];
new MutationObserver(() => {
    for (const t of document.querySelectorAll('[data-testid="stToast"]')) {
        const text = t.innerText.trim();
        if (text && !window.__bnvizToasts.includes(text)) window.__bnvizToasts.push(text);
    }
}).observe(document, {childList: true, subtree: true, characterData: true});
"""


@pytest.fixture
def page(browser):
    """A fresh page in a fresh context (own cookies, own Streamlit session)."""
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(_RECORD_TOASTS)
    context.set_default_timeout(TIMEOUT_MS)
    pg = context.new_page()
    try:
        yield pg
    finally:
        context.close()


# ----------------------------------------------------------------------------- helpers

def open_page(page, base_url: str, path: str = "/", query: str = "") -> None:
    """Go to ``base_url + path`` (``query`` without the ``?``) and wait until the page's
    script has run to its end (its elements are all on the page; charts may still be drawing:
    see :func:`wait_for_charts`)."""
    page.goto(base_url + path + (f"?{query}" if query else ""))
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=TIMEOUT_MS)
    wait_for_script(page)


def wait_for_script(page, *, timeout: float = TIMEOUT_MS) -> None:
    """Wait until Streamlit's script run is over (``stApp``'s ``data-test-script-state``).

    After a widget change, the rerun may not have started yet when this is called: wait for
    what the change should bring (a chart redraw, the URL) rather than for this alone.
    """
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]',
                           timeout=timeout)


_STATES_JS = f"""() => Array.from(document.querySelectorAll({CHART!r})).map((e, i) => {{
    const box = e.closest('[class*="st-key-"]');
    const m = box && box.className.match(/(?:^|\\s)st-key-(\\S+)/);
    return {{key: m ? m[1] : String(i), figure: e.dataset.figure || null,
             rendered: e.dataset.rendered || null, renders: Number(e.dataset.renders || 0)}};
}})"""

_IDLE_JS = f"""() => Array.from(document.querySelectorAll({CHART!r}))
    .every(e => e.dataset.rendered && e.dataset.rendered === e.dataset.figure)"""


def chart_states(page) -> dict[str, dict]:
    """Every chart on the page by its Streamlit key (``ui.chart(..., key=...)``): the hash of
    the figure it was given (``figure``), of the last figure it finished drawing
    (``rendered``), and how many times it drew (``renders``)."""
    return {s["key"]: s for s in page.evaluate(_STATES_JS)}


def chart(page, key: str):
    """The chart ``<div>`` shown with ``ui.chart(..., key=key)`` (a Playwright locator)."""
    return page.locator(f".st-key-{key} {CHART}")


def wait_for_charts(page, n: int, *, timeout: float = TIMEOUT_MS) -> dict[str, dict]:
    """Wait until at least ``n`` charts are on the page and each drew the figure it holds."""
    page.wait_for_function(
        f"""(n) => document.querySelectorAll({CHART!r}).length >= n && ({_IDLE_JS})()""",
        arg=n, timeout=timeout)
    return chart_states(page)


def wait_for_redraw(page, before: dict[str, dict], *, keys: tuple[str, ...] | None = None,
                    timeout: float = TIMEOUT_MS) -> dict[str, dict]:
    """Wait until every chart of ``keys`` (without ``keys``: at least one chart) drew a figure
    other than in ``before``, and every chart is idle (drew the figure it holds).
    Returns the new states."""
    page.wait_for_function(
        f"""([before, keys]) => {{
            if (!({_IDLE_JS})()) return false;
            const redrawn = new Set(({_STATES_JS})().filter(s => s.key in before
                && s.rendered !== before[s.key].rendered
                && s.renders > before[s.key].renders).map(s => s.key));
            return keys === null ? redrawn.size > 0 : keys.every(k => redrawn.has(k));
        }}""", arg=[before, list(keys) if keys else None], timeout=timeout)
    return chart_states(page)


def changed(before: dict[str, dict], after: dict[str, dict]) -> set[str]:
    """Keys of the charts that drew a new figure between two :func:`chart_states`."""
    return {k for k, a in after.items() if k in before and a["rendered"] != before[k]["rendered"]}


def assert_no_exception(page) -> None:
    """No Streamlit exception box, and no chart that failed to draw."""
    boxes = page.locator('[data-testid="stException"]')
    assert boxes.count() == 0, boxes.first.inner_text()
    failed = page.get_by_text("could not be drawn")
    assert failed.count() == 0, failed.first.inner_text()


def toasts(page, *, at_least: int = 1, timeout: float = TIMEOUT_MS) -> list[str]:
    """The texts of every toast shown since the page loaded (even those gone by now), after
    waiting until there are ``at_least`` of them (``at_least=0``: no waiting)."""
    page.wait_for_function("(n) => window.__bnvizToasts.length >= n", arg=at_least,
                           timeout=timeout)
    return page.evaluate("window.__bnvizToasts")


def slider(page, label: str):
    """The keyboard-operable thumb of the Streamlit slider whose label is ``label``.

    Streamlit 1.67 draws sliders with react-aria: the thumb is a visually hidden
    ``<input type="range" aria-label="<label>">`` (its implicit role is ``slider``).
    """
    loc = page.locator(f'[data-testid="stSlider"] input[type="range"][aria-label="{label}"]')
    loc.wait_for(state="attached")
    return loc


def slider_value(page, label: str) -> str:
    """The value the slider shows (its ``aria-valuetext``, e.g. ``"200"``)."""
    return slider(page, label).get_attribute("aria-valuetext")


def move_slider(page, label: str, key: str = "ArrowRight", presses: int = 1) -> str:
    """Focus the slider labelled ``label`` and press ``key`` ``presses`` times, as a user
    would; returns the value it shows afterwards."""
    thumb = slider(page, label)
    thumb.focus()
    for _ in range(presses):
        thumb.press(key)
    return slider_value(page, label)


def wait_for_query(page, fragment: str, *, timeout: float = TIMEOUT_MS) -> str:
    """Wait until the address bar's query string contains ``fragment``; return the URL."""
    page.wait_for_function("(f) => window.location.search.includes(f)", arg=fragment,
                           timeout=timeout)
    return page.url


def colours(png: bytes, limit: int = 4096) -> int:
    """How many distinct colours a PNG screenshot holds (``limit`` if at least that many)."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    found = image.getcolors(maxcolors=limit)
    return limit if found is None else len(found)


def webgl_canvas(page, key: str):
    """The WebGL canvas of a 3D chart (a 3D scene draws into ``.gl-container``)."""
    return chart(page, key).locator(".gl-container canvas").first


def contour_paths(page, key: str) -> int:
    """The number of contour line paths drawn in a chart's SVG."""
    return chart(page, key).locator("g.contour path").count()


def open_with_data(page, base_url: str, path: str = "/", query: str = "") -> None:
    """:func:`open_page`, then unfold the page's data controls (an expander in the main
    column, titled "Data: ...")."""
    open_page(page, base_url, path, query)
    page.locator('[data-testid="stExpander"] summary').filter(has_text="Data:").first.click()


@pytest.fixture
def no_webgl_page(browser):
    """A page in a Chromium started without WebGL (as some locked-down machines are)."""
    plain = browser.browser_type.launch(executable_path=str(CHROMIUM), headless=True,
                                        args=[*CHROMIUM_ARGS, "--disable-webgl", "--disable-3d-apis"])
    context = plain.new_context(viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()
        plain.close()


# The browser's ES modules (bnviz/ui/js), served to a blank page at this made-up origin by
# Playwright itself: no app server, and the modules import each other as they do in the app's
# bundles.
MODULE_ORIGIN = "http://bnviz.modules"
JS_ROOT = Path(__file__).resolve().parents[2] / "bnviz" / "ui" / "js"


def module_page(browser, modules: dict[str, str]):
    """A blank page (and its context) with each ES module of ``modules`` ({global name: path
    under bnviz/ui/js}) imported and set as a global of the page, as its namespace object."""
    context = browser.new_context()
    page = context.new_page()

    def serve(route) -> None:
        path = route.request.url.removeprefix(MODULE_ORIGIN + "/")
        if path == "index.html":
            route.fulfill(body="<html><body></body></html>", content_type="text/html")
            return
        target = (JS_ROOT / path).resolve()
        if JS_ROOT not in target.parents or not target.is_file():
            route.fulfill(status=404, body="")
            return
        route.fulfill(body=target.read_text(), content_type="text/javascript")

    page.route(MODULE_ORIGIN + "/**", serve)
    page.goto(MODULE_ORIGIN + "/index.html")
    page.evaluate("""async (modules) => {
      for (const [name, path] of Object.entries(modules)) window[name] = await import('/' + path);
    }""", modules)
    return context, page


def reveal(page, key: str) -> None:
    """Open the tab that holds widget ``key`` if it is in a closed one (Optimizer race keeps
    each racer's controls in a tab of its own)."""
    page.locator(f".st-key-{key}").first.wait_for(state="attached")
    page.evaluate("""(key) => {
      const panel = document.querySelector('.st-key-' + key).closest('[data-testid="stTabPanel"]');
      if (!panel || panel.getBoundingClientRect().height > 0) return;
      const tabs = panel.closest('[data-testid="stTabs"]');
      const panels = Array.from(tabs.querySelectorAll('[data-testid="stTabPanel"]'))
        .filter((p) => p.closest('[data-testid="stTabs"]') === tabs);
      tabs.querySelectorAll('[role="tab"]')[panels.indexOf(panel)].click();
    }""", key)
    page.locator(f".st-key-{key}").first.wait_for(state="visible")
