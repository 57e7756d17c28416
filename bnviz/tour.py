"""Guided tours: saved settings across the pages, each with a sentence or two.

A tour is a TOML file in ``bnviz/tours/`` (data, not code: a teacher writes another by
copying ``article.toml``): a title and steps, each naming a page, the query string the page
opens with (the settings, as in its URL; keys left out take their defaults) and a title and
text. :func:`problems` checks a tour against the pages' settings, so a typo in a key, a
value out of range or a missing translation (``title_it``, ``text_it``) is found by the
tests, not by a class.

Where a visitor is in a tour travels in the URL like every setting (``tour=article&step=2``),
so a link opens the same step.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs

from bnviz.i18n import DEFAULT, LANGUAGES, current
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
    """One stop: ``page`` (its URL path), ``query`` (``{key: value}`` as in the URL), and its
    ``titles`` and ``texts`` by language (``{"en": ..., "it": ...}``)."""

    page: str
    query: dict[str, str]
    titles: dict[str, str]
    texts: dict[str, str]

    @property
    def title(self) -> str:
        return _in_language(self.titles)

    @property
    def text(self) -> str:
        return _in_language(self.texts)


@dataclass(frozen=True)
class Tour:
    """A tour's ``name`` (its file's stem), ``titles`` by language and ``steps``."""

    name: str
    titles: dict[str, str]
    steps: tuple[TourStep, ...]

    @property
    def title(self) -> str:
        return _in_language(self.titles)


def _in_language(texts: dict[str, str]) -> str:
    """The text in the run's language, English where a tour lacks it."""
    return texts.get(current(), texts[DEFAULT])


def _languages(table: dict, field: str) -> dict[str, str]:
    """``{lang: text}`` from ``field`` (English) and ``field_<lang>`` (the others)."""
    out = {DEFAULT: str(table[field])}
    out.update({lang: str(table[f"{field}_{lang}"]) for lang in LANGUAGES
                if f"{field}_{lang}" in table})
    return out


def load(path: Path) -> Tour:
    """Read a tour file. Raises ``ValueError`` when its shape is wrong (see :func:`problems`
    for what it says)."""
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    try:
        steps = tuple(
            TourStep(page=str(s["page"]),
                     query={k: v[-1] for k, v in parse_qs(str(s.get("query", ""))).items()},
                     titles=_languages(s, "title"), texts=_languages(s, "text"))
            for s in doc["step"])
        return Tour(name=path.stem, titles=_languages(doc, "title"), steps=steps)
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
    out += [f"{tour.name}: no title in {LANGUAGES[lang]}" for lang in LANGUAGES
            if lang not in tour.titles]
    for number, step in enumerate(tour.steps, start=1):
        where = f"{tour.name}, step {number}"
        out += [f"{where}: no {field} in {LANGUAGES[lang]}" for lang in LANGUAGES
                for field, texts in (("title", step.titles), ("text", step.texts))
                if lang not in texts]
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
