"""The course server: Voila on this computer, configured by the kit's ``jupyter_config.py``.

Trainees should reach the course with one command and one address. So the server is
Voila with two small additions: it loads the kit's own configuration file (template,
theme, hidden tracebacks, kernel pre-heating, work folder) instead of scattered flags,
and the bare address ``http://localhost:PORT/`` leads to the course home page rather
than to a file listing. Everything else is stock Voila, so a hub can run the same
notebooks with the same configuration.
"""

from __future__ import annotations

import errno
import os
import socket
import sys
from pathlib import Path

# Start-up time matters (a trainee waits for the first page). Jupyter's event logger
# imports jsonschema, which imports ``rfc3987_syntax`` when it is installed only to check
# IRI strings in event schemas -- and that package compiles a grammar for ~2 s on import.
# Marking it absent makes jsonschema skip that one optional format check; nothing the kit
# serves uses it. (Must run before Voila, and so jupyter_events, is imported.)
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

from tornado.web import RedirectHandler  # noqa: E402
from traitlets import Unicode  # noqa: E402
from voila.app import Voila  # noqa: E402

from coachkit.errors import ConfigError, InputError

CONFIG_NAME = "jupyter_config.py"


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

    def init_handlers(self) -> list:
        """Voila's handlers, plus ``/`` -> the home page (checked first)."""
        return [(self.server_url, RedirectHandler, {"url": self.home_url()}),
                *super().init_handlers()]


def make_server(*, port: int = 8866, open_browser: bool = True,
                config: str | os.PathLike[str] | None = None) -> CoachKitServer:
    """Create (not start) the course server with the kit's configuration.

    Options given here win over the configuration file, as command-line options do.
    """
    file = config_path(config)
    _check_port_free(port)
    app = CoachKitServer()
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
