"""Knowledge checks: immediate feedback for every option, answers kept, markup escaped."""

from __future__ import annotations

import pytest

from coachkit.curriculum import load_curriculum
from coachkit.progress import load_record
from coachkit.ui.quiz import NOT_SAVED, Quiz
from coachkit.workdir import workdir

COURSE = load_curriculum()
MODULE = "06-illusion-of-knowing"


@pytest.fixture()
def trainee(tmp_path, monkeypatch):
    monkeypatch.setenv("COACHKIT_WORK", str(tmp_path / "work"))
    monkeypatch.setenv("COACHKIT_TRAINEE", "ana")
    return workdir()


@pytest.mark.parametrize("choice", range(4))
def test_every_option_gives_its_own_feedback_at_once(trainee, choice):
    quiz = Quiz(MODULE)
    box = quiz.questions[0]
    box.buttons[choice].click()
    option = box.question.options[choice]
    expected = "Right." if option.correct else "Not quite."
    assert expected in box.feedback.value
    assert option.feedback.split()[0] in box.feedback.value
    chosen = "ck-chosen-right" if option.correct else "ck-chosen-wrong"
    assert chosen in box.buttons[choice]._dom_classes
    assert all("ck-chosen" not in b._dom_classes
               for i, b in enumerate(box.buttons) if i != choice)


def test_answers_are_saved_and_shown_again_on_the_next_visit(trainee):
    first = Quiz(MODULE)
    box = first.questions[1]
    box.buttons[box.question.answer].click()
    record = load_record(trainee, MODULE)
    assert record.answers[box.question.id].correct is True
    again = Quiz(MODULE).questions[1]
    assert "Right." in again.feedback.value
    assert "ck-chosen" in again.buttons[box.question.answer]._dom_classes


def test_without_a_trainee_name_feedback_still_works_and_a_note_explains(tmp_path, monkeypatch):
    monkeypatch.setenv("COACHKIT_WORK", str(tmp_path / "work"))
    monkeypatch.delenv("COACHKIT_TRAINEE", raising=False)
    quiz = Quiz(MODULE)
    assert NOT_SAVED.split(",")[0] in quiz.children[0].value
    quiz.questions[0].buttons[0].click()
    assert quiz.questions[0].feedback.value
    assert not (tmp_path / "work").exists() or not any((tmp_path / "work").rglob("*.json"))


def test_question_text_is_escaped(trainee, tmp_path):
    folder = tmp_path / "course"
    (folder / "checks").mkdir(parents=True)
    (folder / "curriculum.yaml").write_text(
        "title: T\nmodules:\n  - {id: 00-x, number: 0, title: X, minutes: 5, skill: s, "
        "summary: s}\n", encoding="utf-8")
    (folder / "checks" / "00-x.yaml").write_text(
        "module: 00-x\nquestions:\n  - id: q\n    prompt: '<img src=x onerror=alert(1)>'\n"
        "    options:\n      - {text: a, correct: true, feedback: '<b>bold</b> claim'}\n"
        "      - {text: b, feedback: 'no'}\nreflection: {prompt: p}\n", encoding="utf-8")
    quiz = Quiz("00-x", curriculum=load_curriculum(folder))
    box = quiz.questions[0]
    box.buttons[0].click()
    header = box.children[0].value
    assert "<img" not in header and "&lt;img src=x onerror=alert(1)&gt;" in header
    assert "<b>" not in box.feedback.value and "&lt;b&gt;bold" in box.feedback.value
