"""One Streamlit session over its websocket, as the browser's frontend drives it.

The protocol, as Streamlit 1.67's server (``streamlit/web/server/starlette``) and frontend
bundle implement it:

1. ``GET /_stcore/health`` answers ``ok`` and sets the ``_streamlit_xsrf`` cookie.
2. The frontend opens ``ws://host/_stcore/stream`` with the subprotocols
   ``["streamlit", <xsrf cookie value>]`` (a third entry would resume an earlier session id).
   The server accepts the first entry as the subprotocol; the second is only checked, against
   the cookie and only when an ``Origin`` header is sent, to read a login cookie: a session
   opens without it. We send the cookie, the ``Origin`` and the token like a browser.
3. The client sends a ``BackMsg`` whose ``rerun_script`` is a ``ClientState``: the query
   string, the widget states, and on the first run the page *name* (the URL path, e.g.
   ``valley_vs_bowl``) with an empty script hash; later runs send the page's script hash that
   ``new_session`` announced and an empty name.
4. Every run answers with ``new_session`` (again on each rerun), ``navigation`` (the pages and
   their script hashes), ``page_info_changed`` when the script changed ``st.query_params``,
   ``delta`` messages (each at a ``metadata.delta_path`` in the element tree), and finally
   ``script_finished``.
5. A rerun after a widget change carries the state of *every* widget the page shows (what
   the frontend's ``WidgetStateManager.getActiveWidgetStates`` sends), with the changed one's
   new value; a button press is a ``trigger_value`` sent only in that one rerun.
6. Deltas of 10 kB or more (``global.minCachedMessageSize``) are marked ``cacheable``; a client
   that lists their hashes in ``ClientState.cached_message_hashes`` gets a ``ref_hash``
   message instead of the payload when the same element is drawn again. The frontend keeps
   them while they were used within ``max_cached_message_age`` (``new_session.config``) runs.
   :class:`Session` does the same (``report_cached=True``, the default, as every browser
   tab does), or never reports any hashes and so always gets full payloads.
"""

from __future__ import annotations

import asyncio
import json
import random
import time
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.Slider_pb2 import Slider
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

XSRF_COOKIE = "_streamlit_xsrf"
STREAM_PATH = "/_stcore/stream"
# Widgets a visitor moves to a neighbouring value.
MOVABLE = ("slider", "select_slider", "number_input")
# Element types whose proto has a ``label`` (the widget's label, as the page shows it).
_LABELLED = ("slider", "number_input", "radio", "button", "checkbox", "selectbox",
             "multiselect", "text_input", "text_area", "toggle", "color_picker",
             "date_input", "time_input", "download_button", "link_button", "page_link",
             "button_group", "file_uploader", "camera_input", "chat_input", "audio_input")


class ProtocolError(RuntimeError):
    """The server sent something a browser could not have handled (e.g. a cache miss)."""


def check_local(url: str) -> str:
    """``url`` without a trailing slash, if it points at 127.0.0.1 or localhost; else raise.

    A load test sends traffic only to servers on this machine.
    """
    parts = urlsplit(url)
    if parts.scheme != "http" or parts.hostname not in ("127.0.0.1", "localhost"):
        raise ValueError(f"refusing {url!r}: only http://127.0.0.1:<port> (or localhost)")
    return url.rstrip("/")


# ------------------------------------------------------------------------------ elements

@dataclass(frozen=True)
class Widget:
    """A widget as its element proto describes it, with the value the client holds for it.

    ``value`` is in ``WidgetState`` terms: ``field`` is the ``WidgetState.value`` oneof the
    frontend fills for this kind (``double_array_value`` for a slider, ``string_array_value``
    of formatted options for a select-slider, ...); ``None`` for a widget without a state
    (a button: its trigger is sent only with the rerun it starts).
    """

    id: str
    kind: str
    label: str
    disabled: bool = False
    options: tuple[str, ...] = ()
    lo: float | None = None
    hi: float | None = None
    step: float | None = None
    integer: bool = False
    field: str | None = None
    value: Any = None


@dataclass(frozen=True)
class Drawn:
    """One node of the element tree: ``kind`` is the ``Element`` (or ``block:<Block>``) type."""

    path: tuple[int, ...]
    kind: str
    label: str = ""
    widget: Widget | None = None


@dataclass(frozen=True)
class RunResult:
    """What one script run brought back.

    ``status`` is ``"ok"``, ``"compile_error"``, ``"timeout"`` or ``"closed"`` (the websocket
    closed before ``script_finished``). ``seconds`` runs from sending the ``BackMsg`` to
    ``script_finished`` (to the timeout or close otherwise).
    """

    seconds: float
    status: str
    exceptions: tuple[str, ...] = ()
    progress: bool = False
    messages: int = 0
    bytes: int = 0
    refs: int = 0
    query_string: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "ok" and not self.exceptions


def _first_line(text: str, n: int = 80) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line[:n]


def _widget(kind: str, proto: Any, held: Widget | None) -> Widget:
    """The widget of an element proto; the value is the proto's when the server set it
    (``set_value``), else the one the client holds, else the proto's default (as the frontend
    initialises a widget it mounts)."""
    keep = held.value if held is not None else None
    common = {"id": proto.id, "label": proto.label, "disabled": proto.disabled}
    if kind == "slider" and proto.type == Slider.SELECT_SLIDER:
        value = (list(proto.raw_value) if proto.set_value
                 else keep if keep is not None else [proto.options[i] for i in proto.default])
        return Widget(kind="select_slider", options=tuple(proto.options),
                      field="string_array_value", value=value, **common)
    if kind == "slider":
        value = (list(proto.value) if proto.set_value
                 else keep if keep is not None else list(proto.default))
        return Widget(kind="slider", lo=proto.min, hi=proto.max, step=proto.step,
                      integer=proto.data_type == Slider.INT, field="double_array_value",
                      value=value, **common)
    if kind == "number_input":
        integer = proto.data_type == proto.INT
        if proto.set_value:
            value = proto.value if proto.HasField("value") else None
        elif keep is not None:
            value = keep
        else:
            value = proto.default if proto.HasField("default") else None
        if value is not None and integer:
            value = int(value)
        return Widget(kind="number_input", lo=proto.min if proto.has_min else None,
                      hi=proto.max if proto.has_max else None, step=proto.step,
                      integer=integer, field="int_value" if integer else "double_value",
                      value=value, **common)
    if kind in ("radio", "selectbox"):
        if proto.set_value:
            value = proto.raw_value if proto.HasField("raw_value") else None
        elif keep is not None:
            value = keep
        else:
            value = proto.options[proto.default] if proto.HasField("default") else None
        return Widget(kind=kind, options=tuple(proto.options), field="string_value",
                      value=value, **common)
    if kind == "checkbox":
        value = proto.value if proto.set_value else keep if keep is not None else proto.default
        return Widget(kind="checkbox", field="bool_value", value=bool(value), **common)
    return Widget(kind=kind, **common)  # button and friends: no state between runs


def _describe(element: Any, held: dict[str, Widget]) -> tuple[str, str, Widget | None]:
    """(kind, label, widget) of an ``Element`` proto."""
    kind = element.WhichOneof("type") or "empty"
    proto = getattr(element, kind)
    if kind in _LABELLED:
        widget = _widget(kind, proto, held.get(proto.id)) if hasattr(proto, "id") else None
        return (widget.kind if widget else kind), proto.label, widget
    if kind in ("heading", "markdown", "alert", "toast"):
        return kind, _first_line(proto.body), None
    if kind == "progress":
        return kind, proto.text, None
    if kind == "exception":
        return kind, f"{proto.type}: {_first_line(proto.message)}", None
    return kind, "", None


def neighbour(widget: Widget, rng: random.Random) -> Any:
    """A value one notch away from ``widget.value`` (either way, the other at an end), as one
    arrow key press on the widget would give; ``None`` when it cannot move."""
    if widget.kind == "select_slider":
        i = widget.options.index(widget.value[0]) if widget.value[0] in widget.options else 0
        choices = [j for j in (i - 1, i + 1) if 0 <= j < len(widget.options)]
        return [widget.options[rng.choice(choices)]] if choices else None
    if widget.kind in ("slider", "number_input"):
        current = widget.value[0] if widget.kind == "slider" else widget.value
        if current is None:
            return None
        step = widget.step or 1.0
        lo = -float("inf") if widget.lo is None else widget.lo
        hi = float("inf") if widget.hi is None else widget.hi
        choices = [v for v in (current - step, current + step) if lo - 1e-9 <= v <= hi + 1e-9]
        if not choices:
            return None
        # Round to the step's decimals: 0.1 + 0.2 must not become 0.30000000000000004.
        value = round(rng.choice(choices), 10)
        value = int(round(value)) if widget.integer else value
        return [float(value)] if widget.kind == "slider" else value
    return None


# ------------------------------------------------------------------------------ session

@dataclass
class _Pending:
    sent: float
    future: asyncio.Future
    new_session: bool = False
    exceptions: list[str] = field(default_factory=list)
    progress: bool = False
    messages: int = 0
    bytes: int = 0
    refs: int = 0


class Session:
    """One visitor's session: a websocket to the app, its element tree and widget states.

    Parameters
    ----------
    base_url : str
        ``http://127.0.0.1:<port>`` of the server (nothing else is accepted).
    report_cached : bool, keyword-only
        List the hashes of cached messages in each rerun, as a browser does, and resolve the
        ``ref_hash`` messages that come back. ``False``: never list any (every rerun then
        carries every large element in full).
    timeout : float, keyword-only
        Seconds a run may take before :meth:`rerun` gives up on it (status ``"timeout"``).
    """

    def __init__(self, base_url: str, *, report_cached: bool = True, timeout: float = 120.0):
        self.base_url = check_local(base_url)
        self.report_cached = report_cached
        self.timeout = timeout
        self.page_script_hash = ""
        self.pages: dict[str, str] = {}  # URL path name -> page script hash (navigation)
        self.query_string = ""
        self.session_id = ""
        self._ws: ClientConnection | None = None
        self._reader: asyncio.Task | None = None
        self._tree: dict[tuple[int, ...], tuple[str, Drawn]] = {}
        self._widgets: dict[str, Widget] = {}  # widget id -> state the client holds
        self._run_id = ""
        self._pending: _Pending | None = None
        self._cache: dict[str, list] = {}  # hash -> [encoded message, run count]
        self._run_count = 0
        self._max_age = 2
        self.closed_reason: str | None = None

    # ---------------------------------------------------------------- connection

    def _xsrf_cookie(self) -> str:
        """GET /_stcore/health, as the frontend pings it before it connects; the response
        sets the XSRF cookie."""
        with urllib.request.urlopen(self.base_url + "/_stcore/health", timeout=30) as r:
            jar = SimpleCookie()
            for header in r.headers.get_all("Set-Cookie") or ():
                jar.load(header)
        return jar[XSRF_COOKIE].value if XSRF_COOKIE in jar else ""

    async def connect(self) -> None:
        """Open the websocket (after the health check that sets the XSRF cookie)."""
        xsrf = await asyncio.to_thread(self._xsrf_cookie)
        headers = {"Origin": self.base_url}
        if xsrf:
            headers["Cookie"] = f"{XSRF_COOKIE}={xsrf}"
        self._ws = await connect(
            "ws" + self.base_url[4:] + STREAM_PATH,
            subprotocols=["streamlit", xsrf or "PLACEHOLDER_AUTH_TOKEN"],
            additional_headers=headers,
            max_size=None,  # a page's figures can exceed websockets' 1 MiB default
            open_timeout=30,
        )
        self._reader = asyncio.create_task(self._read())

    async def close(self) -> None:
        """Close the websocket (a visitor leaving: the server keeps its session for
        ``server.disconnectedSessionTTL`` seconds)."""
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            await asyncio.gather(self._reader, return_exceptions=True)

    async def __aenter__(self) -> Session:
        await self.connect()
        return self

    async def __aexit__(self, *exc) -> None:
        await self.close()

    # ---------------------------------------------------------------- runs

    async def open(self, page: str, query: str = "") -> RunResult:
        """The first run of ``page`` (its URL path, e.g. ``"valley_vs_bowl"``; ``""``: the
        default page), with ``query`` (without ``?``) as the address bar's query string."""
        self.query_string = query
        return await self._run(page_name=page.strip("/"), page_hash="", states=[])

    async def rerun(self) -> RunResult:
        """Rerun the page with the widget states as they are."""
        return await self._run(states=self._states())

    async def set_value(self, widget: Widget, value: Any) -> RunResult:
        """Set ``widget`` to ``value`` (in its ``WidgetState`` form) and rerun, sending every
        drawn widget's state as the frontend does."""
        self._widgets[widget.id] = replace(widget, value=value)
        return await self.rerun()

    async def click(self, widget: Widget) -> RunResult:
        """Press a button: its trigger goes with this one rerun only."""
        trigger = WidgetState(id=widget.id, trigger_value=True)
        return await self._run(states=[*self._states(), trigger])

    async def _run(self, *, states: list[WidgetState], page_name: str = "",
                   page_hash: str | None = None) -> RunResult:
        if self._ws is None:
            raise RuntimeError("not connected")
        if self.closed_reason is not None:
            return RunResult(0.0, "closed", query_string=self.query_string)
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = self.query_string
        cs.widget_states.widgets.extend(states)
        cs.page_script_hash = self.page_script_hash if page_hash is None else page_hash
        cs.page_name = page_name
        if self.report_cached:
            cs.cached_message_hashes.extend(self._cache)
        info = cs.context_info
        info.timezone, info.timezone_offset, info.locale = "UTC", 0, "en-US"
        info.url = f"{self.base_url}/{page_name}" + (f"?{self.query_string}"
                                                     if self.query_string else "")
        info.is_embedded, info.color_scheme = False, "light"
        pending = _Pending(time.perf_counter(), asyncio.get_running_loop().create_future())
        self._pending = pending
        try:
            await self._ws.send(msg.SerializeToString())
            status = await asyncio.wait_for(asyncio.shield(pending.future), self.timeout)
        except TimeoutError:
            status = "timeout"
        except ConnectionClosed:
            status = "closed"
        finally:
            self._pending = None
        return RunResult(time.perf_counter() - pending.sent, status, tuple(pending.exceptions),
                         pending.progress, pending.messages, pending.bytes, pending.refs,
                         self.query_string)

    def _states(self) -> list[WidgetState]:
        """The state of every widget on the page (those without one, like buttons, send
        nothing)."""
        out = []
        for w in self.widgets():
            held = self._widgets.get(w.id, w)
            if held.field is None or held.value is None:
                continue
            state = WidgetState(id=w.id)
            if held.field in ("double_array_value", "string_array_value"):
                getattr(state, held.field).data.extend(held.value)
            else:
                setattr(state, held.field, held.value)
            out.append(state)
        return out

    # ---------------------------------------------------------------- the page

    def elements(self) -> list[Drawn]:
        """Every node of the element tree, in page order (main area, then sidebar, ...)."""
        return [d for _, (_, d) in sorted(self._tree.items())]

    def widgets(self) -> list[Widget]:
        """The widgets on the page, in page order, with the values the client holds."""
        return [self._widgets.get(d.widget.id, d.widget) for d in self.elements()
                if d.widget is not None]

    def movable(self, *, kinds: Iterable[str] = MOVABLE, root: int | None = None) -> list[Widget]:
        """Enabled widgets of ``kinds`` with a value, in the root container ``root`` (0: the
        main area, 1: the sidebar; ``None``: anywhere)."""
        kinds = tuple(kinds)
        out = []
        for d in self.elements():
            w = d.widget and self._widgets.get(d.widget.id, d.widget)
            if (w is not None and w.kind in kinds and not w.disabled and w.value is not None
                    and (root is None or d.path[0] == root)):
                out.append(w)
        return out

    def widget(self, label: str) -> Widget:
        """The widget labelled ``label`` (the first, if several are)."""
        for w in self.widgets():
            if w.label == label:
                return w
        raise KeyError(label)

    # ---------------------------------------------------------------- the stream

    async def _read(self) -> None:
        assert self._ws is not None
        try:
            async for raw in self._ws:
                if isinstance(raw, str):
                    raise ProtocolError("text frame on the stream")
                self._on_message(raw)
            self.closed_reason = "closed by the server"
        except ConnectionClosed as exc:
            self.closed_reason = f"closed: {exc}"
        except Exception as exc:  # noqa: BLE001 - any failure ends this session, reported
            self.closed_reason = f"{type(exc).__name__}: {exc}"
            await self._ws.close()
        finally:
            p = self._pending
            if p is not None and not p.future.done():
                p.future.set_result("closed")

    def _on_message(self, raw: bytes) -> None:
        msg = ForwardMsg()
        msg.ParseFromString(raw)
        p = self._pending
        if p is not None:
            p.messages += 1
            p.bytes += len(raw)
        kind = msg.WhichOneof("type")
        if kind == "ref_hash":
            entry = self._cache.get(msg.ref_hash)
            if entry is None:
                raise ProtocolError(f"cached ForwardMsg miss [hash={msg.ref_hash}]")
            entry[1] = self._run_count
            metadata = msg.metadata
            msg = ForwardMsg()
            msg.ParseFromString(entry[0])
            msg.metadata.CopyFrom(metadata)
            kind = msg.WhichOneof("type")
            if p is not None:
                p.refs += 1
        elif msg.metadata.cacheable and msg.hash:
            if msg.hash in self._cache:
                self._cache[msg.hash][1] = self._run_count
            else:
                self._cache[msg.hash] = [raw, self._run_count]
        if msg.metadata.run.script_run_id:
            self._run_id = msg.metadata.run.script_run_id

        if kind == "new_session":
            ns = msg.new_session
            self.page_script_hash = ns.page_script_hash
            self.session_id = ns.initialize.session_id or self.session_id
            self._max_age = ns.config.max_cached_message_age or self._max_age
            if p is not None:
                p.new_session = True
        elif kind == "navigation":
            # With st.navigation, new_session names the entry script (app.py); the page that
            # ran comes here, and is what the frontend sends back on the next rerun.
            nav = msg.navigation
            self.pages = {pg.url_pathname: pg.page_script_hash for pg in nav.app_pages}
            self.page_script_hash = nav.page_script_hash or self.page_script_hash
        elif kind == "page_info_changed":
            self.query_string = msg.page_info_changed.query_string
        elif kind == "delta":
            self._on_delta(msg)
        elif kind == "session_event":
            ev = msg.session_event
            if ev.WhichOneof("type") == "script_compilation_exception" and p is not None:
                e = ev.script_compilation_exception
                p.exceptions.append(f"{e.type}: {_first_line(e.message)}")
        elif kind == "script_finished":
            self._on_finished(msg.script_finished)

    def _on_delta(self, msg: ForwardMsg) -> None:
        path = tuple(msg.metadata.delta_path)
        delta = msg.delta
        which = delta.WhichOneof("type")
        p = self._pending
        if which == "new_transient":  # toasts and the like: not part of the tree
            for el in delta.new_transient.elements:
                self._note(el, p)
            return
        # A node replaces the one at its path, and with it that node's children.
        for key in [k for k in self._tree if k[:len(path)] == path]:
            del self._tree[key]
        if which == "add_block":
            block = delta.add_block
            btype = block.WhichOneof("type") or "vertical"
            label = block.expandable.label if btype == "expandable" else ""
            self._tree[path] = (self._run_id, Drawn(path, f"block:{btype}", label))
        elif which == "new_element":
            kind, label, widget = self._note(delta.new_element, p)
            if widget is not None:
                self._widgets[widget.id] = widget
            self._tree[path] = (self._run_id, Drawn(path, kind, label, widget))

    def _note(self, element: Any, p: _Pending | None) -> tuple[str, str, Widget | None]:
        kind, label, widget = _describe(element, self._widgets)
        if p is not None:
            if kind == "exception" and not element.exception.is_warning:
                p.exceptions.append(label)
            elif kind == "progress":
                p.progress = True
        return kind, label, widget

    def _on_finished(self, status: int) -> None:
        p = self._pending
        if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            return  # another run follows at once
        if status in (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR):
            # As the frontend: drop what this run did not draw again, forget the state of
            # widgets no longer shown, and age the message cache.
            self._tree = {k: v for k, v in self._tree.items() if v[0] == self._run_id}
            shown = {d.widget.id for _, d in self._tree.values() if d.widget is not None}
            self._widgets = {k: v for k, v in self._widgets.items() if k in shown}
            self._run_count += 1
            self._cache = {h: e for h, e in self._cache.items()
                           if self._run_count - e[1] <= self._max_age}
        # The frontend ignores a script_finished that comes before the new_session of the
        # run it asked for (it belongs to the run before).
        if p is not None and p.new_session and not p.future.done():
            p.future.set_result("ok" if status != ForwardMsg.FINISHED_WITH_COMPILE_ERROR
                                else "compile_error")


def summary(session: Session) -> list[dict[str, str]]:
    """The page's elements as ``{"kind", "label"}`` dicts (for printing and comparing)."""
    return [{"kind": d.kind, "label": d.label} for d in session.elements()]


if __name__ == "__main__":  # a quick look: python -m benchmarks.load.client URL PAGE
    import sys

    async def _main(url: str, page: str) -> None:
        async with Session(url) as s:
            r = await s.open(page)
            print(r)
            print(json.dumps(summary(s), ensure_ascii=False, indent=1))

    asyncio.run(_main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else ""))
