"""The course server: Voila on this computer, configured by the kit's ``jupyter_config.py``.

Trainees should reach the course with one command and one address. So the server is
Voila with two small additions: it loads the kit's own configuration file (template,
theme, hidden tracebacks, kernel pre-heating, work folder) instead of scattered flags,
and the bare address ``http://localhost:PORT/`` leads to the course home page rather
than to a file listing. Everything else is stock Voila, so a hub can run the same
notebooks with the same configuration -- except for how soon the first page appears:
the server pre-heats only the pages the configuration names, hands each request a
pre-heated kernel only when one has started (:class:`PreheatedPageHandler`), and runs a
page's cells as soon as its kernel answers (:class:`ReadyKernelClient`).
"""

from __future__ import annotations

import asyncio
import errno
import math
import os
import socket
import sys
import time
from pathlib import Path
from queue import Empty

# Start-up time matters (a trainee waits for the first page). Jupyter's event logger
# imports jsonschema, which imports ``rfc3987_syntax`` when it is installed only to check
# IRI strings in event schemas -- and that package compiles a grammar for ~2 s on import.
# Marking it absent makes jsonschema skip that one optional format check; nothing the kit
# serves uses it. (Must run before Voila, and so jupyter_events, is imported.)
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

from jupyter_client.asynchronous import AsyncKernelClient  # noqa: E402
from tornado.web import RedirectHandler  # noqa: E402
from traitlets import Unicode  # noqa: E402
from traitlets.config import Config  # noqa: E402
from voila.app import Voila  # noqa: E402
from voila.tornado.handler import TornadoVoilaHandler  # noqa: E402

from coachkit.errors import ConfigError, InputError

CONFIG_NAME = "jupyter_config.py"
#: Seconds a page request waits for its pre-heated kernel to finish starting.
POOL_WAIT = 30.0


def kit_root() -> Path:
    """The folder holding ``jupyter_config.py`` and ``modules/`` (the source checkout)."""
    return Path(__file__).resolve().parents[1]


def config_path(config: str | os.PathLike[str] | None = None) -> Path:
    """The configuration file to use: ``config`` if given, else the kit's own."""
    file = Path(config).expanduser() if config is not None else kit_root() / CONFIG_NAME
    if not file.is_file():
        raise ConfigError(f"configuration file not found: {file}")
    return file.resolve()


def _check_port_free(port: int) -> None:
    """Fail early, in plain words, when another program already uses ``port``."""
    if not 1 <= port <= 65535:
        raise InputError(f"--port {port} is not a port number (use 1024-65535)")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                raise InputError(
                    f"port {port} is already in use -- is CoachKit already open at "
                    f"http://localhost:{port}/ ? Otherwise choose another port, e.g. "
                    f"--port {port + 1}") from None
            raise


class ReadyKernelClient(AsyncKernelClient):
    """A kernel client that is ready as soon as the kernel answers on both channels.

    Voila runs each page through a client whose ``wait_for_ready`` (jupyter_client) ends by
    draining the kernel's output channel until 0.2 s pass without a message: a fixed 0.2 s
    before the first cell of every page. The drain is not needed here: Voila's executor
    (nbclient) only reads output messages sent in reply to the cell it runs. What matters
    is kept -- the kernel answered ``kernel_info`` and its output channel is connected
    (a message arrived on it), so no output of the first cell can be lost.
    """

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        """Return once the kernel has answered ``kernel_info`` and its output is connected."""
        deadline = time.monotonic() + (math.inf if timeout is None else timeout)
        while True:
            try:
                reply = await self.kernel_info(reply=True, timeout=1)
                await self.get_iopub_msg(timeout=0.2)  # the request's "busy": connected
            except (TimeoutError, Empty):
                if not await self.is_alive():
                    raise RuntimeError("Kernel died before replying to kernel_info") from None
                if time.monotonic() > deadline:
                    raise RuntimeError(f"Kernel didn't respond in {timeout} seconds") from None
            else:
                self._handle_kernel_info_reply(reply)  # the protocol version to speak
                return


class PreheatedPageHandler(TornadoVoilaHandler):
    """Voila's page handler, using a pre-heated kernel only when one is there to use.

    Voila keeps each page's pool as a list of asyncio tasks, each starting and registering
    one kernel, and hands a request the first task, finished or not. Two cases go wrong:

    * The browser opened with the server asks for the home page before the first kernel
      is registered (0.2-0.5 s after the server answers); stock Voila then starts a second
      kernel for it -- two kernels importing the kit at once on a laptop. Here the request
      waits for the registration instead.
    * A reload soon after a page was served finds the refill still waiting out Voila's
      ``fill_delay`` before it even starts; stock Voila waits for it (4-5 s in all). Here
      the request gets a kernel of its own at once (1-1.5 s), as without pre-heating.
    """

    _pool_ready = False

    async def get_generator(self, path: str | None = None):
        pool = getattr(self.kernel_manager, "_pools", {}).get(path or "", [])
        if pool and path not in self.kernel_manager.notebook_data:
            await asyncio.wait(pool[:1], timeout=POOL_WAIT)  # also ends if the start fails
        head = pool[0] if pool else None
        self._pool_ready = (head is not None and head.done() and not head.cancelled()
                            and head.exception() is None)
        async for html in super().get_generator(path=path):
            yield html

    def should_use_rendered_notebook(self, *args, **kwargs) -> bool:
        """Voila's conditions, and a pre-heated kernel that has started."""
        return self._pool_ready and super().should_use_rendered_notebook(*args, **kwargs)


class CoachKitServer(Voila):
    """Voila serving the kit's folder, with ``/`` leading to the course home page."""

    name = "coachkit-serve"
    home_page = Unicode(
        "modules/index.ipynb", config=True,
        help="The course home page, relative to the served folder; '/' redirects to it.")

    def home_url(self) -> str:
        """The home page's path on this server (``/voila/render/modules/index.ipynb``)."""
        prefix = (self.server_url or self.base_url).rstrip("/")
        return f"{prefix}/voila/render/{self.home_page.lstrip('/')}"

    def init_settings(self) -> dict:
        """Voila's settings; pre-heat the notebooks ``kernel_pools_config`` names, no others.

        Serving a folder, Voila's pre-heating kernel manager walks the whole folder for
        notebooks to pre-heat -- ``.venv`` included, 0.3 s before the server answers --
        even when only the named ones have a pool. Serving a single notebook, it fills that
        notebook's pool and looks no further; so when the default pool is empty, the kernel
        manager is created as for the first named notebook, and the others are filled after.
        """
        pools = self.config.VoilaKernelManager.get("kernel_pools_config")
        named = [nb for nb in pools if nb != "default" and (Path(self.root_dir) / nb).is_file()
                 ] if isinstance(pools, dict) else []
        if (self.notebook_path or not named or not self.voila_configuration.preheat_kernel
                or pools.get("default", {}).get("pool_size", 1) > 0):
            settings = super().init_settings()
        else:
            self.notebook_path = str(Path(self.root_dir) / named[0])
            try:
                settings = super().init_settings()
            finally:
                self.notebook_path = None
            for notebook in named[1:]:
                self.kernel_manager.fill_if_needed(delay=0, notebook_name=notebook)
        return settings

    def init_handlers(self) -> list:
        """Voila's handlers, with ``/`` -> the home page (checked first) and pages waiting
        for their pre-heated kernel (:class:`PreheatedPageHandler`)."""
        handlers = [(self.server_url, RedirectHandler, {"url": self.home_url()})]
        for pattern, handler, *options in super().init_handlers():
            if handler is TornadoVoilaHandler:
                handler = PreheatedPageHandler
            handlers.append((pattern, handler, *options))
        return handlers


def make_server(*, port: int = 8866, open_browser: bool = True,
                config: str | os.PathLike[str] | None = None) -> CoachKitServer:
    """Create (not start) the course server with the kit's configuration.

    Options given here win over the configuration file, as command-line options do.
    """
    file = config_path(config)
    _check_port_free(port)
    app = CoachKitServer()
    # Kernels are ready when they answer (ReadyKernelClient); the file may choose otherwise.
    app.update_config(Config(
        {"AsyncKernelManager": {"client_class": f"{__name__}.{ReadyKernelClient.__name__}"}}))
    app.load_config_file(file.name, path=str(file.parent))
    app.initialize([f"--Voila.port={port}", f"--Voila.open_browser={open_browser}",
                    "--Voila.port_retries=0"])
    home = Path(app.root_dir) / app.home_page
    if not home.is_file():
        raise ConfigError(f"{file}: the home page {home} does not exist "
                          "(check CoachKitServer.home_page and Voila.root_dir)")
    return app


def serve(*, port: int = 8866, open_browser: bool = True,
          config: str | os.PathLike[str] | None = None) -> None:
    """Run the course server until Ctrl+C."""
    app = make_server(port=port, open_browser=open_browser, config=config)
    print(f"CoachKit is open at http://localhost:{port}/ (the course home page).\n"
          "Keep this window open while you work; press Ctrl+C here to stop.", flush=True)
    app.start()
