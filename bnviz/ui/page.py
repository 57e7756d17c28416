"""What every page script uses, in one place: words, settings, widgets, the chart.

A page imports :mod:`bnviz.ui` only (an import contract says so): this module and its
lesson's (:mod:`bnviz.ui.valley`, :mod:`bnviz.ui.batch`, ...). Everything here is defined
elsewhere and only gathered:

- words: ``_`` and ``N_`` (:mod:`bnviz.i18n`), ``dotted`` (:mod:`bnviz.numbers`);
- settings: ``param_of``, ``params_of`` (:mod:`bnviz.settings`), the two-feature lessons'
  ``DataSpec`` and ``DescentSpec``, and their life between the URL, the session and the
  widgets (:mod:`bnviz.ui.state`);
- widgets (:mod:`bnviz.ui.widgets`), the data's source (:mod:`bnviz.ui.own_data`) and the
  chart that keeps its camera (:mod:`bnviz.ui.chart`).
"""

from bnviz.i18n import N_, _
from bnviz.lessons.common.settings import DataSpec, DescentSpec
from bnviz.numbers import dotted
from bnviz.settings import param_of, params_of
from bnviz.ui.chart import chart
from bnviz.ui.own_data import data_source
from bnviz.ui.state import apply_query, clamp_setting, current, reset, setup, sync_url
from bnviz.ui.widgets import (
    controls,
    controls_in_columns,
    int_log_widget,
    number_widget,
    option_widget,
    pick_value,
    widget,
)

__all__ = [
    "N_",
    "DataSpec",
    "DescentSpec",
    "_",
    "apply_query",
    "chart",
    "clamp_setting",
    "controls",
    "controls_in_columns",
    "current",
    "data_source",
    "dotted",
    "int_log_widget",
    "number_widget",
    "option_widget",
    "param_of",
    "params_of",
    "pick_value",
    "reset",
    "setup",
    "sync_url",
    "widget",
]
