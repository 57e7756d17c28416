"""A teacher's view for a projector, and a link to the view on every page.

``?view=projector`` hides the sidebar (its data controls) and Streamlit's toolbar, so the
charts take the width of the screen and the text reads larger; ``&hide=rate_raw,lr_raw``
also hides those settings' controls (their session keys are their URL keys, and Streamlit
marks each keyed widget with the class ``st-key-<key>``); ``&hide=all`` hides every control
on the page. A guided tour's banner stays, so its sentences are the projector's caption and
its Next button moves the class on.

The sidebar of every page ends with the link to what the visitor sees (the URL carries every
setting), and the same link for a projector.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode, urlsplit

import streamlit as st

from bnviz.i18n import _

VIEW_KEYS = ("view", "hide")
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,40}$")
# What "hide=all" hides: every kind of control Streamlit draws, outside the tour's banner.
_CONTROLS = ("stSlider", "stRadio", "stNumberInput", "stSelectbox", "stCheckbox",
             "stToggle", "stButton", "stExpander", "stMultiSelect", "stTextInput")


def hidden_keys() -> tuple[str, ...]:
    """The settings the URL hides (``all`` for every control); anything that is not a plain
    setting key is ignored, so the URL can never inject style."""
    raw = st.query_params.get("hide", "")
    return tuple(k for k in (x.strip() for x in raw.split(",")) if _KEY.match(k))


# Every page: a disabled control's label in the page's text colour, faded (Streamlit draws it
# in a fixed light grey, 2.6:1 on white, under WCAG's 4.5:1; axe-core counts it).
_ALWAYS = ('label[data-testid="stWidgetLabel"][disabled], '
           'label[data-testid="stWidgetLabel"][disabled] * {color: unset;}',
           'label[data-testid="stWidgetLabel"][disabled] {opacity: 0.75;}',
           # Keyboard users see where they are on the links (Streamlit only tints them) and
           # can reach the sidebar's collapse button (Streamlit shows it on hover only).
           '[data-testid="stSidebarNavLink"]:focus-visible, '
           '[data-testid="stPageLink-NavLink"]:focus-visible '
           '{outline: 2px solid currentColor; outline-offset: -2px;}',
           '[data-testid="stSidebarCollapseButton"] {visibility: visible !important;}')


def projector_style() -> None:
    """Call before the page draws: the page's own style, and the projector view's when the
    URL asks for it."""
    if st.query_params.get("view") != "projector":
        st.html("<style>" + "\n".join(_ALWAYS) + "</style>")
        return
    rules = [*_ALWAYS, '[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], '
             '[data-testid="stToolbar"], [data-testid="stExpandSidebarButton"] '
             '{display: none !important;}',
             '[data-testid="stMainBlockContainer"] {max-width: 100%; padding: 1rem 2rem;}',
             '[data-testid="stMain"] p {font-size: 1.25rem;}']
    keys = hidden_keys()
    if "all" in keys:
        rules.append(", ".join(f'[data-testid="stMain"] [data-testid="{c}"]'
                               f':not(.st-key-tour_banner *)' for c in _CONTROLS)
                     + " {display: none !important;}")
    rules += [f".st-key-{k} {{display: none !important;}}" for k in keys if k != "all"]
    st.html("<style>" + "\n".join(rules) + "</style>")


def _link(extra: dict[str, str], drop: tuple[str, ...] = ()) -> str:
    base = urlsplit(st.context.url or "")
    query = {k: v for k, v in st.query_params.to_dict().items() if k not in drop}
    query.update(extra)
    page = base.path if base.scheme else "/"
    origin = f"{base.scheme}://{base.netloc}" if base.scheme else ""
    return origin + page + ("?" + urlencode(query) if query else "")


def share_links() -> None:
    """At the end of the sidebar: the link to this view, and the same for a projector.

    Plain links (right-click, "copy link"), not ``st.code`` boxes: those load Streamlit's
    syntax highlighter, 1.56 MB for every visitor (``benchmarks/bench_first_paint.py``).
    """
    with st.sidebar.expander(_("Share this view"), icon=":material/link:"):
        st.markdown(_("[Link to this view]({link}): it opens this page with every setting you "
                      "see.").format(link=_link({}, drop=VIEW_KEYS)))
        st.markdown(_("[Link for a projector]({link}): no sidebar, larger text; add "
                      "`&hide=all` to hide every control, or `&hide=b_hi,lr_raw` for some.")
                    .format(link=_link({"view": "projector"})))
