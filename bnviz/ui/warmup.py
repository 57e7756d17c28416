"""Everything a page imports or sets up on first use, done once, before any page runs.

Why: Streamlit runs each visitor's script in a thread of its own, and a server that has just
started has imported almost nothing (not even numpy: the scripts import the app). When a
class opens its pages within the same second, several threads import the same packages at
once. Python serializes the import of one module, but when two threads import two modules
that import each other in opposite orders (``st.table`` imports pandas and pyarrow lazily,
and pyarrow's pandas support imports pandas), it breaks the deadlock by handing one thread
the half-initialized module: ``AttributeError: partially initialized module 'pandas' has no
attribute 'Series'`` reached visitors of a freshly started server (issue 20). First uses
that write shared state race the same way: two threads copying plotly.js into ``static/``
at once, two loading the same locale data.

:func:`warm_up`, called first thing in ``app.py``, does all of it once per process under a
lock: the first script run does the work, the runs that arrive meanwhile wait for it, and
every later run only reads a flag.
"""

from __future__ import annotations

import importlib
import pkgutil
import threading

_lock = threading.Lock()
_done = False

# Modules Streamlit imports lazily on a page's path (found by listing ``sys.modules`` of a
# fresh server before and after a walk over every page; tests/load/test_cold_start.py
# repeats that walk and fails on any module imported after the warm-up).
STREAMLIT_LAZY = (
    "streamlit.emojis",                               # icons of st.Page, alerts, toasts
    "streamlit.material_icon_names",                  # ":material/...:" icons
    "streamlit.runtime.scriptrunner.magic_funcs",     # the scripts' magic
    "streamlit.web.skills",
)
# What starting the worker pool imports (the pool itself starts with the first training run:
# its processes cost memory that a class which never opens "Deep networks" should not pay).
POOL_LAZY = (
    "concurrent.futures.process",
    "multiprocessing.heap",
    "multiprocessing.popen_spawn_posix",
    "multiprocessing.queues",
    "multiprocessing.resource_tracker",
    "multiprocessing.sharedctypes",
    "multiprocessing.spawn",
    "multiprocessing.synchronize",
)


def warm_up() -> None:
    """Import the app and what Streamlit imports lazily, and do the first uses that write
    shared state, once per process; a no-op after the first call.

    Safe to call from any number of script threads at once: one does the work, the others
    wait for it to finish (they would otherwise race it).
    """
    global _done
    if _done:  # the common case: no lock once warm
        return
    with _lock:
        if _done:
            return
        _import_all("bnviz")
        for name in STREAMLIT_LAZY + POOL_LAZY:
            importlib.import_module(name)
        _figures()
        _tables()
        _languages()
        _static_files()
        _done = True


def is_warm() -> bool:
    """Whether :func:`warm_up` has finished in this process."""
    return _done


def _import_all(package: str) -> None:
    """Import ``package`` and every module below it (whichever of them a page uses: the
    list follows the code as it moves)."""
    root = importlib.import_module(package)
    for info in pkgutil.walk_packages(root.__path__, prefix=package + "."):
        importlib.import_module(info.name)


def _figures() -> None:
    """A validated plotly figure (``make_subplots``, which the plotting helpers use for axes'
    domains: its layout's classes are imported on first use, one module each) and a figure's
    arrays encoded for the browser (plotly's typed arrays go through narwhals, which imports
    its parts on first use)."""
    import numpy as np
    from plotly.subplots import make_subplots

    from bnviz.plotting.encode import to_json

    make_subplots(rows=1, cols=2).to_dict()
    to_json({"data": [{"x": np.arange(3.0), "y": np.arange(3, dtype=np.int64)}]})


def _tables() -> None:
    """``st.table``'s path: rows of text into Arrow bytes (imports pandas, pyarrow and
    pyarrow's pandas support, the modules two first runs raced on)."""
    from streamlit import dataframe_util

    rows = ({"": "a", "b": "1.5"}, {"": "c", "b": "2"})
    dataframe_util.determine_data_format(rows)
    dataframe_util.convert_anything_to_arrow_bytes(rows)


def _languages() -> None:
    """Every language's catalog and number symbols (Babel's locale data), loaded once."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    from bnviz.i18n import LANGUAGES, translations

    for lang in LANGUAGES:
        translations(lang)
        get_decimal_symbol(lang), get_group_symbol(lang)


def _static_files() -> None:
    """plotly.js into ``static/`` (two runs copying it at once would write one file); where
    the checkout is read-only, the chart says so when it needs the file, as before."""
    from bnviz import assets

    try:
        assets.ensure_plotly_js()
    except OSError:
        pass
