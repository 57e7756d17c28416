"""The browser's code of each Streamlit component: esbuild's bundle of its ES modules.

The sources are modules under ``bnviz/ui/js/`` (explicit imports, linted by ESLint);
``st.components.v2`` takes a component's code as one string, so ``scripts/build-js.mjs``
bundles each component's entry into ``bnviz/ui/js/dist/<name>.js`` (committed: the app and
its image need no Node.js; ``tests/unit/ui/test_js.py`` checks the bundles are current).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

DIST = Path(__file__).parent / "js" / "dist"


@cache
def bundle(name: str) -> str:
    """The code of component ``name`` (``chart``, ``valley_live``, ``race_live``)."""
    return (DIST / f"{name}.js").read_text(encoding="utf-8")
