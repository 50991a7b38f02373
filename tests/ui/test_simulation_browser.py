"""The simulation in a real browser under Voila: type, send, see feedback, nothing runs.

Uses Debian's Chromium through Playwright (``make install-test`` installs it) and the stable
CSS hooks: ``.ck-reply textarea``, ``.ck-send``, ``.ck-feedback``, ``.ck-msg-*``.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

import nbformat
import pytest



def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def voila_url(tmp_path, work, monkeypatch):
    # Jupyter's own files (config, signatures, runtime) go to tmp dirs, never to ``~``.
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(tmp_path / "jupyter-config"))
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jupyter-data"))
    notebook = nbformat.v4.new_notebook()
    notebook.cells.append(nbformat.v4.new_code_cell(
        'from coachkit.ui import play\nplay("failed-block-exam")'))
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    nbformat.write(notebook, tmp_path / "play.ipynb")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "voila", "--no-browser", f"--port={port}",
         "--Voila.ip=127.0.0.1", str(tmp_path / "play.ipynb")],
        cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "api/status", timeout=2)
            break
        except OSError:
            assert server.poll() is None, "voila did not start"
            time.sleep(0.3)
    yield url
    server.terminate()
    server.wait(timeout=30)


def test_reply_feedback_and_inert_script_in_the_browser(voila_url, browser):
    dialogs = []
    context = browser.new_context()
    try:
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(voila_url, timeout=120_000)
        page.wait_for_selector(".ck-reply textarea", timeout=120_000)
        assert page.locator(".ck-msg-student").count() == 1
        hostile = "What do you think? <script>alert('x')</script><img src=x onerror=alert(1)>"
        page.fill(".ck-reply textarea", hostile)
        page.click(".ck-send")
        page.wait_for_selector(".ck-msg-coach", timeout=60_000)
        page.wait_for_selector(".ck-feedback .ck-sentence", timeout=60_000)
        assert page.locator(".ck-msg-coach").first.inner_text().endswith(hostile)
        assert page.locator(".ck-msg-student").count() == 2
        assert page.locator(".ck-chat img").count() == 0
        page.fill(".ck-reply textarea", "   ")
        page.click(".ck-send")
        page.wait_for_selector(".ck-message:has-text('empty')", timeout=30_000)
        assert page.input_value(".ck-reply textarea") == "   "
    finally:
        context.close()
    assert dialogs == []
