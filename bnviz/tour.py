"""Guided tours: saved settings across the pages, each with a sentence or two.

A tour is a TOML file in ``bnviz/tours/`` (data, not code: a teacher writes another by
copying ``article.toml``): a title and steps, each naming a page, the query string the page
opens with (the settings, as in its URL; keys left out take their defaults) and a title and
text. :func:`problems` checks a tour against the pages' settings, so a typo in a key or a
value out of range is found by the tests, not by a class.

Where a visitor is in a tour travels in the URL like every setting (``tour=article&step=2``),
so a link opens the same step.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs

from bnviz.lessons.batch.settings import LookSpec, MiniSpec, RunningSpec, SplitSpec
from bnviz.lessons.common.settings import DataSpec, DescentSpec
from bnviz.lessons.deep.settings import DeepSweepSpec, DeepTrainSpec, DeepViewSpec
from bnviz.lessons.race.settings import RaceSpec
from bnviz.lessons.where.settings import LadderSpec, MapSpec
from bnviz.settings import params_of, parse_query

TOURS_DIR = Path(__file__).resolve().parent / "tours"
# The settings each page reads (the classes its script passes to ``ui.setup``).
PAGE_SETTINGS: dict[str, tuple[type, ...]] = {
    "valley_vs_bowl": (DataSpec, DescentSpec),
    "inside_a_batch": (DataSpec, SplitSpec, LookSpec, RunningSpec, MiniSpec),
    "optimizer_race": (DataSpec, DescentSpec, RaceSpec),
    "where_it_matters": (DataSpec, MapSpec, LadderSpec),
    "deep_networks": (DeepTrainSpec, DeepViewSpec, DeepSweepSpec),
}


@dataclass(frozen=True)
class TourStep:
    """One stop: ``page`` (its URL path), ``query`` (``{key: value}`` as in the URL)."""

    page: str
    query: dict[str, str]
    title: str
    text: str


@dataclass(frozen=True)
class Tour:
    """A tour's ``name`` (its file's stem), ``title`` and ``steps``."""

    name: str
    title: str
    steps: tuple[TourStep, ...]


def load(path: Path) -> Tour:
    """Read a tour file. Raises ``ValueError`` when its shape is wrong (see :func:`problems`
    for what it says)."""
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    try:
        steps = tuple(
            TourStep(page=str(s["page"]),
                     query={k: v[-1] for k, v in parse_qs(str(s.get("query", ""))).items()},
                     title=str(s["title"]), text=str(s["text"]))
            for s in doc["step"])
        return Tour(name=path.stem, title=str(doc["title"]), steps=steps)
    except (KeyError, TypeError) as err:
        raise ValueError(f"{path.name}: every step needs page, title and text ({err})") from err


def tours() -> dict[str, Tour]:
    """Every tour in :data:`TOURS_DIR`, by name."""
    return {p.stem: load(p) for p in sorted(TOURS_DIR.glob("*.toml"))}


def problems(tour: Tour) -> list[str]:
    """What is wrong with ``tour`` (empty when nothing): unknown pages, keys that are not a
    setting of their page, values the page would refuse."""
    out = []
    if not tour.steps:
        out.append(f"{tour.name}: no steps")
    for number, step in enumerate(tour.steps, start=1):
        where = f"{tour.name}, step {number}"
        classes = PAGE_SETTINGS.get(step.page)
        if classes is None:
            out.append(f"{where}: no page {step.page!r}")
            continue
        known = {p.key for cls in classes for _, p in params_of(cls)}
        out += [f"{where}: {key!r} is not a setting of {step.page}"
                for key in step.query if key not in known]
        for cls in classes:
            out += [f"{where}: {notice}" for notice in parse_query(cls, step.query)[1]]
    return out
