"""The Streamlit glue: the only package of bnviz that imports Streamlit.

- :mod:`~bnviz.ui.state`: settings between the URL, the session and the widgets;
- :mod:`~bnviz.ui.widgets`: a setting's widget;
- :mod:`~bnviz.ui.chart`: the chart that keeps its camera across reruns;
- :mod:`~bnviz.ui.views`: each lesson's view, cached on its frozen settings;
- :mod:`~bnviz.ui.live`: long runs followed live.

Pages use it as ``from bnviz import ui`` and call the names below.
"""

from bnviz.ui.chart import chart
from bnviz.ui.live import (
                           deep_hist,
                           deep_stop,
                           deep_store,
                           deep_sweep,
                           deep_sweep_store,
                           deep_training,
                           run_live,
)
from bnviz.ui.state import apply_query, clamp_setting, current, reset, setup, sync_url
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
    "dataset",
    "deep_hist",
    "deep_stop",
    "deep_store",
    "deep_sweep",
    "deep_sweep_store",
    "deep_training",
    "int_log_widget",
    "ladder_view",
    "map_grid",
    "map_view",
    "number_widget",
    "option_widget",
    "pick_value",
    "race",
    "reset",
    "run_live",
    "setup",
    "sync_url",
    "valley",
    "widget",
]
