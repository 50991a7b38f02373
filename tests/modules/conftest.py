"""The curriculum as a trainee sees it: a real ``coachkit serve`` and a real Chromium.

The server is started exactly as ``make start`` starts it (``python -m coachkit serve``),
on a free port, with the suite's isolated Jupyter folders and work folder (see
``tests/conftest.py``). The browser is Debian's ``chromium`` driven by Playwright; when it
is not installed the browser tests are skipped with the reason, never silently passed.
Screenshots land in ``test-artifacts/`` for people to look at.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

HOME = "/voila/render/modules/index.ipynb"
#: A module page starts its own kernel and runs its cells: generous on a loaded machine.
RENDER_TIMEOUT_MS = 120_000


def free_port() -> int:
    """A TCP port nobody is listening on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_serving(url: str, process: subprocess.Popen, log: Path, *,
                       timeout: float = 90.0) -> None:
    """Poll ``url`` until the server answers; fail with its log if it dies or hangs."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"coachkit serve exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # any HTTP answer means it is listening
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"coachkit serve did not answer within {timeout:.0f} s:\n{log.read_text()}")


@dataclass
class Server:
    """A running ``coachkit serve``: its address and its log file."""

    url: str
    log: Path
    process: subprocess.Popen = field(repr=False)


def start_server(repo_root: Path, log: Path, *, env: dict[str, str] | None = None,
                 config: Path | None = None) -> Server:
    """Start ``python -m coachkit serve`` in the background, as ``make start`` does."""
    port = free_port()
    command = [sys.executable, "-m", "coachkit", "serve", "--port", str(port), "--no-browser"]
    if config is not None:
        command += ["--config", str(config)]
    handle = log.open("w")
    process = subprocess.Popen(
        command, cwd=repo_root, env=env if env is not None else os.environ.copy(),
        stdout=handle, stderr=subprocess.STDOUT, start_new_session=True)
    handle.close()
    server = Server(url=f"http://localhost:{port}", log=log, process=process)
    wait_until_serving(server.url + "/voila/static/voila.js", process, log)
    return server


def stop_server(server: Server) -> None:
    """Stop the server (it shuts its kernels down on SIGTERM)."""
    server.process.terminate()
    try:
        server.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


@pytest.fixture(scope="session")
def server(repo_root: Path, isolation_root: Path) -> Iterator[Server]:
    """One course server for the whole session."""
    running = start_server(repo_root, isolation_root / "voila.log")
    yield running
    stop_server(running)


@pytest.fixture()
def own_server(repo_root: Path, tmp_path: Path):
    """``own_server(env=..., config=...)`` starts a server just for this test."""
    started: list[Server] = []

    def start(*, env: dict[str, str] | None = None, config: Path | None = None) -> Server:
        running = start_server(repo_root, tmp_path / f"voila-{len(started)}.log",
                               env=env, config=config)
        started.append(running)
        return running

    yield start
    for running in started:
        stop_server(running)


@pytest.fixture(scope="session")
def artifacts(repo_root: Path) -> Path:
    """``test-artifacts/``: screenshots for people to look at."""
    folder = repo_root / "test-artifacts"
    folder.mkdir(exist_ok=True)
    return folder


@dataclass
class Tab:
    """A browser page plus what went wrong in it and every address it asked for."""

    page: object
    errors: list[str]
    requests: list[str]


@pytest.fixture()
def tab(browser) -> Iterator[Tab]:
    """A fresh page (1280x900) that records page errors and requests."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(RENDER_TIMEOUT_MS)
    recorded = Tab(page=page, errors=[], requests=[])
    page.on("pageerror", lambda error: recorded.errors.append(str(error)))
    page.on("request", lambda request: recorded.requests.append(request.url))
    yield recorded
    context.close()


@pytest.fixture()
def screenshot(artifacts: Path):
    """``screenshot(page, "name")`` saves the whole page as ``test-artifacts/name.png``.

    The whole page, not just the window: Voila scrolls inside ``#rendered_cells``, so the
    window is stretched to the content's height for the picture.
    """

    def take(page, name: str) -> Path:
        height = page.evaluate(
            "() => (document.querySelector('#rendered_cells') || document.body).scrollHeight")
        size = page.viewport_size
        page.set_viewport_size({"width": size["width"], "height": min(max(height, 600), 14000)})
        path = artifacts / f"{name}.png"
        page.screenshot(path=str(path))
        page.set_viewport_size(size)
        return path

    return take
