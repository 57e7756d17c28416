"""The headlines of "Inside a batch"'s charts: computed from each chart's own result, they
change with the inputs, and the numbers they state are recomputed here with numpy."""

import dataclasses

import numpy as np
import pytest

from bnviz.core.batches import split
from bnviz.lessons.batch import text
from bnviz.lessons.batch.descent_figures import descent_figures
from bnviz.lessons.batch.figures import batch_panels, running_figure, spread_figure
from bnviz.lessons.batch.layer import frames
from bnviz.lessons.batch.minibatch import cost_maps, run_all
from bnviz.lessons.batch.settings import MiniSpec, SplitSpec
from bnviz.lessons.batch.statistics import running, spread
from bnviz.lessons.common.data import two_features
from bnviz.lessons.common.settings import DataSpec
from bnviz.numbers import fmt

DATA = two_features(DataSpec())


def mini_runs(**options):
    settings = dict(size=10, seed=0, last="keep", lr=0.05, steps=120, w0=np.zeros(2), tol=1e-3,
                    eps=1e-5, momentum=0.1) | options
    split = SplitSpec(**{k: settings.pop(k) for k in ("size", "seed", "last")})
    w0 = settings.pop("w0")
    spec = MiniSpec(**{k: settings.pop(k) for k in ("lr", "steps", "tol")}, w1_0=float(w0[0]),
                    w2_0=float(w0[1]))
    return run_all(DATA.X, DATA.y, split, spec, **settings)


def flat(title: dict) -> str:
    return title["text"].replace("<br>", " ")


def test_the_descent_headline_names_the_first_run_to_the_tolerance_and_its_steps():
    runs = mini_runs()
    done = {k: t.steps_to_tol for k, t in runs.runs.items() if t.status == "converged"}
    first = min(done, key=done.get)
    headline = text.descent_headline(runs)
    assert headline.startswith(f"{text.SHORT[first]} reaches the tolerance first, in "
                               f"{done[first]} steps")
    assert runs.raw.status == "diverged"  # lr 0.05 is far above raw's 2/λmax
    assert headline.endswith(f"raw descent diverges at step {runs.raw.diverged_at}")
    # it is the map's title, wrapped for a phone
    figs = descent_figures(runs, *cost_maps(runs, np.zeros(2)))
    assert flat(figs["map"]["layout"]["title"]) == headline


def test_the_descent_headline_follows_the_runs():
    slow = mini_runs(lr=1e-7, steps=30)  # nothing gets anywhere in 30 tiny steps
    assert text.descent_headline(slow) == "No run reaches the tolerance in 30 steps"
    runs = mini_runs()
    raw = dataclasses.replace(runs.raw, status="converged", steps_to_tol=2, diverged_at=None)
    first = dataclasses.replace(runs, raw=raw)
    assert text.descent_headline(first) == "Raw full-batch descent reaches the tolerance first, in 2 steps"


def test_the_cost_headline_names_the_lowest_final_cost():
    runs = mini_runs()
    alive = {k: t.final_cost for k, t in runs.runs.items() if t.status != "diverged"}
    lowest = min(alive, key=alive.get)
    assert text.cost_headline(runs) == (f"{text.SHORT[lowest]} ends lowest, at cost "
                                        f"{fmt(alive[lowest])} (least possible "
                                        f"{fmt(runs.full.f_star)})")


def test_the_running_headline_is_the_worst_relative_miss():
    for momentum in (0.1, 0.5):
        run = running(DATA.X, size=10, seed=0, last="keep", momentum=momentum, epochs=2)
        mean_off = np.max(np.abs(run.mean_[-1] / run.pop_mean - 1))
        var_off = np.max(np.abs(run.var_[-1] / run.pop_var - 1))
        headline = text.running_headline(run)
        assert headline == (f"After 2 epochs the running mean is within {fmt(100 * mean_off)}% of "
                            f"the population's, the variance within {fmt(100 * var_off)}%")
        assert flat(running_figure(run)["layout"]["title"]) == headline


def test_the_spread_headline_follows_the_chosen_size():
    sp = spread(DATA.X, seed=0, eps=1e-5)
    heads = {}
    for size in (1, 10, 50):
        i = int(np.argmin(np.abs(sp.sizes - size)))
        heads[size] = text.spread_headline(sp, size)
        assert heads[size].startswith(f"Batches of {int(sp.sizes[i])} miss the population's mean "
                                      f"by {fmt(float(sp.mean_sd[i].max()))} σ")
    assert len(set(heads.values())) == 3
    # the smallest size is compared with the largest, any other with the smallest
    assert heads[1].endswith(f"batches of {int(sp.sizes[-1])}, by "
                             f"{fmt(float(sp.mean_sd[-1].max()))} σ")
    assert heads[10].endswith(f"batches of 1, by {fmt(float(sp.mean_sd[0].max()))} σ")
    assert flat(spread_figure(sp, selected=10)["layout"]["title"]) == heads[10]


@pytest.mark.parametrize("eps, says_one", [(1e-5, True), (1e3, False)])
def test_the_panels_headline_says_what_standardizing_gave(eps, says_one):
    batches = split(len(DATA.X), 10, seed=0)
    fr = frames(DATA.X, batches, 0, gamma=np.ones(2), beta=np.zeros(2), eps=eps, undo=False)
    headline = text.panels_headline(fr.looks)
    stds = np.array([lk.x_hat.std(axis=0) for lk in fr.looks])
    if says_one:
        assert np.allclose(stds, 1, atol=5e-3)
        assert headline.startswith(f"Each of the {len(fr.looks)} batches shown lands on mean 0, "
                                   "std 1")
    else:  # a large eps shrinks the standardized spread below 1: the headline says by how much
        assert headline == (f"Standardized, the batches shown have mean 0 and std "
                            f"{fmt(float(stds.min()))} to {fmt(float(stds.max()))}; then γ and β")
    assert flat(batch_panels(fr, DATA.X[:50])["layout"]["title"]) == headline
