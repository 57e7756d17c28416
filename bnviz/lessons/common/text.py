"""How a descent run ended, in words: one phrase for titles and tables, one for sentences.

Every lesson describes its runs with these two, so "diverged at step 12" reads the same on
every page and every chart.
"""

from __future__ import annotations

from bnviz.core.descent import Trajectory


def outcome(t: Trajectory) -> str:
    """A few words for a title or a table cell: ``tolerance at step 4``, ``diverged at step
    12`` or ``not within 300 steps``."""
    if t.status == "converged":
        return f"tolerance at step {t.steps_to_tol}"
    if t.status == "diverged":
        return f"diverged at step {t.diverged_at}"
    return f"not within {t.steps} steps"


def outcome_clause(t: Trajectory) -> str:
    """A verb phrase for a sentence: ``reached the tolerance in 4 steps``, ``diverged at step
    12`` or ``had not reached the tolerance after 300 steps``."""
    if t.status == "converged":
        steps = t.steps_to_tol
        return f"reached the tolerance in {steps} step{'' if steps == 1 else 's'}"
    if t.status == "diverged":
        return f"diverged at step {t.diverged_at}"
    return f"had not reached the tolerance after {t.steps} steps"
