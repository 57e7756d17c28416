"""The gallery: every page at its defaults, in both themes, on a desktop and on a phone.

    .venv/bin/python scripts/screenshot.py [--out docs/screenshots] [--pages valley_vs_bowl,...]

Starts the app on a free 127.0.0.1 port, opens each page in Debian's headless Chromium
(software WebGL, as the browser tests), waits until its script has finished and every chart
is drawn, and saves ``<page>-<theme>-<desktop|phone>.png``: desktop 1440 x 900 (the whole
page), phone 390 x 844 at 3x (the first two screens). The theme is the visitor's system
setting (``prefers-color-scheme``), which the app follows.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402

from tests.browser.conftest import chromium, running_app, wait_for_script  # noqa: E402

PAGES = ("home", "valley_vs_bowl", "inside_a_batch", "optimizer_race", "where_it_matters",
         "deep_networks")
SIZES = {"desktop": ({"width": 1440, "height": 900}, 1), "phone": ({"width": 390, "height": 844}, 3)}
DRAWN = """() => Array.from(document.querySelectorAll('div.bnviz-plot'))
                   .every(e => e.dataset.rendered && e.dataset.rendered === e.dataset.figure)"""


def shoot(browser: object, url: str, page_name: str, theme: str, size: str, out: Path) -> Path:
    """One picture of one page; returns its path."""
    viewport, scale = SIZES[size]
    context = browser.new_context(viewport=viewport, device_scale_factor=scale,  # type: ignore[attr-defined]
                                  color_scheme=theme, is_mobile=size == "phone",
                                  has_touch=size == "phone")
    page = context.new_page()
    page.goto(f"{url}/{'' if page_name == 'home' else page_name}")
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=120_000)
    wait_for_script(page, timeout=180_000)
    page.wait_for_function(DRAWN, timeout=180_000)
    # Streamlit scrolls inside its main block, not the document, so "full page" is the
    # viewport: grow the viewport to the content (the phone's to two screens) and let the
    # charts lay themselves out again.
    tall = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
    height = min(int(tall), 12_000 if size == "desktop" else 2 * viewport["height"])
    page.set_viewport_size({"width": viewport["width"], "height": max(height, viewport["height"])})
    page.wait_for_timeout(2500)  # resize, relayout, and software WebGL's repaint
    page.wait_for_function(DRAWN, timeout=180_000)
    path = out / f"{page_name}-{theme}-{size}.png"
    png = page.screenshot()
    context.close()
    # A 256-colour palette keeps 24 pictures light in the repository (about a third of the
    # bytes); the charts' shading survives it.
    Image.open(io.BytesIO(png)).convert("RGB").quantize(256).save(path, optimize=True)
    return path


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    p.add_argument("--pages", default=",".join(PAGES),
                   help=f"comma-separated, from {', '.join(PAGES)}")
    p.add_argument("--themes", default="light,dark")
    p.add_argument("--sizes", default="desktop,phone")
    args = p.parse_args(argv)
    pages = [x for x in args.pages.split(",") if x]
    unknown = set(pages) - set(PAGES)
    if unknown:
        p.error(f"unknown pages: {sorted(unknown)}")
    args.out.mkdir(parents=True, exist_ok=True)
    with running_app() as url, chromium() as browser:
        for name in pages:
            for theme in args.themes.split(","):
                for size in args.sizes.split(","):
                    print(shoot(browser, url, name, theme, size, args.out), flush=True)


if __name__ == "__main__":
    main()
