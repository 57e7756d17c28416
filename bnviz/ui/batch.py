"""The glue of "Inside a batch": the batch picker, and the page's views in one call.

The page's four views are cached apart, each on what it depends on: moving the batch slider
must not rerun the descent, and moving the learning rate must not redraw the batch panels.
:func:`view` gathers them, so the page reads as controls, one call, charts and words.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

import streamlit as st

from bnviz.core.batches import count, split
from bnviz.i18n import N_, _
from bnviz.lessons.batch import view as batch
from bnviz.lessons.batch.script import batch_script
from bnviz.lessons.batch.settings import LookSpec, MiniSpec, RunningSpec, SplitSpec
from bnviz.lessons.batch.statistics import Spread, spread
from bnviz.lessons.batch.text import only_batch_sentence
from bnviz.lessons.common.settings import DataSpec
from bnviz.settings import param_of
from bnviz.ui import exports
from bnviz.ui.cached import Source, dataset, encoded
from bnviz.ui.language import per_language, with_spinner
from bnviz.ui.state import clamp_setting, current

__all__ = ["BatchViews", "LookSpec", "MiniSpec", "RunningSpec", "SplitSpec", "batch_picker",
           "view"]


@dataclass(frozen=True)
class BatchViews:
    """Everything "Inside a batch" shows for one set of settings: the chosen batch through the
    layer (``look``), running statistics (``running``), the spread of batch statistics against
    batch size (``spread``) and the three descents (``descent``)."""

    look: batch.LookView
    running: batch.RunningView
    spread: batch.SpreadView
    descent: batch.DescentView


def batch_picker(data_spec: Source, split_spec: SplitSpec, *, container: Any = st) -> None:
    """The slider of the batch to look at (its value kept within this split's batches), or,
    when the split makes a single batch, the sentence that says what it holds."""
    batches = count(data_spec.n, split_spec.size, last=split_spec.last)
    index = param_of(LookSpec, "index")
    clamp_setting(index, 1, batches)
    if batches > 1:
        container.slider(_("Batch (▶ in the chart plays them all)"), min_value=1,
                         max_value=batches, key=index.key)
    else:
        container.markdown(only_batch_sentence(split(data_spec.n, split_spec.size,
                                                     seed=split_spec.seed, last=split_spec.last)))


def view(data_spec: Source, split_spec: SplitSpec, look_spec: LookSpec, running_spec: RunningSpec,
         mini_spec: MiniSpec) -> BatchViews:
    """The page's four views (figures as JSON), each from its own cache."""
    return BatchViews(
        look=_look(data_spec, split_spec, look_spec, running_spec),
        running=_running(data_spec, split_spec, running_spec),
        spread=_spread(data_spec, split_spec.seed, look_spec.eps, split_spec.size),
        descent=_descent(data_spec, split_spec, look_spec.eps, running_spec.momentum, mini_spec),
    )


@per_language
@st.cache_data(max_entries=16, show_spinner=False)
def _running(lang: str, data_spec: Source, split_spec: SplitSpec,
             running_spec: RunningSpec) -> batch.RunningView:
    return encoded(batch.running_view(dataset(data_spec), split_spec, running_spec))


@per_language
@st.cache_data(max_entries=32, show_spinner=False)
def _look(lang: str, data_spec: Source, split_spec: SplitSpec, look_spec: LookSpec,
          running_spec: RunningSpec) -> batch.LookView:
    stats = _running(data_spec, split_spec, running_spec).running.final
    return encoded(batch.look_view(dataset(data_spec), split_spec, look_spec,
                                   running_stats=stats))


@st.cache_data(max_entries=16, show_spinner=False)
def _statistics_spread(data_spec: Source, seed: int, eps: float) -> Spread:
    return spread(dataset(data_spec).X, seed=seed, eps=eps)


@per_language
@st.cache_data(max_entries=32, show_spinner=False)
def _spread(lang: str, data_spec: Source, seed: int, eps: float, size: int) -> batch.SpreadView:
    """The spread chart at the chosen size (the spread itself does not depend on it)."""
    return encoded(batch.spread_view(_statistics_spread(data_spec, seed, eps), size=size,
                                     n=data_spec.n))


@with_spinner(N_("Running the three descents…"))
@per_language
@st.cache_data(max_entries=32, show_spinner=False)
def _descent(lang: str, data_spec: Source, split_spec: SplitSpec, eps: float, momentum: float,
             mini_spec: MiniSpec) -> batch.DescentView:
    return encoded(batch.descent_view(dataset(data_spec), split_spec, mini_spec, eps=eps,
                                      momentum=momentum))


# ------------------------------------------------------------------ downloads
def _files() -> exports.Files:
    """The chosen batch's three steps as a script."""
    script = partial(batch_script, current(DataSpec), current(SplitSpec), current(LookSpec))
    return {"batch.py": (script, "text/x-python")}


exports.offer("inside_a_batch", _files)
