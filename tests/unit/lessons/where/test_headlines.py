"""The headlines of "Where normalization matters": the map's shares of cells, the ladder's
condition numbers and errors, recomputed here from the results."""

import numpy as np
import pytest

from bnviz.core.gridrun import CONVERGED
from bnviz.lessons.common.settings import DataSpec
from bnviz.lessons.where.convergence import convergence_map
from bnviz.lessons.where.ladder import build_ladder
from bnviz.lessons.where.ladder_figures import eigen_errors, eigenvalue_ladder, rung_contour
from bnviz.lessons.where.map_figures import convergence_heatmaps
from bnviz.lessons.where.settings import LadderSpec, MapSpec
from bnviz.lessons.where.text import eigenvalue_headline, errors_headline, map_headline
from bnviz.numbers import fmt

SMALL = MapSpec(cells=8, steps=60)


def flat(fig) -> str:
    return fig["layout"]["title"]["text"].replace("<br>", " ")


@pytest.mark.parametrize("b_hi", [20.0, 200.0])
def test_the_map_headline_counts_the_cells_that_reached_the_tolerance(b_hi):
    cmap = convergence_map(DataSpec(b_hi=b_hi), SMALL)
    raw = 100 * np.count_nonzero(cmap.raw.grid.status == CONVERGED) / cmap.raw.grid.status.size
    std = 100 * np.count_nonzero(cmap.std.grid.status == CONVERGED) / cmap.std.grid.status.size
    headline = map_headline(cmap)
    assert headline == (f"Standardized features reach the tolerance in {fmt(std)}% of the "
                        f"cells, raw ones in {fmt(raw)}%")
    assert flat(convergence_heatmaps(cmap, metric="steps", pick=(0, 0))) == headline


def test_the_map_headline_changes_with_the_step_budget():
    few = convergence_map(DataSpec(), MapSpec(cells=8, steps=5))
    many = convergence_map(DataSpec(), MapSpec(cells=8, steps=500))
    assert map_headline(few) != map_headline(many)


@pytest.mark.parametrize("corr", [0.0, 0.9])
def test_the_ladder_headlines_are_its_condition_numbers_and_errors(corr):
    ladder = build_ladder(DataSpec(), LadderSpec(corr=corr))
    by = {r.label: r for r in ladder.rungs}
    kappa = {k: float(np.max(r.conditioning.eigenvalues) / np.min(r.conditioning.eigenvalues))
             for k, r in by.items()}
    assert eigenvalue_headline(ladder) == (
        f"Condition number κ: raw {fmt(kappa['raw'])}, standardized "
        f"{fmt(kappa['standardized'])}, whitened {fmt(kappa['whitened'])}")
    assert flat(eigenvalue_ladder(ladder)) == eigenvalue_headline(ladder)
    left = {k: 100 * r.errors[-1, 0] / r.errors[0, 0] for k, r in by.items()}
    steps = len(by["raw"].errors) - 1
    assert errors_headline(ladder) == (
        f"After {steps} steps the slow direction keeps {fmt(left['raw'])}% of its error raw, "
        f"{fmt(left['standardized'])}% standardized")
    assert flat(eigen_errors(ladder)) == errors_headline(ladder)
    rung = by["standardized"]
    assert flat(rung_contour(rung)).startswith(f"standardized: κ = {fmt(kappa['standardized'])}")


def test_correlation_changes_the_standardized_condition_number_in_the_headline():
    heads = {c: eigenvalue_headline(build_ladder(DataSpec(), LadderSpec(corr=c))) for c in (0.0, 0.9)}
    assert heads[0.0] != heads[0.9]
