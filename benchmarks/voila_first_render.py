"""How long a trainee waits: from starting the course server to the first widget on screen.

Each run starts ``coachkit serve`` afresh (isolated Jupyter and work folders, a free port),
opens the home page in headless Chromium as soon as the server answers, and stops the
clock when the first widget (the course map) is visible. Chromium is started once,
before the runs, so its own start-up is not counted. The first run is reported on its
own: it also pays for cold disk caches and compiled bytecode. The figure to compare with
the 3 s target is the median of the later runs.

Each run also says when the page's HTML had fully arrived (the server's share: Voila, the
kernel and the notebook's cells; the rest is the browser's scripts and widgets) and
whether the page was served by the pre-heated kernel, as it should be.

    .venv/bin/python benchmarks/voila_first_render.py [--runs 6]
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-first-run"]
FIRST_WIDGET = ".ck-module"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def isolated_env(folder: Path) -> dict[str, str]:
    """The environment of one run: every Jupyter and work folder inside ``folder``."""
    env = os.environ.copy()
    for variable, name in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"),
                           ("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython"),
                           ("COACHKIT_WORK", "work")):
        (folder / name).mkdir()
        env[variable] = str(folder / name)
    env["COACHKIT_TRAINEE"] = "benchmark"
    env.pop("JUPYTERHUB_USER", None)
    return env


def wait_until_serving(url: str, process: subprocess.Popen, *, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"coachkit serve exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.02)
    raise RuntimeError(f"coachkit serve did not answer within {timeout} s")


def one_run(browser, folder: Path) -> tuple[float, float, float, bool]:
    """Seconds from start to (server answering, page HTML complete, first widget visible),
    and whether the page came from the pre-heated kernel."""
    port = free_port()
    log_file = folder / "serve.log"
    log = log_file.open("w")
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "coachkit", "serve", "--port", str(port), "--no-browser"],
        cwd=ROOT, env=isolated_env(folder), stdout=log, stderr=subprocess.STDOUT)
    try:
        base = f"http://localhost:{port}"
        wait_until_serving(base + "/voila/static/voila.js", process)
        serving = time.perf_counter() - started
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        html_done: list[float] = []
        page.on("requestfinished", lambda request: html_done.append(
            time.perf_counter() - started) if "/voila/render/" in request.url else None)
        page.goto(base + "/", wait_until="commit")
        page.wait_for_selector(FIRST_WIDGET, state="visible", timeout=120_000)
        rendered = time.perf_counter() - started
        page.close()
        preheated = "Using pre-heated kernel" in log_file.read_text()
        return serving, (html_done or [rendered])[0], rendered, preheated
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=6, help="server starts (default 6)")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"needs Debian's chromium at {CHROMIUM} (apt-get install chromium)")
        return 2
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for run in range(1, args.runs + 1):
            folder = Path(tempfile.mkdtemp(prefix="coachkit-bench-"))
            try:
                serving, html, rendered, preheated = one_run(browser, folder)
            finally:
                shutil.rmtree(folder, ignore_errors=True)
            results.append(rendered)
            label = "first start" if run == 1 else f"run {run}"
            print(f"{label:>11}: server answering after {serving:5.2f} s, page HTML complete "
                  f"after {html:5.2f} s, first widget visible after {rendered:5.2f} s"
                  f"{'' if preheated else ' (NOT from the pre-heated kernel)'}", flush=True)
        browser.close()
    later = results[1:] or results
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"median of {len(later)} start(s) after the first: {statistics.median(later):.2f} s "
          f"from starting Voila to the first widget (target: under 3 s); "
          f"load average {load} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
