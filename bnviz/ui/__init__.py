"""The Streamlit glue: the only package of bnviz that imports Streamlit, and the only one the
page scripts (``app_pages/``) import.

One module per lesson, holding its cached views, its worker jobs and its live component:
:mod:`~bnviz.ui.valley`, :mod:`~bnviz.ui.batch`, :mod:`~bnviz.ui.race`, :mod:`~bnviz.ui.where`,
:mod:`~bnviz.ui.deep`. The parts they share:

- :mod:`~bnviz.ui.page`: what every page script uses (words, settings, widgets, the chart);
- :mod:`~bnviz.ui.state`: settings between the URL, the session and the widgets;
- :mod:`~bnviz.ui.widgets`: a setting's widget;
- :mod:`~bnviz.ui.chart`: the chart that keeps its camera across reruns;
- :mod:`~bnviz.ui.cached`: a lesson's data source and figures encoded inside its cache;
- :mod:`~bnviz.ui.jobs` and :mod:`~bnviz.ui.runs`: the worker pool and the runs a page follows;
- :mod:`~bnviz.ui.own_data`, :mod:`~bnviz.ui.own_classes`: a visitor's own CSV;
- :mod:`~bnviz.ui.language`, :mod:`~bnviz.ui.teacher`, :mod:`~bnviz.ui.tour`,
  :mod:`~bnviz.ui.exports`, :mod:`~bnviz.ui.memory`: what every page has around it.

Pages use it as ``from bnviz.ui import page, valley`` and call ``valley.view(...)``.
"""
