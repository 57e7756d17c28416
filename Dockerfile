# The hosted demo of bnviz.
#   docker build -t bnviz .
#   docker run --rm -p 8501:8501 bnviz      # then open http://localhost:8501
FROM python:3.11-slim-bookworm

# MALLOC_ARENA_MAX: Streamlit runs each visitor's script in a thread of its own, and glibc
# gives allocating threads arenas of their own, which rarely hand freed memory back; two
# arenas keep the server's memory near its idle figure after a class leaves (measured with
# benchmarks/load: +58 MB against +47 MB after 20 visitors).
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    MALLOC_ARENA_MAX=2

WORKDIR /app

# HAProxy, for the multi-process mode (scripts/serve_multi.py; see the CMD at the end).
RUN apt-get update \
    && apt-get install -y --no-install-recommends haproxy=2.6.* \
    && rm -rf /var/lib/apt/lists/*

# Dependencies first, so editing the app does not reinstall them.
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt

COPY .streamlit/ .streamlit/
COPY app.py ./
COPY app_pages/ app_pages/
COPY bnviz/ bnviz/
COPY deploy/haproxy.cfg.tmpl deploy/
COPY scripts/serve_multi.py scripts/

# plotly.js is served from ./static; copy it in now, because the app user may not write /app.
# The translations are compiled now too (bnviz/locale/<lang>/LC_MESSAGES/bnviz.mo).
RUN python -c "from bnviz.assets import ensure_plotly_js; ensure_plotly_js()" \
    && pybabel compile -d bnviz/locale -D bnviz \
    && groupadd --gid 10001 bnviz \
    && useradd --create-home --uid 10001 --gid 10001 --shell /usr/sbin/nologin bnviz

# numeric, so that the host resolves it without the image's /etc/passwd
USER 10001:10001
EXPOSE 8501

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"]

# Visitors see a generic message on an error, never a traceback or exception details. No file
# watcher: the image's code never changes, and polling it cost 13 % of the server's CPU.
# One process by default; for one per core behind HAProxy on the same port, run instead:
#   docker run --rm -p 8501:8501 bnviz python scripts/serve_multi.py --address 0.0.0.0 \
#       --port 8501 --procs 2 -- --client.showErrorDetails=none
CMD ["python", "-m", "streamlit", "run", "app.py", \
     "--server.address=0.0.0.0", "--server.port=8501", "--server.headless=true", \
     "--server.fileWatcherType=none", "--client.showErrorDetails=none", \
     "--browser.gatherUsageStats=false"]
