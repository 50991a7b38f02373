"""Does ``coachkit course`` map each step to the library and report plainly?"""

from __future__ import annotations

import pytest

from coachkit.cli import main
from coachkit.grading.outcome import StepReport


def test_not_a_course_folder_is_a_clear_error(tmp_path, capsys):
    assert main(["course", "report", "--course", str(tmp_path)]) == 2
    assert "is not a course folder" in capsys.readouterr().err


@pytest.mark.parametrize(("argv", "function", "kwargs"), [
    (["release", "a1", "--due", "2025-03-14 17:00", "--exchange"], "release", {"due": "2025-03-14 17:00", "to_exchange": True}),
    (["collect", "a1", "--from", "inbox.zip"], "collect", {"source": "inbox.zip"}),
    (["autograde", "a1", "--trainee", "t1", "--execution", "shared-kernel", "--no-progress"], "autograde",
     {"trainees": ["t1"], "execution": "shared-kernel", "progress": False}),
    (["feedback", "a1", "--release"], "generate_feedback", {"release": True, "progress": True}),
])
def test_steps_call_the_library(monkeypatch, tmp_path, capsys, argv, function, kwargs):
    (tmp_path / "nbgrader_config.py").write_text("c = get_config()\n")
    calls = []

    def fake(course, assignment_id, **options):
        calls.append((course.root, assignment_id, {k: str(v) if k == "source" else v for k, v in options.items()}))
        report = StepReport(function, assignment_id, done=["t1"])
        report.problem("t2", "the notebook is damaged")
        return report

    monkeypatch.setattr(f"coachkit.grading.{function}", fake, raising=False)
    assert main(["course", *argv[:1], "--course", str(tmp_path), *argv[1:]]) == 0
    root, assignment, options = calls[0]
    assert root == tmp_path.resolve() and assignment == "a1"
    assert {k: options[k] for k in kwargs} == kwargs
    out = capsys.readouterr().out
    assert "1 done, 1 with problems" in out and "t2: the notebook is damaged" in out


def test_init_and_trainees_end_to_end(tmp_path, capsys):
    folder = tmp_path / "ws"
    assert main(["course", "init", str(folder), "--course-id", "ws1"]) == 0
    assert main(["course", "init", str(folder)]) == 0
    assert "already complete" in capsys.readouterr().out
    assert 'course_id = "ws1"' in (folder / "nbgrader_config.py").read_text()
    assert main(["course", "trainees", "add", "ann", "bob", "--course", str(folder)]) == 0
    assert main(["course", "trainees", "list", "--course", str(folder)]) == 0
    assert capsys.readouterr().out.splitlines()[-2:] == ["ann", "bob"]
