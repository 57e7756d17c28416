"""Words every lesson shares: how a descent run ended, counted steps, lists, table rows, the data.

Every lesson describes its runs with :func:`outcome` and :func:`outcome_clause`, so
"diverged at step 12" reads the same on every page and every chart.
"""

from __future__ import annotations

from bnviz.core.descent import Trajectory
from bnviz.i18n import _, ngettext
from bnviz.lessons.common.settings import DataSpec
from bnviz.numbers import fmt, joined, marks, pair, whole

# One row of a page's table: column name -> the cell's text. Every lesson's table is a tuple
# of these, so a page lays any of them out the same way.
TableRow = dict[str, str]


def steps_phrase(n: int) -> str:
    """``1 step``, ``300 steps``, ``1,000 steps`` (``1 passo``, ``1.000 passi``): every lesson
    counts steps with these words."""
    return ngettext("{n} step", "{n} steps", n).format(n=whole(n))


def listed(words: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``; the items that may carry numbers are set apart by
    :func:`bnviz.numbers.separator` (``a; b e c`` in Italian); nothing for no words."""
    if len(words) <= 1:
        return "".join(words)
    return _("{first} and {last}").format(first=joined(words[:-1]), last=words[-1])


def _diverged(trajectory: Trajectory) -> str:
    """A divergence reads the same in every phrase."""
    return _("diverged at step {step}").format(step=trajectory.diverged_at)


def _not_within(steps: int) -> str:
    """The template of :func:`outcome` for a run that stalled after ``steps`` steps (the
    browser's live view gets its singular and plural: :func:`outcome_words`)."""
    return ngettext("not within {steps} step", "not within {steps} steps", steps)


def outcome(trajectory: Trajectory) -> str:
    """A few words for a title or a table cell: ``tolerance at step 4``, ``diverged at step
    12`` or ``not within 300 steps``."""
    if trajectory.status == "diverged":
        return _diverged(trajectory)
    if trajectory.status == "converged":
        return _("tolerance at step {step}").format(step=trajectory.steps_to_tol or 0)
    return _not_within(trajectory.steps).format(steps=whole(trajectory.steps))


def outcome_words() -> dict[str, object]:
    """The templates of :func:`outcome` in this run's language, for the browser (which
    writes the same words while a control is dragged): ``diverged`` and ``converged`` (with
    ``{step}``), ``stalled`` (the singular and plural forms, with ``{steps}``) and ``marks``
    (:func:`bnviz.numbers.marks`)."""
    return {"diverged": _("diverged at step {step}"), "converged": _("tolerance at step {step}"),
            "stalled": [_not_within(1), _not_within(2)], "marks": marks()}


def outcome_clause(trajectory: Trajectory) -> str:
    """A verb phrase for a sentence: ``reached the tolerance in 4 steps``, ``diverged at step
    12`` or ``had not reached the tolerance after 300 steps``."""
    if trajectory.status == "diverged":
        return _diverged(trajectory)
    if trajectory.status == "converged":
        reached = trajectory.steps_to_tol or 0
        return ngettext("reached the tolerance in {steps} step",
                        "reached the tolerance in {steps} steps", reached).format(steps=whole(reached))
    n = trajectory.steps
    return ngettext("had not reached the tolerance after {steps} step",
                    "had not reached the tolerance after {steps} steps", n).format(steps=whole(n))


def data_phrase(spec: DataSpec) -> str:
    """The data ``spec`` draws, in one line: ``A ~ U(1, 10), B ~ U(1, 200), n = 100,
    y = 2A + 3B + 0.1·N(0, 1), seed 42`` for the defaults (a help text for the data controls)."""
    sign = "−" if spec.w2_true < 0 else "+"
    return _("A ~ U{a_range}, B ~ U{b_range}, n = {n}, y = {w1}A {sign} {w2}B + "
             "{noise}·N{normal}, seed {seed}").format(
        a_range=pair((1, spec.a_hi)), b_range=pair((1, spec.b_hi)), n=whole(spec.n),
        w1=fmt(spec.w1_true), sign=sign, w2=fmt(abs(spec.w2_true)), noise=fmt(spec.noise),
        normal=pair((0, 1)), seed=spec.seed)
