"""``coachkit serve``: options reach the server, the kit's configuration is loaded, and a
busy port or a missing file is a one-line message instead of a traceback."""

from __future__ import annotations

import asyncio
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from unittest import mock

import nbformat
import pytest
from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from jupyter_server.services.kernels.kernelmanager import ServerKernelManager

from coachkit.cli import main
from coachkit.errors import ConfigError, InputError
from coachkit.server import (CoachKitServer, ReadyKernelClient, config_path, kit_root,
                             make_server)


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


def _kit(root: Path, pools: dict) -> Path:
    """A kit folder with three notebooks and a configuration naming ``pools``."""
    for page in ("modules/index.ipynb", "modules/other.ipynb", "extra/deep/page.ipynb"):
        (root / page).parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nbformat.v4.new_notebook(), root / page)
    config = root / "jupyter_config.py"
    config.write_text(f"c.Voila.root_dir = {str(root)!r}\n"
                      "c.VoilaConfiguration.preheat_kernel = True\n"
                      f"c.VoilaKernelManager.kernel_pools_config = {pools!r}\n", encoding="utf-8")
    return config


class _Walked(Exception):
    pass


def test_only_the_named_notebooks_are_preheated_and_the_folder_is_not_walked(
        tmp_path, monkeypatch):
    # pool_size 0 keeps kernels from starting; the pools themselves show what was named
    config = _kit(tmp_path, {"default": {"pool_size": 0}, "modules/index.ipynb": {"pool_size": 0},
                             "modules/other.ipynb": {"pool_size": 0},
                             "modules/missing.ipynb": {"pool_size": 0}})
    app = make_server(port=free_port(), open_browser=False, config=config)
    monkeypatch.setattr(Path, "rglob", mock.Mock(side_effect=_Walked))
    app.init_settings()
    assert set(app.kernel_manager._pools) == {"modules/index.ipynb", "modules/other.ipynb"}
    assert app.notebook_path is None, "still serving the folder, not one notebook"


def test_when_every_notebook_may_be_preheated_voila_looks_for_them(tmp_path, monkeypatch):
    config = _kit(tmp_path, {"default": {"pool_size": 1}, "modules/index.ipynb": {"pool_size": 1}})
    app = make_server(port=free_port(), open_browser=False, config=config)
    monkeypatch.setattr(Path, "rglob", mock.Mock(side_effect=_Walked))
    with pytest.raises(_Walked):
        app.init_settings()


def test_the_servers_kernels_use_the_prompt_client():
    app = make_server(port=free_port(), open_browser=False)
    assert ServerKernelManager(config=app.config).client_factory is ReadyKernelClient


def _run(scenario):
    """Run a coroutine on its own loop, in a thread: the browser tests keep a loop running."""
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, scenario()).result()


async def _started_kernel() -> AsyncKernelManager:
    manager = AsyncKernelManager(
        kernel_name="python3",
        client_class=f"{ReadyKernelClient.__module__}.{ReadyKernelClient.__name__}")
    await manager.start_kernel()
    return manager


async def _ready_seconds(client) -> float:
    client.start_channels()
    try:
        started = time.perf_counter()
        await client.wait_for_ready(timeout=60)
        return time.perf_counter() - started
    finally:
        client.stop_channels()


def test_a_ready_kernel_runs_the_first_cell_with_its_output_and_without_a_fixed_wait():
    async def scenario() -> tuple[list[str], float, float]:
        manager = await _started_kernel()
        try:
            client = manager.client()
            client.start_channels()
            await client.wait_for_ready(timeout=60)
            msg_id = client.execute("print('first cell')")
            texts: list[str] = []
            while True:
                msg = await client.get_iopub_msg(timeout=30)
                if msg["parent_header"].get("msg_id") != msg_id:
                    continue
                if msg["msg_type"] == "stream":
                    texts.append(msg["content"]["text"])
                if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                    break
            client.stop_channels()
            # on the running kernel: ours returns on the answer, stock also drains 0.2 s
            ours = min([await _ready_seconds(manager.client()) for _ in range(3)])
            stock = min([await _ready_seconds(AsyncKernelClient(**manager.get_connection_info(
                session=True))) for _ in range(3)])
            return texts, ours, stock
        finally:
            await manager.shutdown_kernel(now=True)

    texts, ours, stock = _run(scenario)
    assert texts == ["first cell\n"]
    assert stock >= 0.2 and ours < stock


def test_a_dead_kernel_is_reported_instead_of_waited_for():
    async def scenario() -> None:
        manager = await _started_kernel()
        client = manager.client()
        await manager.shutdown_kernel(now=True)
        client.start_channels()
        try:
            await client.wait_for_ready(timeout=30)
        finally:
            client.stop_channels()

    with pytest.raises(RuntimeError, match="Kernel died"):
        _run(scenario)
