"""Are trainees added once, from ids or a CSV roster, with bad rows named?"""

from __future__ import annotations

import pytest

from coachkit.errors import InputError
from coachkit.grading import add_trainees, list_trainees, read_roster


def test_adding_twice_never_duplicates(course):
    assert add_trainees(course, ["ann", "bob"]) == (["ann", "bob"], [])
    assert add_trainees(course, ["bob", "cy"]) == (["cy"], ["bob"])
    assert [t.id for t in list_trainees(course)] == ["ann", "bob", "cy"]


def test_csv_roster_with_names(course, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("Student_ID,First_Name,Last_Name,Email\nann,Ann,Lee,ann@x.org\n\nbob,,,\n")
    add_trainees(course, read_roster(roster))
    ann = list_trainees(course)[0]
    assert (ann.id, ann.first_name, ann.last_name, ann.email) == ("ann", "Ann", "Lee", "ann@x.org")


@pytest.mark.parametrize(("text", "message"), [
    ("name\nann\n", "line 1: needs a column 'id'"),
    ("id\nann\nbad/id\n", "line 3: trainee id 'bad/id'"),
    ("id\nfirst_name\n", None),
])
def test_bad_rosters(tmp_path, text, message):
    roster = tmp_path / "r.csv"
    roster.write_text(text)
    if message is None:
        assert [t.id for t in read_roster(roster)] == ["first_name"]
        return
    with pytest.raises(InputError, match=message):
        read_roster(roster)

