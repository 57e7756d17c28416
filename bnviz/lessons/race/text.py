"""The verdict of the optimizer race and its table, written from the computed numbers."""

from __future__ import annotations

from bnviz.lessons.common.text import outcome
from bnviz.lessons.race.runs import Field, OptimizerRun, Race
from bnviz.numbers import fmt


def ranking(field: Field) -> list[OptimizerRun]:
    """Runs that reached the tolerance, fastest first (ties keep the display order)."""
    done = [r for r in field.runs if r.trajectory.status == "converged"]
    return sorted(done, key=lambda r: r.trajectory.steps_to_tol)


def _names(runs: list[OptimizerRun]) -> str:
    words = [f"{r.name} ({r.trajectory.steps_to_tol})" for r in runs]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _raw_sentence(field: Field, budget: int) -> str:
    ranked = ranking(field)
    gd = field.run_of("gd")
    if not ranked:
        s = f"On raw features no optimizer reached the tolerance within {budget} steps."
        closest = min(field.runs, key=lambda r: (r.trajectory.status == "diverged",
                                                  r.trajectory.excess[-1]))
        if closest is not gd:
            s += (f" {closest.name} ended lowest, at a cost of "
                  f"{fmt(closest.trajectory.final_cost)} (minimum {fmt(field.quadratic.f_star)}).")
    else:
        first = ranked[0]
        s = (f"On raw features {first.name} reached the tolerance first, in "
             f"{first.trajectory.steps_to_tol} steps")
        if len(ranked) > 1:
            s += f", ahead of {_names(ranked[1:])}"
        s += "."
    if gd is not None and gd.trajectory.status != "converged":
        s += f" Plain descent {_verb(gd)}."
    return s


def _verb(run: OptimizerRun) -> str:
    t = run.trajectory
    if t.status == "diverged":
        return f"diverged at step {t.diverged_at}"
    left = t.excess[-1] / t.excess[0] if t.excess[0] > 0 else 0.0
    return f"still had {fmt(100 * left)} % of its starting excess cost left after {t.steps} steps"


def _std_sentence(field: Field) -> str:
    ranked = ranking(field)
    gd = field.run_of("gd")
    if gd is not None and gd.trajectory.status == "converged":
        k = gd.trajectory.steps_to_tol
        faster = [r for r in ranked if r.key != "gd" and r.trajectory.steps_to_tol < k]
        others = [r for r in field.runs if r.key != "gd"]
        s = f"On standardized features plain descent needed {k} steps"
        if not others:
            return s + "."
        if not faster:
            return s + ", and none of the other optimizers beat it."
        return s + f"; {_names(faster)} beat it."
    if not ranked:
        return "On standardized features no optimizer reached the tolerance."
    s = (f"On standardized features {ranked[0].name} was first, in "
         f"{ranked[0].trajectory.steps_to_tol} steps")
    if gd is not None:
        s += f", while plain descent {_verb(gd)}"
    return s + "."


def verdict(race: Race, *, budget: int) -> str:
    """One or two sentences: who won on raw features, and whether anything beat plain
    descent on standardized ones."""
    if not race.raw.runs:
        return "Switch on at least one optimizer to start the race."
    return f"{_raw_sentence(race.raw, budget)} {_std_sentence(race.std)}"


def hyper_phrase(run: OptimizerRun) -> str:
    o = run.optimizer
    parts = []
    for name, label in (("beta", "β"), ("beta1", "β1"), ("beta2", "β2"), ("eps", "ε")):
        if hasattr(o, name):
            parts.append(f"{label} = {fmt(getattr(o, name))}")
    return ", ".join(parts) or "—"


def results_table(race: Race) -> list[dict[str, str]]:
    """One row per optimizer: its hyper-parameters and, per side, rate, result, final cost."""
    rows = []
    for raw, std in zip(race.raw.runs, race.std.runs, strict=True):
        row = {"optimizer": raw.name, "hyper-parameters": hyper_phrase(raw)}
        for side, run in (("raw", raw), ("standardized", std)):
            row[f"{side}: lr"] = fmt(run.lr)
            row[f"{side}: result"] = outcome(run.trajectory)
            row[f"{side}: final cost"] = fmt(run.trajectory.final_cost)
        rows.append(row)
    return rows


def units_sentence(race: Race) -> str:
    """How the rate sliders translate into absolute rates on each side."""
    raw, std = race.raw, race.std
    return (f"Plain descent's optimal rate 2/(λmin+λmax) is {fmt(raw.rate_unit)} on raw features "
            f"and {fmt(std.rate_unit)} on standardized ones, and the start is "
            f"{fmt(raw.step_unit)} from the minimum on raw features and {fmt(std.step_unit)} "
            f"on standardized ones (standardized weights are the raw ones times each "
            f"feature's spread).")
