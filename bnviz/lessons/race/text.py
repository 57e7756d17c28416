"""The verdict of the optimizer race, its table and its units, written from the race itself."""

from __future__ import annotations

import math

from bnviz.i18n import N_, _, ngettext
from bnviz.lessons.common.text import TableRow, listed, outcome, steps_phrase
from bnviz.lessons.race.runs import Field, OptimizerRun, Race
from bnviz.numbers import fmt, joined, percent

# Hyper-parameters shown in the table: (attribute of the update rule, symbol).
_HYPER_SYMBOLS = (("beta", "β"), ("beta1", "β1"), ("beta2", "β2"), ("eps", "ε"))


def _name(run: OptimizerRun) -> str:
    """The optimizer's name in this run's language."""
    return _(run.name)


def _steps(run: OptimizerRun) -> int:
    """Steps to the tolerance of a run that reached it."""
    steps = run.trajectory.steps_to_tol
    if steps is None:
        raise ValueError(f"{run.name} did not reach the tolerance")
    return steps


def ranking(field: Field) -> list[OptimizerRun]:
    """Runs that reached the tolerance, fastest first (ties keep the display order)."""
    return sorted((run for run in field.runs if run.trajectory.status == "converged"), key=_steps)


def _names(runs: list[OptimizerRun]) -> str:
    return listed([f"{_name(run)} ({_steps(run)})" for run in runs])


def _leaders(ranked: list[OptimizerRun]) -> tuple[list[OptimizerRun], list[OptimizerRun]]:
    """The runs tied for the fewest steps, and the rest (in order)."""
    best = _steps(ranked[0])
    return ([run for run in ranked if _steps(run) == best],
            [run for run in ranked if _steps(run) != best])


# Who reached the tolerance first on each side: one winner, or a tie.
_FIRST = {"raw": N_("On raw features {name} reached the tolerance first, in {steps}"),
          "standardized": N_("On standardized features {name} reached the tolerance first, "
                             "in {steps}")}
_TIED = {"raw": N_("On raw features {names} tied for first, each reaching the tolerance in "
                   "{steps}"),
         "standardized": N_("On standardized features {names} tied for first, each reaching "
                            "the tolerance in {steps}")}


def _first(side: str, ranked: list[OptimizerRun]) -> str:
    """``On raw features Momentum reached the tolerance first, in 130 steps``, or a tie."""
    leaders, rest = _leaders(ranked)
    steps = steps_phrase(_steps(leaders[0]))
    if len(leaders) == 1:
        text = _(_FIRST[side]).format(name=_name(leaders[0]), steps=steps)
    else:
        text = _(_TIED[side]).format(names=listed([_name(run) for run in leaders]), steps=steps)
    return text + (_(", ahead of {others}").format(others=_names(rest)) if rest else "")


def _left(run: OptimizerRun) -> str:
    """The percentage of its starting excess cost a run had left at its end."""
    trajectory = run.trajectory
    left = trajectory.excess[-1] / trajectory.excess[0] if trajectory.excess[0] > 0 else 0.0
    return percent(float(left), None)


def _plain_failed(plain: OptimizerRun) -> str:
    """A sentence on what plain descent did instead of reaching the tolerance."""
    trajectory = plain.trajectory
    if trajectory.status == "diverged":
        return _("Plain descent diverged at step {step}.").format(step=trajectory.diverged_at)
    return _("Plain descent still had {percent} of its starting excess cost left after "
             "{steps}.").format(percent=_left(plain), steps=steps_phrase(trajectory.steps))


def _while_plain_failed(plain: OptimizerRun) -> str:
    """The same, as a clause after a winner: ``, while plain descent diverged at step 12``."""
    trajectory = plain.trajectory
    if trajectory.status == "diverged":
        return _(", while plain descent diverged at step {step}").format(
            step=trajectory.diverged_at)
    return _(", while plain descent still had {percent} of its starting excess cost left "
             "after {steps}").format(percent=_left(plain), steps=steps_phrase(trajectory.steps))


def _raw_sentence(field: Field, budget: int) -> str:
    ranked = ranking(field)
    plain = field.run_of("gd")
    if ranked:
        text = _first("raw", ranked) + "."
    else:
        text = _("On raw features no optimizer reached the tolerance within {steps}.").format(
            steps=steps_phrase(budget))
        alive = [run for run in field.runs if run.trajectory.status != "diverged"]
        closest = min(alive, key=lambda run: float(run.trajectory.excess[-1]), default=None)
        if closest is None:
            text += " " + _("Every one of them diverged.")
        elif closest is not plain:
            text += " " + _("{name} ended lowest, at a cost of {cost} (minimum {minimum}).").format(
                name=_name(closest), cost=fmt(closest.trajectory.final_cost),
                minimum=fmt(field.quadratic.f_star))
    if plain is not None and plain.trajectory.status != "converged":
        text += " " + _plain_failed(plain)
    return text


def _std_sentence(field: Field) -> str:
    ranked = ranking(field)
    plain = field.run_of("gd")
    if plain is not None and plain.trajectory.status == "converged":
        plain_steps = _steps(plain)
        steps = steps_phrase(plain_steps)
        faster = [run for run in ranked if run.key != "gd" and _steps(run) < plain_steps]
        if not any(run.key != "gd" for run in field.runs):
            return _("On standardized features plain descent needed {steps}.").format(steps=steps)
        if not faster:
            return _("On standardized features plain descent needed {steps}, and none of the "
                     "other optimizers beat it.").format(steps=steps)
        return ngettext("On standardized features plain descent needed {steps}; {names} beat it.",
                        "On standardized features plain descent needed {steps}; {names} beat it.",
                        len(faster)).format(steps=steps, names=_names(faster))
    if not ranked:
        return _("On standardized features no optimizer reached the tolerance.")
    text = _first("standardized", ranked)
    if plain is not None:
        text += _while_plain_failed(plain)
    return text + "."


def verdict(race: Race) -> str:
    """One or two sentences: who won on raw features, and whether anything beat plain
    descent on standardized ones."""
    if not race.raw.runs:
        return _("Switch on at least one optimizer to start the race.")
    return f"{_raw_sentence(race.raw, race.budget)} {_std_sentence(race.std)}"


def hyper_phrase(run: OptimizerRun) -> str:
    """The run's hyper-parameters other than its rate: ``β = 0.9``, or a dash."""
    rule = run.optimizer
    parts = [f"{symbol} = {fmt(getattr(rule, name))}" for name, symbol in _HYPER_SYMBOLS
             if hasattr(rule, name)]
    return joined(parts) or "—"


# The table's column names: (lr, result, final cost) on each side.
_COLUMNS = {"raw": (N_("raw: lr"), N_("raw: result"), N_("raw: final cost")),
            "standardized": (N_("standardized: lr"), N_("standardized: result"),
                             N_("standardized: final cost"))}


def results_table(race: Race) -> tuple[TableRow, ...]:
    """One row per optimizer: its hyper-parameters and, per side, rate, result, final cost."""
    rows = []
    for raw, std in zip(race.raw.runs, race.std.runs, strict=True):
        row = {_("optimizer"): _name(raw), _("hyper-parameters"): hyper_phrase(raw)}
        for side, run in (("raw", raw), ("standardized", std)):
            lr, result, final = (_(column) for column in _COLUMNS[side])
            row[lr] = fmt(run.lr)
            row[result] = outcome(run.trajectory)
            row[final] = fmt(run.trajectory.final_cost)
        rows.append(row)
    return tuple(rows)


_RATE_UNIT = {"raw": N_("{rate} on raw features"),
              "standardized": N_("{rate} on standardized features")}
_RATE_UNDEFINED = {
    "raw": N_("undefined on raw features (the cost is flat there), so their sliders count in "
              "units of {unit}"),
    "standardized": N_("undefined on standardized features (the cost is flat there), so their "
                       "sliders count in units of {unit}")}
_STEP_UNIT = {"raw": N_("{distance} from the minimum on raw features"),
              "standardized": N_("{distance} from the minimum on standardized features")}
_AT_MINIMUM = {
    "raw": N_("at the minimum on raw features, so their sliders count in units of {unit}"),
    "standardized": N_("at the minimum on standardized features, so their sliders count in "
                       "units of {unit}")}
_STEEPER = {"raw": N_(" (the raw surface's steepest curvature λmax is {ratio} times the other's)"),
            "standardized": N_(" (the standardized surface's steepest curvature λmax is {ratio} "
                               "times the other's)")}


def _rate_unit_phrase(field: Field) -> str:
    optimal = field.conditioning.lr_optimal
    if math.isfinite(optimal) and optimal > 0:
        return _(_RATE_UNIT[field.label]).format(rate=fmt(optimal))
    return _(_RATE_UNDEFINED[field.label]).format(unit=fmt(field.rate_unit))


def _step_unit_phrase(field: Field) -> str:
    if field.distance > 0:
        return _(_STEP_UNIT[field.label]).format(distance=fmt(field.distance))
    return _(_AT_MINIMUM[field.label]).format(unit=fmt(field.step_unit))


def units_sentence(race: Race) -> str:
    """How the rate sliders translate into absolute rates on each side, and how far apart
    the two sides' curvatures are."""
    raw, std = race.raw, race.std
    curvature = ""
    top_raw, top_std = raw.conditioning.lam_max, std.conditioning.lam_max
    if top_raw > 0 and top_std > 0:
        ratio = max(top_raw, top_std) / min(top_raw, top_std)
        steeper = raw.label if top_raw >= top_std else std.label
        curvature = _(_STEEPER[steeper]).format(ratio=fmt(ratio))
    return _("Here plain descent's optimal rate 2/(λmin+λmax) is {rate_raw} and {rate_std}"
             "{curvature}; the start is {start_raw} and {start_std} (standardized weights are "
             "the raw ones times each feature's spread).").format(
        rate_raw=_rate_unit_phrase(raw), rate_std=_rate_unit_phrase(std), curvature=curvature,
        start_raw=_step_unit_phrase(raw), start_std=_step_unit_phrase(std))


# ------------------------------------------------------------------ the charts' headlines

def side_word(field: Field) -> str:
    """``Raw`` or ``Standardized``: the side a chart's headline speaks of."""
    return _("Raw") if field.label == "raw" else _("Standardized")


def _plain_clause(plain: OptimizerRun | None, leaders: list[OptimizerRun]) -> str:
    """``; plain descent needs 4`` (or how it failed), unless plain descent leads."""
    if plain is None or plain in leaders:
        return ""
    t = plain.trajectory
    if t.status == "converged":
        return _("; plain descent needs {steps}").format(steps=steps_phrase(_steps(plain)))
    if t.status == "diverged":
        return _("; plain descent diverges at step {step}").format(step=t.diverged_at)
    return _("; plain descent does not")


def map_headline(field: Field, budget: int) -> str:
    """The top view's headline: who reaches the tolerance first on this side, in how many
    steps, and how plain descent does (``Raw: Adam reaches the tolerance first, in 87
    steps; plain descent does not``)."""
    side = side_word(field)
    if not field.runs:
        return _("{side}: no optimizer switched on").format(side=side)
    ranked = ranking(field)
    if not ranked:
        return _("{side}: no optimizer reaches the tolerance in {steps}").format(
            side=side, steps=steps_phrase(budget))
    leaders, _rest = _leaders(ranked)
    steps = steps_phrase(_steps(leaders[0]))
    plain = _plain_clause(field.run_of("gd"), leaders)
    if len(leaders) == 1:
        return _("{side}: {name} reaches the tolerance first, in {steps}{plain}").format(
            side=side, name=_name(leaders[0]), steps=steps, plain=plain)
    return _("{side}: {names} tie for first, in {steps}{plain}").format(
        side=side, names=listed([_name(run) for run in leaders]), steps=steps, plain=plain)


def surface_headline(field: Field) -> str:
    """The 3D surface's headline: how much steeper the valley is across than along (its
    condition number), or that it is a round bowl."""
    kappa = field.conditioning.condition_number
    side = side_word(field)
    if not math.isfinite(kappa):
        return _("{side}: a trough, flat along one direction").format(side=side)
    if kappa < 1.5:
        return _("{side}: a round bowl, curved alike in every direction (κ = {kappa})").format(
            side=side, kappa=fmt(kappa))
    return _("{side}: a valley {kappa} times as curved across as along").format(
        side=side, kappa=fmt(kappa))


def cost_headline(field: Field, budget: int) -> str:
    """The cost chart's headline: how many of the runs reach the tolerance within the budget,
    and how many diverge."""
    n = len(field.runs)
    reached = sum(run.trajectory.status == "converged" for run in field.runs)
    diverged = sum(run.trajectory.status == "diverged" for run in field.runs)
    text = ngettext("{side}: {reached} of {n} reach the tolerance within {steps}",
                    "{side}: {reached} of {n} reach the tolerance within {steps}", reached).format(
        side=side_word(field), reached=reached, n=n, steps=steps_phrase(budget))
    if diverged:
        text += ngettext(", {n} diverges", ", {n} diverge", diverged).format(n=diverged)
    return text
