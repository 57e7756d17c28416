"""bnviz: the entry point. Page configuration, navigation, and what every page has: the
visitor's language, the teacher's projector view, the guided tour's banner, the downloads and
the link to the view.

The page scripts live in ``app_pages/``, not ``pages/``: a folder named ``pages`` beside the
entry point switches Streamlit into its legacy multipage mode, which serves the scripts in
it directly and never runs this file (so neither this navigation nor the page config).
"""

import streamlit as st

from bnviz.i18n import _
from bnviz.ui import exports
from bnviz.ui.language import language_control, use_visitor_language
from bnviz.ui.teacher import projector_style, share_links
from bnviz.ui.tour import banner
from bnviz.ui.warmup import warm_up

warm_up()  # before anything a page uses: a class arriving at a fresh server races on first uses
use_visitor_language()  # first: every word after this is in the visitor's language
st.set_page_config(page_title=_("bnviz: batch normalization made visible"), page_icon="📉",
                   layout="wide")

PAGES = [
    st.Page("app_pages/home.py", title=_("Home"), icon=":material/home:", default=True),
    st.Page("app_pages/valley_vs_bowl.py", title=_("Valley vs bowl"), icon=":material/landscape:"),
    st.Page("app_pages/inside_a_batch.py", title=_("Inside a batch"), icon=":material/stacks:"),
    st.Page("app_pages/optimizer_race.py", title=_("Optimizer race"), icon=":material/sprint:"),
    st.Page("app_pages/where_it_matters.py", title=_("Where normalization matters"),
            icon=":material/grid_on:"),
    st.Page("app_pages/deep_networks.py", title=_("Deep networks"), icon=":material/hub:"),
]

page = st.navigation(PAGES)
projector_style()
banner(page)
exports.begin()
page.run()
exports.menu(page)
share_links()
language_control()
