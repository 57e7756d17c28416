"""The load benchmark's protocol client against the running app (benchmarks/load/client.py).

One simulated visitor on two pages: every run ends with ``script_finished`` and no error; a
moved slider comes back in the query string the server writes (the server took the value);
moving it back brings cached elements as ``ref_hash`` references, which the client resolves;
and the widgets it parsed are those a real Chromium shows.
"""

from __future__ import annotations

import asyncio
import random
from urllib.parse import parse_qs

import pytest

from benchmarks.load.browser_check import browser_view, client_view, differences
from benchmarks.load.client import Session, neighbour
from tests.browser.conftest import chromium, running_app

PAGES = {"valley_vs_bowl": "Upper bound of feature B", "inside_a_batch": "Samples"}


@pytest.fixture(scope="module")
def app_url():
    with running_app() as url:
        yield url


def url_key(widget) -> str:
    """The widget's key, which is its setting's URL key (``$$ID-<hash>-<key>``)."""
    return widget.id.rsplit("-", 1)[1]


async def visit(url: str, page: str, label: str) -> dict:
    rng = random.Random(0)
    async with Session(url) as s:
        opened = await s.open(page)
        widget = s.widget(label)
        before, start = s.query_string, widget.value
        moved = await s.set_value(widget, neighbour(widget, rng))
        after = s.widget(label)
        back = await s.set_value(after, start)
        others = []
        for _ in range(2):  # a couple of moves of other controls, as a visitor makes
            w = rng.choice(s.movable())
            others.append(await s.set_value(w, neighbour(w, rng)))
        return {"opened": opened, "before": before, "moved": moved, "key": url_key(widget),
                "new": after.value, "back": back, "others": others, "closed": s.closed_reason}


@pytest.mark.parametrize("page", PAGES)
def test_one_visitor(app_url, page):
    r = asyncio.run(visit(app_url, page, PAGES[page]))
    runs = [r["opened"], r["moved"], r["back"], *r["others"]]
    assert [x.status for x in runs] == ["ok"] * len(runs)  # script_finished every time
    assert all(not x.exceptions for x in runs), [x.exceptions for x in runs]
    assert r["closed"] is None
    # The server took the new value: the page wrote it to the URL.
    query = parse_qs(r["moved"].query_string)
    assert r["moved"].query_string != r["before"]
    assert r["key"] in query
    assert float(query[r["key"]][0]) == float(r["new"][0])
    # Back to the start: the same query string, and the large elements drawn before came
    # as references to the client's cache.
    assert r["back"].query_string == r["before"]
    assert r["back"].refs > 0


@pytest.mark.browser
def test_client_sees_what_chromium_shows(app_url):
    # The client first: Playwright's sync API keeps an event loop running in this thread.
    views = {page: asyncio.run(client_view(app_url, page)) for page in PAGES}
    with chromium() as browser:
        for page, mine in views.items():
            theirs = browser_view(browser, app_url, page, expect=mine)
            assert len(mine.widgets) > 5
            assert differences(mine, theirs) == [], page
