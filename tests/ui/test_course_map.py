"""The home page's course map: progress per module, links, and asking the name once."""

from __future__ import annotations

import json
import os
import re
import socket
import threading
import time
import uuid

import pytest
from websockets.sync.server import serve

from coachkit.curriculum import load_curriculum
from coachkit.progress import record_answer, save_reflection
from coachkit.ui.progress import ModuleMap, _scenario_titles, _wait_for_page_request
from coachkit.workdir import known_trainee_id, workdir

COURSE = load_curriculum()


@pytest.fixture()
def trainee(tmp_path, monkeypatch):
    monkeypatch.setenv("COACHKIT_WORK", str(tmp_path / "work"))
    monkeypatch.setenv("COACHKIT_TRAINEE", "ana")
    return workdir()


def page(widget: ModuleMap) -> str:
    return widget.children[0].value


def test_every_module_is_linked_in_course_order(trainee):
    links = re.findall(r'class="ck-module-link" href="([^"]+)"', page(ModuleMap()))
    assert links == [m.notebook for m in COURSE.modules]


def test_progress_is_read_from_the_trainees_folder(trainee):
    module = "01-supportive-climate"
    for question in COURSE.activities[module].questions:
        record_answer(trainee, module, question.id, choice=question.answer, correct=True)
    save_reflection(trainee, module, "I will name the limit of confidentiality.")
    html = page(ModuleMap())
    item = re.search(r'<li class="ck-module ck-status-([a-z-]+)">.{0,400}?'
                     r'href="01-supportive-climate.ipynb"', html)
    assert item and item.group(1) == "in-progress"
    assert "4 of 6 steps done" in html
    assert "Saving work for <strong>ana</strong>" in html
    assert 'Next: <a href="00-coaching-mentoring-advising.ipynb">' in html


def test_scenarios_are_named_by_their_titles_and_linked_to_the_practice_room(trainee):
    html = page(ModuleMap())
    assert ('Practice: <a href="practice.ipynb?scenario=first-meeting">A first meeting</a>, '
            '<a href="practice.ipynb?scenario=wellbeing-disclosure">When it is not about '
            'studying</a>') in html


@pytest.mark.parametrize("text, title", [
    ("id: talk\ntitle: A talk about grades\n", "A talk about grades"),
    ("id: talk\ntitle: '  Padded  '\n", "Padded"),
    ("id: talk\n", "Talk about grades"),                     # no title: the id in words
    ("id: talk\ntitle: [not, text]\n", "Talk about grades"),
    ("id: talk\ntitle: \"unclosed\n", "Talk about grades"),   # not YAML
    ("- a list\n", "Talk about grades"),
    (None, "Talk about grades"),                               # no file
])
def test_a_scenario_title_is_read_from_its_file_or_made_from_its_id(
        tmp_path, monkeypatch, text, title):
    monkeypatch.setenv("COACHKIT_SIMULATIONS", str(tmp_path))
    if text is not None:
        (tmp_path / "talk-about-grades.yaml").write_text(text, encoding="utf-8")
    assert _scenario_titles(["talk-about-grades"]) == {"talk-about-grades": title}


def test_the_student_track_is_separate(trainee):
    html = page(ModuleMap())
    assert html.index("Faculty coach track") < html.index("Coachee track (for students)")
    assert html.index("Coachee track") < html.index("08-being-a-good-coachee.ipynb")


def test_a_new_trainee_is_asked_once_for_a_name(tmp_path, monkeypatch):
    monkeypatch.setenv("COACHKIT_WORK", str(tmp_path / "work"))
    monkeypatch.delenv("COACHKIT_TRAINEE", raising=False)
    first = ModuleMap()
    name, button = first.children[1].children
    name.value = "../etc"
    assert "must not contain path separators" in first.children[2].value
    name.value = "Jo Smith"
    assert known_trainee_id() == "Jo-Smith"
    assert "Saving work for <strong>Jo-Smith</strong>" in page(first)
    assert "Saving work for" in page(ModuleMap())


def test_a_preheated_map_reads_the_scenarios_before_waiting_for_the_request(
        trainee, monkeypatch):
    # what does not depend on the trainee is ready in a pre-heated kernel, so the page
    # only has the trainee's progress left to read when it is opened
    import coachkit.ui.progress as course_map

    steps = []
    titles = course_map._scenario_titles
    monkeypatch.setattr(course_map, "_scenario_titles",
                        lambda ids: steps.append("titles") or titles(ids))
    monkeypatch.setattr(course_map, "_wait_for_page_request", lambda: steps.append("request"))
    monkeypatch.setattr(course_map, "curriculum_progress",
                        lambda *args: steps.append("progress") or [])
    ModuleMap()
    assert steps == ["titles", "request", "progress"]


def test_a_preheated_page_waits_for_the_request_and_takes_its_details(monkeypatch):
    kernel = str(uuid.uuid4())
    asked = []

    def voila(socket):
        asked.append(socket.request.path)
        socket.send(json.dumps({"QUERY_STRING": "from=test"}))

    with serve(voila, "127.0.0.1", 0) as fake_voila:
        threading.Thread(target=fake_voila.serve_forever, daemon=True).start()
        for name, value in {"VOILA_PREHEAT": "True", "VOILA_SERVER_URL": "/",
                            "VOILA_APP_PORT": str(fake_voila.socket.getsockname()[1]),
                            "VOILA_KERNEL_ID": kernel, "QUERY_STRING": ""}.items():
            monkeypatch.setenv(name, value)
        _wait_for_page_request()
        fake_voila.shutdown()
    assert asked == [f"/voila/query/{kernel}"]
    assert os.environ["QUERY_STRING"] == "from=test"


def test_without_voila_to_ask_the_map_is_read_at_once(monkeypatch):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    monkeypatch.setenv("VOILA_APP_PORT", str(port))
    monkeypatch.setenv("VOILA_KERNEL_ID", "00000000-0000-0000-0000-000000000000")
    started = time.monotonic()
    _wait_for_page_request()
    assert time.monotonic() - started < 2
