"""Tours are data: every tour file is checked against the pages' settings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bnviz import tour
from bnviz.settings import params_of

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", sorted(tour.tours()))
def test_every_tour_names_real_pages_and_valid_settings(name):
    assert tour.problems(tour.tours()[name]) == []


def test_the_article_tour_walks_the_argument_in_five_to_eight_steps():
    article = tour.tours()["article"]
    assert 5 <= len(article.steps) <= 8
    pages = [s.page for s in article.steps]
    assert pages[0] == "valley_vs_bowl" and pages[-1] == "deep_networks"
    assert {"inside_a_batch", "optimizer_race"} <= set(pages)
    for step in article.steps:
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", step.text.strip()) if s]
        assert 1 <= len(sentences) <= 3, step.title


def test_a_typo_or_a_bad_value_is_found(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('title = "t"\n'
                   '[[step]]\npage = "valley_vs_bowl"\nquery = "b_hi=oops&bhi=3"\n'
                   'title = "a"\ntext = "b."\n'
                   '[[step]]\npage = "nowhere"\ntitle = "c"\ntext = "d."\n')
    found = tour.problems(tour.load(bad))
    assert any("'bhi' is not a setting of valley_vs_bowl" in p for p in found)
    assert any("b_hi='oops'" in p for p in found)
    assert any("no page 'nowhere'" in p for p in found)


def test_a_step_without_its_italian_is_found_and_shows_english(tmp_path):
    from bnviz.i18n import use

    half = tmp_path / "half.toml"
    half.write_text('title = "t"\ntitle_it = "t it"\n[[step]]\npage = "valley_vs_bowl"\n'
                    'title = "a"\ntext = "b."\ntitle_it = "a it"\n')
    found = tour.load(half)
    assert tour.problems(found) == ["half, step 1: no text in Italiano"]
    with use("it"):
        assert (found.title, found.steps[0].title, found.steps[0].text) == ("t it", "a it", "b.")


def test_a_step_without_text_cannot_load(tmp_path):
    bad = tmp_path / "short.toml"
    bad.write_text('title = "t"\n[[step]]\npage = "valley_vs_bowl"\ntitle = "a"\n')
    with pytest.raises(ValueError, match="page, title and text"):
        tour.load(bad)


@pytest.mark.parametrize("page", sorted(tour.PAGE_SETTINGS))
def test_the_map_of_settings_is_what_each_page_sets_up(page):
    source = (ROOT / "app_pages" / f"{page}.py").read_text()
    called = re.search(r"page\.setup\(([^)]*)\)", source)
    assert called is not None
    names = [n.strip() for n in called.group(1).split(",") if n.strip()]
    assert names == [cls.__name__ for cls in tour.PAGE_SETTINGS[page]]
    assert all(params_of(cls) for cls in tour.PAGE_SETTINGS[page])
