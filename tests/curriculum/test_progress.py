"""Progress is read from the trainee's own folder and written there atomically."""

from __future__ import annotations

import json
import stat
from datetime import UTC, datetime

import pytest

from coachkit.curriculum import load_curriculum
from coachkit.errors import InputError
from coachkit.progress import (
    MAX_REFLECTION_CHARS,
    curriculum_progress,
    load_record,
    module_progress,
    practised,
    record_answer,
    record_path,
    save_reflection,
)
from coachkit.scenarios.transcript import TranscriptStore, TranscriptTurn
from coachkit.workdir import workdir

COURSE = load_curriculum()
MODULE = "02-data-driven-reflection"
QUESTIONS = COURSE.activities[MODULE].questions


def turn(speaker: str, number: int, *, analysed: bool) -> TranscriptTurn:
    return TranscriptTurn(
        trainee_id="ana", scenario_id="failed-block-exam", attempt=1, turn=number,
        timestamp=datetime.now(UTC), speaker=speaker, text="...",
        analysis={"text": "..."} if analysed else None)


def test_an_untouched_module_is_not_started(work):
    item = module_progress(COURSE, work, MODULE)
    assert (item.status, item.steps_done, item.steps_total) == ("not started", 0, 3 + 1 + 1)
    assert not record_path(work, MODULE).exists()


def test_answers_count_attempts_and_keep_the_first_try(work):
    question = QUESTIONS[0]
    wrong = (question.answer + 1) % len(question.options)
    record_answer(work, MODULE, question.id, choice=wrong, correct=False)
    record = record_answer(work, MODULE, question.id, choice=question.answer, correct=True)
    answer = record.answers[question.id]
    assert (answer.choice, answer.correct, answer.attempts, answer.first_try_correct) == (
        question.answer, True, 2, False)
    assert load_record(work, MODULE) == record


def test_the_record_file_is_private_json_and_leaves_no_temp_files(work):
    record_answer(work, MODULE, QUESTIONS[0].id, choice=0, correct=False)
    file = record_path(work, MODULE)
    assert json.loads(file.read_text())["module_id"] == MODULE
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    assert [p.name for p in file.parent.iterdir()] == [file.name]


def test_a_damaged_record_reads_as_empty_and_is_replaced_on_save(work):
    file = record_path(work, MODULE)
    file.parent.mkdir(parents=True)
    file.write_text("{not json")
    assert load_record(work, MODULE).answers == {}
    save_reflection(work, MODULE, "I will ask first.")
    assert load_record(work, MODULE).reflection == "I will ask first."


def test_reflection_length_is_limited_with_a_clear_message(work):
    with pytest.raises(InputError, match="under 20,000"):
        save_reflection(work, MODULE, "x" * (MAX_REFLECTION_CHARS + 1))


@pytest.mark.parametrize("turns, expected", [
    ([], False),
    ([("system", False), ("student", False)], False),
    ([("system", False), ("student", False), ("coach", True)], True),
    ([("system", False), ("coach", False), ("student", True)], True),  # coachee track
])
def test_a_scenario_counts_as_practised_once_the_trainee_replied(work, turns, expected):
    store = TranscriptStore(work.transcript_path("failed-block-exam"))
    for number, (speaker, analysed) in enumerate(turns, start=1):
        store.append(turn(speaker, number, analysed=analysed))
    assert practised(work, "failed-block-exam") is expected


def test_a_module_is_done_when_checks_practice_and_reflection_are_done(work):
    for question in QUESTIONS:
        record_answer(work, MODULE, question.id, choice=question.answer, correct=True)
    assert module_progress(COURSE, work, MODULE).status == "in progress"
    TranscriptStore(work.transcript_path("failed-block-exam")).append(
        turn("coach", 2, analysed=True))
    save_reflection(work, MODULE, "  ")
    assert module_progress(COURSE, work, MODULE).reflection_written is False
    save_reflection(work, MODULE, "Ask before sharing the practice log.")
    item = module_progress(COURSE, work, MODULE)
    assert (item.status, item.steps_done) == ("done", item.steps_total)


def test_trainees_never_see_each_others_progress(work, monkeypatch):
    record_answer(work, MODULE, QUESTIONS[0].id, choice=QUESTIONS[0].answer, correct=True)
    monkeypatch.setenv("COACHKIT_TRAINEE", "ben")
    other = workdir()
    assert other.path != work.path
    statuses = {item.module.id: item.status for item in curriculum_progress(COURSE, other)}
    assert set(statuses.values()) == {"not started"}
    assert module_progress(COURSE, work, MODULE).status == "in progress"
