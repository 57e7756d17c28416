"""A load benchmark of simulated visitors that speak Streamlit's websocket protocol.

No browser: each visitor is an asyncio task holding one websocket to ``/_stcore/stream``,
sending the ``BackMsg`` a browser would send and reading the ``ForwardMsg`` stream back.

- :mod:`benchmarks.load.client`: the protocol (handshake, reruns, widget states, the
  forward-message cache) for one session;
- :mod:`benchmarks.load.server`: start a server on 127.0.0.1 and read its CPU and memory
  from ``/proc``;
- :mod:`benchmarks.load.visitors`: what a visitor does, and the figures of a load level;
- :mod:`benchmarks.load.browser_check`: the elements the client parsed against those a real
  Chromium shows;
- :mod:`benchmarks.load.run`: the command line
  (``.venv/bin/python -m benchmarks.load.run --visitors 1,10 --duration 20``).
"""
