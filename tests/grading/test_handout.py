"""Is an assignment handed out with the right due date, again and again, and to the exchange?"""

from __future__ import annotations

import pytest

from coachkit.errors import InputError
from coachkit.grading import release
from coachkit.grading.handout import parse_due


@pytest.mark.parametrize(("text", "expected"), [
    ("2025-03-14 17:00", "2025-03-14 17:00"),
    ("2025-03-14 17:00 Europe/Paris", "2025-03-14 16:00"),
    ("2025-03-14 17:00 +0100", None),
    ("2025-03-14 17:00 Mars/Olympus", None),
    ("next friday", None),
])
def test_due_dates(text, expected):
    if expected is None:
        with pytest.raises(InputError):
            parse_due(text)
    else:
        assert f"{parse_due(text):%Y-%m-%d %H:%M}" == expected


def test_release_again_keeps_the_due_date(course, assignment_id):
    release(course, assignment_id)  # no --due this time
    with course.gradebook() as gb:
        assert f"{gb.find_assignment(assignment_id).duedate:%Y-%m-%d %H:%M}" == "2025-03-14 17:00"
    assert (course.path("release", ".", assignment_id) / f"{assignment_id}.ipynb").is_file()


def test_release_to_the_exchange(course, assignment_id, tmp_path):
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    config = course.root / "nbgrader_config.py"
    config.write_text(config.read_text() + f"\nc.Exchange.root = {str(exchange)!r}\n")
    report = release(course, assignment_id, to_exchange=True)
    assert "released to the nbgrader exchange" in report.notes
    assert (exchange / "test-course" / "outbound" / assignment_id / f"{assignment_id}.ipynb").is_file()


def test_unknown_assignment_lists_the_known_ones(course):
    with pytest.raises(InputError, match="available: .*supportive-climate"):
        release(course, "no-such-thing")
