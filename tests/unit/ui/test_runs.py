"""What a page says about a run that ended early (bnviz.ui.runs._say_ended)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from bnviz.ui import runs
from bnviz.ui.jobs import FAILED, STOPPED, Job


class Slot:
    """Records what a page's placeholder was asked to show."""

    def __init__(self):
        self.shown: list[tuple[str, str]] = []

    def info(self, text, **_):
        self.shown.append(("info", text))

    def error(self, text, **_):
        self.shown.append(("error", text))


def _said(job: Job) -> list[tuple[str, str]]:
    slot = Slot()
    runs._say_ended(slot, job, stopped=lambda latest: f"stopped at step {latest.step}")
    return slot.shown


def test_a_run_stopped_before_its_first_record_says_so():
    job = Job(job_id=1, key="k", owner="me", state=STOPPED)
    assert _said(job) == [("info", "The run was stopped before its first record.")]


def test_a_run_stopped_after_records_says_where_from_its_latest():
    job = Job(job_id=1, key="k", owner="me", state=STOPPED, latest=SimpleNamespace(step=120))
    assert _said(job) == [("info", "stopped at step 120")]


@pytest.mark.parametrize("latest", [None, SimpleNamespace(step=5)])
def test_a_failed_run_says_it_failed_whatever_it_recorded(latest):
    job = Job(job_id=1, key="k", owner="me", state=FAILED, latest=latest)
    kind, text = _said(job)[0]
    assert kind == "error" and "failed" in text
