"""scripts/serve-multi.sh: two Streamlit processes behind HAProxy, driven through the proxy.

Fresh visitors are spread over the processes and stay on theirs (the proxy's SERVERID cookie),
a file upload reaches the process holding the session, a visitor whose process is killed is
reconnected to the live one with the settings of the URL, the killed process is restarted,
and a restart of the whole server is survived the same way.
"""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from tests.browser.conftest import (
    TIMEOUT_MS,
    VIEWPORT,
    assert_no_exception,
    chromium,
    healthy,
    open_page,
    slider_value,
    wait_for_charts,
    wait_for_query,
    wait_for_script,
)

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
PROCS = 2
VALLEY = "/valley_vs_bowl"
B_HI = "Upper bound of feature B"
CHARTS = 5  # on "Valley vs bowl"


def _free_base_port(n: int) -> int:
    """A port p such that p .. p+n are all free on 127.0.0.1."""
    for _ in range(200):
        base = random.randint(20_000, 60_000 - n)
        try:
            socks = []
            for p in range(base, base + n + 1):
                s = socket.socket()
                socks.append(s)
                s.bind(("127.0.0.1", p))
            return base
        except OSError:
            continue
        finally:
            for s in socks:
                s.close()
    raise RuntimeError("no free range of ports")


class MultiServer:
    """``scripts/serve-multi.sh`` as a test runs it: start, wait until healthy, stop, restart."""

    def __init__(self, app: str = "app.py", procs: int = PROCS):
        self.app, self.procs = app, procs
        self.port = _free_base_port(procs)
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None
        self.log = tempfile.NamedTemporaryFile(prefix="bnviz-multi-", suffix=".log", delete=False)

    def start(self, timeout: float = 120.0) -> None:
        env = dict(os.environ, PORT=str(self.port), PROCS=str(self.procs), APP=self.app,
                   ADDRESS="127.0.0.1")
        self.proc = subprocess.Popen(["bash", "scripts/serve-multi.sh"], cwd=ROOT, env=env,
                                     stdout=self.log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while not (self.ready() and healthy(self.url)):
            if self.proc.poll() is not None:
                raise RuntimeError(f"serve-multi.sh exited with {self.proc.returncode}:\n"
                                   f"{self.tail()}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"serve-multi.sh not healthy after {timeout} s:\n{self.tail()}")
            time.sleep(0.25)

    def ready(self) -> bool:
        return all(healthy(f"http://127.0.0.1:{self.port + i}") for i in range(1, self.procs + 1))

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)  # bash exec'd the supervisor: this is its pid
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError(f"serve-multi did not stop on SIGTERM:\n{self.tail()}") from None

    def tail(self, n: int = 40) -> str:
        self.log.flush()
        return "\n".join(Path(self.log.name).read_text(errors="replace").splitlines()[-n:])

    def pid_of(self, server: str) -> int:
        """The pid of the Streamlit process behind HAProxy's server ``server`` (``"s1"``...)."""
        flag = f"--server.port={self.port + int(server[1:])}".encode()
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    argv = Path(f"/proc/{entry}/cmdline").read_bytes().split(b"\0")
                except OSError:
                    continue
                if flag in argv and b"streamlit" in argv:
                    return int(entry)
        raise LookupError(f"no Streamlit process for {server}")

    def stat(self) -> dict[str, list[str]]:
        """HAProxy's "show stat" for the servers of the backend "app", by name."""
        lines = [s for s in self.tail(1000).splitlines() if "HAProxy config and admin socket" in s]
        sock_path = lines[-1].rsplit(" in ", 1)[1].strip() + "/admin.sock"
        with socket.socket(socket.AF_UNIX) as s:
            s.connect(sock_path)
            s.sendall(b"show stat\n")
            data = b""
            while chunk := s.recv(65536):
                data += chunk
        rows = [r.split(",") for r in data.decode().splitlines() if r and not r.startswith("#")]
        return {r[1]: r for r in rows if r[0] == "app" and r[1] != "BACKEND"}

    def sessions(self) -> dict[str, int]:
        """Current connections per server (an open websocket is one)."""
        return {name: int(row[4]) for name, row in self.stat().items()}

    def status(self) -> dict[str, str]:
        """Health per server as HAProxy sees it: "UP", "DOWN", ..."""
        return {name: row[17] for name, row in self.stat().items()}

    def close(self) -> None:
        self.stop()
        self.log.close()
        os.unlink(self.log.name)


@pytest.fixture(scope="module")
def multi():
    server = MultiServer()
    server.start()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def new_page(browser):
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)
    return context, context.new_page()


def server_of(context) -> str:
    found = [c["value"] for c in context.cookies() if c["name"] == "SERVERID"]
    assert len(found) == 1, context.cookies()
    return found[0]


def wait_until(predicate, timeout: float, what: str, page=None) -> None:
    """Poll ``predicate``; with a ``page``, wait through Playwright, whose event handlers (e.g.
    ``page.on("websocket")``) only run while Playwright itself is waiting."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout} s: {what}")
        if page is not None:
            page.wait_for_timeout(200)
        else:
            time.sleep(0.2)


def test_fresh_visitors_are_spread_and_their_websockets_stay_on_their_process(multi, browser):
    contexts = []
    try:
        context, page = new_page(browser)
        contexts.append(context)
        open_page(page, multi.url, "/")
        first = server_of(context)
        other = "s2" if first == "s1" else "s1"
        # the websocket went to the process the cookie names, and stays there
        wait_until(lambda: multi.sessions() == {first: 1, other: 0}, 10,
                   f"one websocket on {first}: {multi.sessions()}")

        context, page = new_page(browser)
        contexts.append(context)
        open_page(page, multi.url, "/")
        assert server_of(context) == other  # leastconn: the idle process
        wait_until(lambda: multi.sessions() == {first: 1, other: 1}, 10,
                   f"one websocket each: {multi.sessions()}")
        # the Streamlit side agrees: the session cookie of Streamlit's XSRF protection was set
        assert any(c["name"] == "_streamlit_xsrf" for c in context.cookies())
    finally:
        for context in contexts:
            context.close()


def _watch_uploads(page) -> list[int]:
    statuses: list[int] = []
    page.on("response", lambda r: statuses.append(r.status)
            if "/_stcore/upload_file/" in r.url else None)
    return statuses


def _upload(page, name: str, size: int) -> None:
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        files=[{"name": name, "mimeType": "application/octet-stream", "buffer": os.urandom(size)}])


def test_uploads_through_the_proxy_reach_the_session(browser):
    server = MultiServer(app="tests/deploy/upload_app.py")
    server.start()
    contexts = []
    try:
        seen = set()
        for i in range(4):  # without stickiness about half of these would get a 400
            context, page = new_page(browser)
            contexts.append(context)
            statuses = _watch_uploads(page)
            open_page(page, server.url, "/")
            size = 1000 + 37 * i
            _upload(page, f"data{i}.bin", size)
            page.get_by_text(f"Uploaded {size} bytes").wait_for()
            assert page.locator('[data-testid="stException"]').count() == 0
            assert statuses and all(200 <= s < 300 for s in statuses), statuses
            seen.add(server_of(context))
        assert seen == {"s1", "s2"}  # the visitors were spread, so stickiness was needed

        # The control: the same upload sent to the other process (the cookie swapped) fails
        # the way streamlit issue #4173 describes.
        context, page = new_page(browser)
        contexts.append(context)
        statuses = _watch_uploads(page)
        open_page(page, server.url, "/")
        other = "s2" if server_of(context) == "s1" else "s1"
        context.add_cookies([{"name": "SERVERID", "value": other, "url": server.url}])
        _upload(page, "control.bin", 100)
        page.get_by_text("status code 400").wait_for()
        assert statuses == [400]
    finally:
        for context in contexts:
            context.close()
        server.close()


def _open_valley(browser, multi):
    context, page = new_page(browser)
    sockets: list[str] = []
    page.on("websocket", lambda ws: sockets.append(ws.url))
    open_page(page, multi.url, VALLEY, "b_hi=2000.0")
    wait_for_charts(page, CHARTS)
    assert slider_value(page, B_HI) == "2000"
    assert len(sockets) == 1
    return context, page, sockets


def _assert_back_with_the_same_settings(page, sockets, before: int) -> None:
    """The frontend shows "Connecting" while the websocket is gone, then opens a new one; the
    page is then the same: the URL's settings, charts drawn, no exception."""
    wait_until(lambda: len(sockets) > before, 90, "the frontend opened a new websocket", page)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=TIMEOUT_MS)
    wait_for_script(page)
    wait_for_charts(page, CHARTS)
    assert "b_hi=2000.0" in wait_for_query(page, "b_hi=2000.0")
    assert slider_value(page, B_HI) == "2000"
    assert_no_exception(page)


def test_a_killed_process_loses_no_visitor_and_is_restarted(multi, browser):
    context, page, sockets = _open_valley(browser, multi)
    try:
        victim = server_of(context)
        pid = multi.pid_of(victim)
        os.kill(pid, signal.SIGKILL)
        # the frontend notices at once and says so
        page.get_by_test_id("stStatusWidget").get_by_text("Connecting").wait_for(timeout=15_000)
        _assert_back_with_the_same_settings(page, sockets, 1)
        # served by a live process: redispatched to the other one (the cookie names it), or
        # to the killed one's successor when the supervisor restarted it before the reconnect
        assert multi.pid_of(server_of(context)) != pid

        # the supervisor restarted the killed one, and the proxy takes it back
        port = multi.port + int(victim[1:])
        wait_until(lambda: healthy(f"http://127.0.0.1:{port}"), 60, f"{victim} healthy again")
        assert multi.pid_of(victim) != pid
        wait_until(lambda: multi.status()[victim] == "UP", 10, f"HAProxy has {victim} back")
    finally:
        context.close()


def test_a_restart_of_the_whole_server_loses_no_visitor(multi, browser):
    context, page, sockets = _open_valley(browser, multi)
    try:
        multi.stop()
        page.get_by_test_id("stStatusWidget").get_by_text("Connecting").wait_for(timeout=15_000)
        multi.start()  # same port
        _assert_back_with_the_same_settings(page, sockets, 1)
    finally:
        context.close()
