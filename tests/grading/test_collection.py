"""Are submissions collected from a folder or an LMS zip, mapped to the right trainee, safely again?"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from coachkit.grading import collect
from coachkit.grading.collection import submitted_trainees


def _released(course, assignment_id: str) -> Path:
    return course.path("release", ".", assignment_id) / f"{assignment_id}.ipynb"


def test_folder_per_trainee_is_collected_with_transcript_and_timestamp(course, assignment_id, tmp_path):
    inbox = tmp_path / "inbox"
    for trainee in ("ann", "bob"):
        (inbox / trainee / assignment_id).mkdir(parents=True)
        shutil.copy(_released(course, assignment_id), inbox / trainee / assignment_id)
    (inbox / "ann" / assignment_id / "first-meeting.jsonl").write_text("{}\n")
    (inbox / "ann" / assignment_id / "timestamp.txt").write_text("2025-03-14 12:00:00.000000 UTC")
    report = collect(course, assignment_id, source=inbox)
    assert submitted_trainees(course, assignment_id) == ["ann", "bob"]
    ann = course.path("submitted", "ann", assignment_id)
    assert (ann / "first-meeting.jsonl").exists() and (ann / "timestamp.txt").read_text().startswith("2025-03-14 12:00")
    assert any("missing transcript" in m for m in report.problems["bob"])
    assert not any("missing transcript" in m for m in report.problems["ann"])


def test_lms_zip_with_flat_names(course, assignment_id, tmp_path):
    archive = tmp_path / "downloads.zip"
    notebook = _released(course, assignment_id).read_bytes()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr(f"cara_12345_67890_{assignment_id}.ipynb", notebook)
        z.writestr("cara_12345_67891_first-meeting.jsonl", "{}\n")
        z.writestr(f"dev_late_22222_33333_{assignment_id}-1.ipynb", notebook)  # re-upload, marked late
        z.writestr("eve_11111_notes.txt", "not a submission")
        z.writestr(f"bad..id_1_{assignment_id}.ipynb", notebook)
    report = collect(course, assignment_id, source=archive)
    assert submitted_trainees(course, assignment_id) == ["cara", "dev"]
    assert (course.path("submitted", "cara", assignment_id) / "first-meeting.jsonl").exists()
    assert (course.path("submitted", "dev", assignment_id) / f"{assignment_id}.ipynb").exists()
    assert any("marked this submission as late" in m for m in report.problems["dev"])
    assert any("notes.txt" in n for n in report.notes)
    assert any("bad..id" in n and "not a valid trainee id" in n for n in report.notes)


def test_collecting_again_replaces_and_never_duplicates(course, assignment_id, tmp_path):
    inbox = tmp_path / "inbox"
    (inbox / "ann").mkdir(parents=True)
    shutil.copy(_released(course, assignment_id), inbox / "ann")
    collect(course, assignment_id, source=inbox)
    first = sorted(p.name for p in course.path("submitted", "ann", assignment_id).iterdir())
    collect(course, assignment_id, source=inbox)
    assert sorted(p.name for p in course.path("submitted", "ann", assignment_id).iterdir()) == first
    with course.gradebook() as gb:
        assert [s.id for s in gb.students] == ["ann"]


def test_collecting_before_release_says_what_to_do(course, tmp_path):
    with pytest.raises(Exception, match="has not been released yet"):
        collect(course, "smart-goals", source=tmp_path)


def test_exchange_round_trip(course, assignment_id, tmp_path, monkeypatch):
    """JupyterHub path: release to nbgrader's exchange, a trainee fetches and submits, we collect."""
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange.default import ExchangeFetchAssignment, ExchangeSubmit
    from traitlets.config import Config

    from coachkit.grading import release

    exchange, home = tmp_path / "exchange", tmp_path / "ann"
    exchange.mkdir()
    home.mkdir()
    config_file = course.root / "nbgrader_config.py"
    config_file.write_text(config_file.read_text() + f"\nc.Exchange.root = {str(exchange)!r}\n")
    release(course, assignment_id, to_exchange=True)
    trainee = Config()
    trainee.Exchange.root, trainee.CourseDirectory.course_id = str(exchange), "test-course"
    trainee.CourseDirectory.root = str(home)
    monkeypatch.chdir(home)
    folder = CourseDirectory(config=trainee)
    folder.assignment_id = assignment_id
    auth = Authenticator(config=trainee)
    ExchangeFetchAssignment(coursedir=folder, authenticator=auth, config=trainee).start()
    (home / assignment_id / "first-meeting.jsonl").write_text("{}\n")
    folder.student_id = "ann"
    ExchangeSubmit(coursedir=folder, authenticator=auth, config=trainee).start()
    report = collect(course, assignment_id)
    assert report.done == ["ann"]
    submitted = course.path("submitted", "ann", assignment_id)
    assert (submitted / "first-meeting.jsonl").exists() and (submitted / "timestamp.txt").exists()
