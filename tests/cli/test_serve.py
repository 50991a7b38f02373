"""``coachkit serve``: options reach the server, the kit's configuration is loaded, and a
busy port or a missing file is a one-line message instead of a traceback."""

from __future__ import annotations

import socket
from unittest import mock

import pytest

from coachkit.cli import main
from coachkit.errors import ConfigError, InputError
from coachkit.server import CoachKitServer, config_path, kit_root, make_server


@pytest.fixture(autouse=True)
def _restore_jupyter_path(monkeypatch):
    """Loading jupyter_config.py extends JUPYTER_PATH; undo it after each test."""
    monkeypatch.delenv("JUPYTER_PATH", raising=False)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("argv, expected", [
    (["serve"], {"port": 8866, "open_browser": True, "config": None}),
    (["serve", "--port", "9001", "--no-browser"],
     {"port": 9001, "open_browser": False, "config": None}),
    (["serve", "--config", "other.py"], {"port": 8866, "open_browser": True, "config": "other.py"}),
])
def test_options_reach_the_library(argv, expected):
    with mock.patch("coachkit.server.serve") as serve:
        assert main(argv) == 0
    serve.assert_called_once_with(**expected)


def test_the_kits_configuration_is_loaded():
    app = make_server(port=free_port(), open_browser=False)
    assert isinstance(app, CoachKitServer)
    assert app.root_dir == str(kit_root())
    assert app.voila_configuration.template == "coachkit"
    assert app.voila_configuration.show_tracebacks is False
    assert app.voila_configuration.preheat_kernel is True
    assert app.home_url() == "/voila/render/modules/index.ipynb"
    assert app.open_browser is False and app.port_retries == 0
    assert any(p.endswith("share/jupyter/voila/templates/coachkit") for p in app.template_paths)


def test_a_busy_port_is_explained_in_one_line(capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(InputError, match=f"port {port} is already in use"):
            make_server(port=port, open_browser=False)
        assert main(["serve", "--port", str(port), "--no-browser"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("coachkit serve: port") and "Traceback" not in err


@pytest.mark.parametrize("port", [0, 70000])
def test_an_impossible_port_is_refused(port):
    with pytest.raises(InputError, match="is not a port number"):
        make_server(port=port, open_browser=False)


def test_a_missing_configuration_file_is_named(tmp_path):
    with pytest.raises(ConfigError, match="configuration file not found: .*nope.py"):
        config_path(tmp_path / "nope.py")


def test_a_configuration_without_the_home_page_is_refused(tmp_path):
    config = tmp_path / "jupyter_config.py"
    config.write_text(f"c.Voila.root_dir = {str(tmp_path)!r}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="home page .*modules/index.ipynb does not exist"):
        make_server(port=free_port(), open_browser=False, config=config)
