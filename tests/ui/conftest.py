"""Fixtures for the simulation and reply-practice widget tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def work(tmp_path, monkeypatch):
    """A fresh work folder for trainee ``tester`` per test."""
    root = tmp_path / "work"
    monkeypatch.setenv("COACHKIT_WORK", str(root))
    monkeypatch.setenv("COACHKIT_TRAINEE", "tester")
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    return root
