"""Words every lesson shares: how a descent run ended, counted nouns, table rows, the data.

Every lesson describes its runs with :func:`outcome` and :func:`outcome_clause`, so
"diverged at step 12" reads the same on every page and every chart.
"""

from __future__ import annotations

from bnviz.core.descent import Trajectory
from bnviz.lessons.common.settings import DataSpec
from bnviz.numbers import fmt

# One row of a page's table: column name -> the cell's text. Every lesson's table is a tuple
# of these, so a page lays any of them out the same way.
TableRow = dict[str, str]


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """``1 step``, ``2 steps``, ``1,000 batches``: a whole number and its noun, agreeing."""
    word = noun if number == 1 else (plural or noun + "s")
    return f"{number:,} {word}"


def _ending(trajectory: Trajectory, *, converged: str, stalled: str) -> str:
    """How ``trajectory`` ended, in the words of ``converged`` (with ``{step}``, the step that
    reached the tolerance, or ``{steps}``, the same counted) or ``stalled`` (with ``{budget}``,
    the steps run, counted); a divergence reads the same in every phrase."""
    if trajectory.status == "diverged":
        return f"diverged at step {trajectory.diverged_at}"
    if trajectory.status == "converged":
        reached = trajectory.steps_to_tol or 0
        return converged.format(step=reached, steps=counted(reached, "step"))
    return stalled.format(budget=counted(trajectory.steps, "step"))


def outcome(trajectory: Trajectory) -> str:
    """A few words for a title or a table cell: ``tolerance at step 4``, ``diverged at step
    12`` or ``not within 300 steps``."""
    return _ending(trajectory, converged="tolerance at step {step}", stalled="not within {budget}")


def outcome_clause(trajectory: Trajectory) -> str:
    """A verb phrase for a sentence: ``reached the tolerance in 4 steps``, ``diverged at step
    12`` or ``had not reached the tolerance after 300 steps``."""
    return _ending(trajectory, converged="reached the tolerance in {steps}",
                   stalled="had not reached the tolerance after {budget}")


def data_phrase(spec: DataSpec) -> str:
    """The data ``spec`` draws, in one line: ``A ~ U(1, 10), B ~ U(1, 200), n = 100,
    y = 2A + 3B + 0.1·N(0, 1), seed 42`` for the defaults (a help text for the data controls)."""
    sign = "−" if spec.w2_true < 0 else "+"
    return (f"A ~ U(1, {fmt(spec.a_hi)}), B ~ U(1, {fmt(spec.b_hi)}), n = {spec.n:,}, "
            f"y = {fmt(spec.w1_true)}A {sign} {fmt(abs(spec.w2_true))}B + "
            f"{fmt(spec.noise)}·N(0, 1), seed {spec.seed}")
