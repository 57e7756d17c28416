"""Static files the app serves itself: plotly.js, from the installed plotly package.

The chart component loads plotly.js from the app's own static folder
(``server.enableStaticServing``), never from a CDN, so the app works offline and a hosted
demo does not depend on a third party. The file name carries plotly's version, so a browser
cache can keep it forever and an upgrade still takes effect.
"""

from __future__ import annotations

import shutil
from importlib import metadata
from importlib.resources import files
from pathlib import Path

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"


def plotly_js_name() -> str:
    return f"plotly-{metadata.version('plotly')}.min.js"


def ensure_plotly_js(static_dir: Path = STATIC_DIR) -> Path:
    """Copy plotly.min.js into ``static_dir`` if it is not there yet; return its path.

    A copy, not a link: Streamlit's static handler refuses paths that resolve outside the
    static folder.
    """
    target = static_dir / plotly_js_name()
    if not target.exists():
        static_dir.mkdir(parents=True, exist_ok=True)
        source = files("plotly") / "package_data" / "plotly.min.js"
        tmp = target.with_suffix(".tmp")
        with source.open("rb") as src, open(tmp, "wb") as dst:
            shutil.copyfileobj(src, dst)
        tmp.replace(target)  # atomic: a browser never gets half a file
    return target
