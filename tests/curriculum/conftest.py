"""Fixtures for curriculum and progress tests: a private work folder per test."""

from __future__ import annotations

import pytest

from coachkit.workdir import WorkDir, workdir


@pytest.fixture()
def work(tmp_path, monkeypatch) -> WorkDir:
    """A fresh work folder for trainee ``ana``."""
    monkeypatch.setenv("COACHKIT_WORK", str(tmp_path / "work"))
    monkeypatch.setenv("COACHKIT_TRAINEE", "ana")
    return workdir()
