"""The Streamlit glue: the only package of bnviz that imports Streamlit.

- :mod:`~bnviz.ui.state`: settings between the URL, the session and the widgets;
- :mod:`~bnviz.ui.widgets`: a setting's widget;
- :mod:`~bnviz.ui.chart`: the chart that keeps its camera across reruns;
- :mod:`~bnviz.ui.views`: each lesson's view, cached on its frozen settings;
- :mod:`~bnviz.ui.live`: long runs followed live.

Pages use it as ``from bnviz import ui`` and call the names below.
"""

from bnviz.ui.chart import chart
from bnviz.ui.live import deep_hist, deep_pool, deep_sweep, deep_training, is_done, live_run, steps_allowed
from bnviz.ui.own_data import data_source
from bnviz.ui.state import apply_query, clamp_setting, current, reset, setup, sync_url
from bnviz.ui.tour import start_button as tour_start_button
from bnviz.ui.views import (
                           batch_descent,
                           batch_look,
                           batch_running,
                           batch_spread,
                           dataset,
                           ladder_view,
                           map_grid,
                           map_view,
                           race,
                           valley,
)
from bnviz.ui.widgets import (
                           controls,
                           controls_in_columns,
                           data_controls,
                           int_log_widget,
                           number_widget,
                           option_widget,
                           pick_value,
                           widget,
)

__all__ = [
    "apply_query",
    "batch_descent",
    "batch_look",
    "batch_running",
    "batch_spread",
    "chart",
    "clamp_setting",
    "controls",
    "controls_in_columns",
    "current",
    "data_controls",
    "data_source",
    "dataset",
    "deep_hist",
    "deep_pool",
    "deep_sweep",
    "deep_training",
    "int_log_widget",
    "is_done",
    "ladder_view",
    "live_run",
    "map_grid",
    "map_view",
    "number_widget",
    "option_widget",
    "pick_value",
    "race",
    "reset",
    "setup",
    "steps_allowed",
    "sync_url",
    "tour_start_button",
    "valley",
    "widget",
]
