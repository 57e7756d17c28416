"""The page scripts, one per page, run by ``st.navigation`` in ``app.py``.

A package so that import-linter can hold them to their contract (a page imports
:mod:`bnviz.ui` only); Streamlit runs each file as a script, never imports it.
"""
