"""The practice room: the scenario named in the address, or the list of all of them."""

from __future__ import annotations

import re

import pytest

from coachkit.curriculum import load_curriculum
from coachkit.ui.practice_room import PracticeRoom, practice_link, requested_scenario
from coachkit.ui.simulation import Simulation

COURSE = load_curriculum()


@pytest.fixture(autouse=True)
def trainee(tmp_path, monkeypatch):
    monkeypatch.setenv("COACHKIT_WORK", str(tmp_path / "work"))
    monkeypatch.setenv("COACHKIT_TRAINEE", "ana")
    monkeypatch.delenv("QUERY_STRING", raising=False)


@pytest.mark.parametrize("query, expected", [
    ("", None),
    ("scenario=first-meeting", "first-meeting"),
    ("x=1&scenario=smart-goal", "smart-goal"),
    ("scenario=", None),
    ("other=first-meeting", None),
])
def test_the_scenario_comes_from_the_query_string(monkeypatch, query, expected):
    monkeypatch.setenv("QUERY_STRING", query)
    assert requested_scenario() == expected


def test_without_a_scenario_every_scenario_of_the_course_is_listed():
    page = PracticeRoom().children[0].value
    links = re.findall(r'href="practice\.ipynb\?scenario=([a-z-]+)"', page)
    assert links == [s for m in COURSE.modules for s in m.scenarios]
    assert "Module 4: Co-creating SMART goals" in page


def test_the_scenario_in_the_address_is_played_with_a_way_back(monkeypatch):
    monkeypatch.setenv("QUERY_STRING", "scenario=first-meeting")
    room = PracticeRoom()
    nav, conversation = room.children
    assert isinstance(conversation, Simulation)
    assert conversation.scenario.id == "first-meeting"
    assert 'href="01-supportive-climate.ipynb"' in nav.value
    assert f'href="{practice_link("x").split("?")[0]}"' in nav.value


@pytest.mark.parametrize("bad", ["no-such-scenario", "<script>alert(1)</script>"])
def test_an_unknown_scenario_is_explained_and_the_list_offered(bad):
    room = PracticeRoom(scenario=bad)
    message, catalogue = room.children
    assert "could not be opened" in message.value
    assert "<script>" not in message.value
    assert "practice.ipynb?scenario=first-meeting" in catalogue.value
