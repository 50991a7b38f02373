"""The work-directory contract: where work goes, whose it is, and no escaping it."""

from __future__ import annotations

import pytest

from coachkit import workdir as wd
from coachkit.errors import ConfigError, InputError


def test_env_root_and_trainee_folder(isolated_work):
    folder = wd.workdir()
    assert folder.path == isolated_work.resolve() / "tester"
    assert folder.transcript_path("first-meeting").parent.is_dir()
    assert oct(folder.path.stat().st_mode & 0o777) == "0o700"


def test_hub_user_wins_over_trainee_variable(monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "dr.ada@uni")
    assert wd.workdir().trainee_id == "dr.ada@uni"


def test_jupyter_config_sets_root(tmp_path, monkeypatch):
    monkeypatch.delenv("COACHKIT_WORK")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "jupyter_config.py").write_text("c.CoachKit.work_dir = 'course-work'\n")
    wd._configured_root.cache_clear()
    assert wd.work_root() == (tmp_path / "course-work").resolve()


def test_default_root_is_cwd(tmp_path, monkeypatch):
    monkeypatch.delenv("COACHKIT_WORK")
    monkeypatch.chdir(tmp_path)
    wd._configured_root.cache_clear()
    assert wd.work_root() == (tmp_path / "coachkit-work").resolve()


def test_trainees_never_share(monkeypatch):
    monkeypatch.setenv("COACHKIT_TRAINEE", "ana")
    first = wd.workdir().transcript_path("x")
    monkeypatch.setenv("COACHKIT_TRAINEE", "ben")
    second = wd.workdir().transcript_path("x")
    assert first != second and first.parent.parent.name == "ana"


def test_unknown_trainee_is_asked_once_then_remembered(isolated_work, monkeypatch):
    monkeypatch.delenv("COACHKIT_TRAINEE")
    with pytest.raises(ConfigError, match="COACHKIT_TRAINEE"):
        wd.workdir()
    wd.remember_trainee_id(" carla ")
    assert wd.workdir().trainee_id == "carla"


@pytest.mark.parametrize(
    "bad", ["../etc", "a/b", "a\\b", "..", ".hidden", "", "x" * 129, "na me", "a..b"]
)
def test_unsafe_ids_are_refused(bad):
    with pytest.raises(InputError):
        wd.safe_id(bad, what="trainee id")


def test_unsafe_trainee_from_environment_is_refused(monkeypatch):
    monkeypatch.setenv("COACHKIT_TRAINEE", "../../root")
    with pytest.raises(InputError, match="path separators"):
        wd.workdir()
