"""Order of the whole suite: the load and multi-process tests run first.

They drive asyncio and a Playwright of their own, which cannot start while the browser tests'
session-wide Chromium (Playwright's sync API) holds an event loop in this thread; the browser
tests' fixture lives until the session ends, so those tests must come before it is created.
"""

from __future__ import annotations

from pathlib import Path

import pytest

_FIRST = ("load", "deploy")


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config,
                                  items: list[pytest.Item]) -> None:
    root = Path(__file__).resolve().parent

    def first(item: pytest.Item) -> bool:
        try:
            part = Path(item.path).resolve().relative_to(root).parts[0]
        except ValueError:
            return False
        return part in _FIRST

    items.sort(key=lambda item: not first(item))  # stable: keeps the order within each group
