"""The verdict of the optimizer race, its table and its units, written from the race itself."""

from __future__ import annotations

import math

from bnviz.lessons.common.text import TableRow, counted, outcome
from bnviz.lessons.race.runs import Field, OptimizerRun, Race
from bnviz.numbers import fmt

# Hyper-parameters shown in the table: (attribute of the update rule, symbol).
_HYPER_SYMBOLS = (("beta", "β"), ("beta1", "β1"), ("beta2", "β2"), ("eps", "ε"))


def _steps(run: OptimizerRun) -> int:
    """Steps to the tolerance of a run that reached it."""
    steps = run.trajectory.steps_to_tol
    if steps is None:
        raise ValueError(f"{run.name} did not reach the tolerance")
    return steps


def ranking(field: Field) -> list[OptimizerRun]:
    """Runs that reached the tolerance, fastest first (ties keep the display order)."""
    return sorted((run for run in field.runs if run.trajectory.status == "converged"), key=_steps)


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _names(runs: list[OptimizerRun]) -> str:
    return _and([f"{run.name} ({_steps(run)})" for run in runs])


def _leaders(ranked: list[OptimizerRun]) -> tuple[list[OptimizerRun], list[OptimizerRun]]:
    """The runs tied for the fewest steps, and the rest (in order)."""
    best = _steps(ranked[0])
    return ([run for run in ranked if _steps(run) == best],
            [run for run in ranked if _steps(run) != best])


def _first(side: str, ranked: list[OptimizerRun]) -> str:
    """``On raw features Momentum reached the tolerance first, in 130 steps``, or a tie."""
    leaders, rest = _leaders(ranked)
    steps = counted(_steps(leaders[0]), "step")
    if len(leaders) == 1:
        text = f"On {side} features {leaders[0].name} reached the tolerance first, in {steps}"
    else:
        text = (f"On {side} features {_and([run.name for run in leaders])} tied for first, "
                f"each reaching the tolerance in {steps}")
    return text + (f", ahead of {_names(rest)}" if rest else "")


def _verb(run: OptimizerRun) -> str:
    """What a run that did not reach the tolerance did instead."""
    trajectory = run.trajectory
    if trajectory.status == "diverged":
        return f"diverged at step {trajectory.diverged_at}"
    left = trajectory.excess[-1] / trajectory.excess[0] if trajectory.excess[0] > 0 else 0.0
    return (f"still had {fmt(100 * float(left))} % of its starting excess cost left after "
            f"{counted(trajectory.steps, 'step')}")


def _raw_sentence(field: Field, budget: int) -> str:
    ranked = ranking(field)
    plain = field.run_of("gd")
    if ranked:
        text = _first("raw", ranked) + "."
    else:
        text = f"On raw features no optimizer reached the tolerance within {counted(budget, 'step')}."
        alive = [run for run in field.runs if run.trajectory.status != "diverged"]
        closest = min(alive, key=lambda run: float(run.trajectory.excess[-1]), default=None)
        if closest is None:
            text += " Every one of them diverged."
        elif closest is not plain:
            text += (f" {closest.name} ended lowest, at a cost of "
                     f"{fmt(closest.trajectory.final_cost)} (minimum {fmt(field.quadratic.f_star)}).")
    if plain is not None and plain.trajectory.status != "converged":
        text += f" Plain descent {_verb(plain)}."
    return text


def _std_sentence(field: Field) -> str:
    ranked = ranking(field)
    plain = field.run_of("gd")
    if plain is not None and plain.trajectory.status == "converged":
        steps = _steps(plain)
        faster = [run for run in ranked if run.key != "gd" and _steps(run) < steps]
        text = f"On standardized features plain descent needed {counted(steps, 'step')}"
        if not any(run.key != "gd" for run in field.runs):
            return text + "."
        if not faster:
            return text + ", and none of the other optimizers beat it."
        return text + f"; {_names(faster)} beat it."
    if not ranked:
        return "On standardized features no optimizer reached the tolerance."
    text = _first("standardized", ranked)
    if plain is not None:
        text += f", while plain descent {_verb(plain)}"
    return text + "."


def verdict(race: Race) -> str:
    """One or two sentences: who won on raw features, and whether anything beat plain
    descent on standardized ones."""
    if not race.raw.runs:
        return "Switch on at least one optimizer to start the race."
    return f"{_raw_sentence(race.raw, race.budget)} {_std_sentence(race.std)}"


def hyper_phrase(run: OptimizerRun) -> str:
    """The run's hyper-parameters other than its rate: ``β = 0.9``, or a dash."""
    rule = run.optimizer
    parts = [f"{symbol} = {fmt(getattr(rule, name))}" for name, symbol in _HYPER_SYMBOLS
             if hasattr(rule, name)]
    return ", ".join(parts) or "—"


def results_table(race: Race) -> tuple[TableRow, ...]:
    """One row per optimizer: its hyper-parameters and, per side, rate, result, final cost."""
    rows = []
    for raw, std in zip(race.raw.runs, race.std.runs, strict=True):
        row = {"optimizer": raw.name, "hyper-parameters": hyper_phrase(raw)}
        for side, run in (("raw", raw), ("standardized", std)):
            row[f"{side}: lr"] = fmt(run.lr)
            row[f"{side}: result"] = outcome(run.trajectory)
            row[f"{side}: final cost"] = fmt(run.trajectory.final_cost)
        rows.append(row)
    return tuple(rows)


def _rate_unit_phrase(field: Field) -> str:
    optimal = field.conditioning.lr_optimal
    if math.isfinite(optimal) and optimal > 0:
        return f"{fmt(optimal)} on {field.label} features"
    return (f"undefined on {field.label} features (the cost is flat there), so their sliders "
            f"count in units of {fmt(field.rate_unit)}")


def _step_unit_phrase(field: Field) -> str:
    if field.distance > 0:
        return f"{fmt(field.distance)} from the minimum on {field.label} features"
    return (f"at the minimum on {field.label} features, so their sliders count in units of "
            f"{fmt(field.step_unit)}")


def units_sentence(race: Race) -> str:
    """How the rate sliders translate into absolute rates on each side, and how far apart
    the two sides' curvatures are."""
    raw, std = race.raw, race.std
    text = (f"Here plain descent's optimal rate 2/(λmin+λmax) is {_rate_unit_phrase(raw)} and "
            f"{_rate_unit_phrase(std)}")
    top_raw, top_std = raw.conditioning.lam_max, std.conditioning.lam_max
    if top_raw > 0 and top_std > 0:
        ratio = max(top_raw, top_std) / min(top_raw, top_std)
        steeper = raw.label if top_raw >= top_std else std.label
        text += (f" (the {steeper} surface's steepest curvature λmax is {fmt(ratio)} times the "
                 f"other's)")
    return (text + f"; the start is {_step_unit_phrase(raw)} and {_step_unit_phrase(std)} "
            f"(standardized weights are the raw ones times each feature's spread).")


# ------------------------------------------------------------------ the charts' headlines

def _side(field: Field) -> str:
    return "Raw" if field.label == "raw" else "Standardized"


def _plain_clause(plain: OptimizerRun | None, leaders: list[OptimizerRun]) -> str:
    """``; plain descent needs 4`` (or how it failed), unless plain descent leads."""
    if plain is None or plain in leaders:
        return ""
    t = plain.trajectory
    if t.status == "converged":
        return f"; plain descent needs {_steps(plain)}"
    if t.status == "diverged":
        return f"; plain descent diverges at step {t.diverged_at}"
    return "; plain descent does not"


def map_headline(field: Field, budget: int) -> str:
    """The top view's headline: who reaches the tolerance first on this side, in how many
    steps, and how plain descent does (``Raw: Adam reaches the tolerance first, in 87
    steps; plain descent does not``)."""
    side = _side(field)
    if not field.runs:
        return f"{side}: no optimizer switched on"
    ranked = ranking(field)
    if not ranked:
        return f"{side}: no optimizer reaches the tolerance in {counted(budget, 'step')}"
    leaders, _ = _leaders(ranked)
    steps = counted(_steps(leaders[0]), "step")
    who = (f"{leaders[0].name} reaches the tolerance first" if len(leaders) == 1
           else f"{_and([run.name for run in leaders])} tie for first")
    return f"{side}: {who}, in {steps}{_plain_clause(field.run_of('gd'), leaders)}"


def surface_headline(field: Field) -> str:
    """The 3D surface's headline: how much steeper the valley is across than along (its
    condition number), or that it is a round bowl."""
    kappa = field.conditioning.condition_number
    side = _side(field)
    if not math.isfinite(kappa):
        return f"{side}: a trough, flat along one direction"
    if kappa < 1.5:
        return f"{side}: a round bowl, curved alike in every direction (κ = {fmt(kappa)})"
    return f"{side}: a valley {fmt(kappa)} times as curved across as along"


def cost_headline(field: Field, budget: int) -> str:
    """The cost chart's headline: how many of the runs reach the tolerance within the budget,
    and how many diverge."""
    n = len(field.runs)
    reached = sum(run.trajectory.status == "converged" for run in field.runs)
    diverged = sum(run.trajectory.status == "diverged" for run in field.runs)
    text = f"{_side(field)}: {reached} of {n} reach the tolerance within {counted(budget, 'step')}"
    return text + (f", {diverged} diverge{'s' if diverged == 1 else ''}" if diverged else "")
