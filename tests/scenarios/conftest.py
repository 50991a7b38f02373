"""Shared fixtures for the scenario tests: an isolated work folder and trainee."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def isolated_work(tmp_path, monkeypatch):
    """Every test writes into its own work folder as trainee ``tester``."""
    root = tmp_path / "work"
    monkeypatch.setenv("COACHKIT_WORK", str(root))
    monkeypatch.setenv("COACHKIT_TRAINEE", "tester")
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(tmp_path / "jupyter-config"))
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jupyter-data"))
    return root
