"""Take docs/screenshot.png: the page "Valley vs bowl" in headless Chromium, at defaults.

    .venv/bin/python scripts/screenshot.py

Starts the app on a free port, waits until every chart has painted, rotates nothing, and saves
a palette PNG (256 colours keep it well under 300 kB).
"""

import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402

from tests.browser.conftest import chromium, open_page, running_app, wait_for_charts  # noqa: E402

OUT = ROOT / "docs" / "screenshot.png"


def main() -> None:
    with chromium() as browser, running_app() as url:
        page = browser.new_page(viewport={"width": 1400, "height": 1150})
        page.set_default_timeout(120_000)
        open_page(page, url, "/valley_vs_bowl")
        wait_for_charts(page, 5)
        page.wait_for_timeout(1000)  # let the last WebGL frame reach the screen
        png = page.screenshot()
    image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=256, dither=Image.NONE)
    OUT.parent.mkdir(exist_ok=True)
    image.save(OUT, optimize=True)
    print(f"{OUT.relative_to(ROOT)}: {image.width} x {image.height}, {OUT.stat().st_size / 1e3:.0f} kB")


if __name__ == "__main__":
    main()
