"""Runs in the worker pool that a page follows live (today "Deep networks"' training and
depth sweeps; :mod:`bnviz.ui.deep` holds its pool and figures).

The runs happen in the worker pool (:mod:`bnviz.ui.jobs`), never in the threads that serve
pages: the page asks for a run, follows its progress (or its place in the queue) and draws
its latest records. Visitors asking for the same settings share one run.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Hashable
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from bnviz.i18n import _
from bnviz.ui.jobs import DONE, FAILED, QUEUED, STOPPED, BudgetExceeded, Job, JobPool

# How often a following page redraws its progress: often enough to look live, rarely enough
# that thirty visitors polling cost the web process next to nothing.
POLL_SECONDS = 0.25


def env_int(name: str) -> int | None:
    """The positive whole number in environment variable ``name``, else None."""
    value = os.environ.get(name, "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else None


def visitor() -> Hashable:
    """This visitor's session: the owner of their jobs."""
    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else "no-session"


def time_left(start: float, frac0: float, frac: float) -> str:
    """", about N s left", extrapolated from the progress since this page began following at
    ``frac0`` (a shared run may be part way already), once 5 % more is done."""
    if not (frac - frac0 >= 0.05 and frac < 1):
        return ""
    left = (time.perf_counter() - start) * (1 - frac) / (frac - frac0)
    if left < 120:
        return _(", about {seconds} s left").format(seconds=f"{left:.0f}")
    return _(", about {minutes} min left").format(minutes=f"{left / 60:.0f}")


def follow(pool: JobPool, key: Any, *, label: str, stop_label: str, stop_key: str) -> Job | None:
    """Start or join the job of ``key`` and follow it to its end: its place in the queue, then
    a progress bar and a stop button. None when the visitor's budget is spent (said on the
    page). If the script is stopped or rerun meanwhile (the visitor left, or moved a control),
    the visitor stops watching; the last watcher to leave cancels the job."""
    owner = visitor()
    try:
        job = pool.submit(key, owner=owner)
    except BudgetExceeded:
        st.warning(_("You already have a run going on this server, and each visitor runs one "
                     "at a time. Wait for it to finish, or stop it, then ask again."),
                   icon=":material/hourglass_top:")
        return None
    if job.finished:
        return job
    bar = st.progress(0.0, text=label)
    stop = st.empty()
    stop.button(stop_label, key=stop_key, on_click=pool.stop, args=(key,), icon=":material/stop:")
    start, frac0 = time.perf_counter(), None
    try:
        while not job.finished:
            if job.state == QUEUED:
                bar.progress(0.0, text=_("{label} waiting for a free worker: number {position} "
                                         "in the queue").format(label=label,
                                                                position=pool.position(job)))
            elif job.latest is not None:
                frac = float(job.latest.fraction)
                frac0 = frac if frac0 is None else frac0
                bar.progress(min(frac, 1.0),
                             text=f"{label} {frac:.0%}{time_left(start, frac0, frac)}")
            time.sleep(POLL_SECONDS)
    except BaseException:
        pool.leave(key, owner)
        raise
    bar.empty()
    stop.empty()
    return job


def live_run(pool: JobPool, key: Any, *, start: bool, label: str, stop_label: str,
             again_label: str, key_prefix: str, stopped: Callable[[Any], str]) -> Job | None:
    """The job of ``key`` on the page: followed while queued or running; started when absent
    and ``start``; a stopped or failed one says so (``stopped(latest)``) and offers to run
    again. Returns the job whose latest records the page draws, or None."""
    job = pool.get(key)
    note, again = st.empty(), st.empty()
    offered = False  # a button's key may be drawn once per script run
    if job is not None and job.state in (STOPPED, FAILED):
        _say_ended(note, job, stopped)
        offered = True
        if not again.button(again_label, icon=":material/play_arrow:", key=f"{key_prefix}_again"):
            return job
        note.empty()
        again.empty()
        job = None
    if job is None and not start:
        return None
    if job is None or not job.finished:
        job = follow(pool, key, label=label, stop_label=stop_label, stop_key=f"{key_prefix}_stop")
    if job is not None and job.state in (STOPPED, FAILED):
        # Stopped while this page followed it (its stop button): say so, and offer to run again.
        _say_ended(note, job, stopped)
        if not offered:
            again.button(again_label, icon=":material/play_arrow:", key=f"{key_prefix}_again")
    return job


def _say_ended(slot: Any, job: Job, stopped: Callable[[Any], str]) -> None:
    if job.state == FAILED:
        slot.error(_("The run failed on the server; try other settings."),
                   icon=":material/error:")
    elif job.latest is not None:
        slot.info(stopped(job.latest))
    else:
        slot.info(_("The run was stopped before its first record."))


def is_done(job: Job | None) -> bool:
    """Whether ``job`` exists and ran to its end."""
    return job is not None and job.state == DONE
