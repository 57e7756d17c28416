"""Cost per step, and the marks where runs ended."""

import numpy as np

from bnviz.core import descent
from bnviz.core.quadratic import Quadratic
from bnviz.plotting.lines import Run, cost_curves, outcome_marks
from bnviz.plotting.paths import PathArt


def test_cost_curves_log_axis_and_no_nonpositive_values():
    art = PathArt("a", np.zeros((3, 2)), np.array([1.0, 0.0, np.inf]), "red")
    fig = cost_curves([art], marks=[("a done", 2, "red")])
    assert fig["layout"]["yaxis"]["type"] == "log"
    y = fig["data"][0]["y"]
    assert y[0] == 1.0 and np.isnan(y[1]) and np.isnan(y[2])
    assert fig["layout"]["shapes"][0]["x0"] == 2 and fig["layout"]["annotations"][0]["text"] == "a done"


def test_outcome_marks_say_where_each_run_ended():
    bowl = Quadratic(G=np.eye(2), b=np.zeros(2), w_star=np.zeros(2), f_star=0.0, n=1)
    rates = {"fast": 0.4, "wild": 1.5, "slow": 1e-6}  # the Hessian is 2I: stable below 1
    ts = {k: descent.run(bowl, descent.GradientDescent(lr), w0=np.ones(2), steps=200)
          for k, lr in rates.items()}
    assert [t.status for t in ts.values()] == ["converged", "diverged", "stalled"]
    marks = outcome_marks([Run(k, t, k + "-colour") for k, t in ts.items()], diverged="✗",
                          reached="✓")
    assert marks == [("fast ✓", ts["fast"].steps_to_tol, "fast-colour"),
                     ("wild ✗", ts["wild"].diverged_at, "wild-colour")]


def test_marks_that_would_collide_take_rows_of_their_own():
    from bnviz.plotting.lines import mark_rows

    # two names a step apart on a 300-step axis collide; one 200 steps on is clear of both
    assert mark_rows([("Momentum ✓", 130), ("Adam ✓", 131), ("GD ✓", 300)], span=300) == [0, 1, 0]
    # order of the marks does not matter: rows follow the steps
    assert mark_rows([("Adam ✓", 131), ("Momentum ✓", 130)], span=300) == [1, 0]
    assert mark_rows([], span=10) == []
