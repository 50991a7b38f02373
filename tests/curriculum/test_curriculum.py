"""The shipped curriculum loads, is complete, and bad files are reported by file and field."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from coachkit.curriculum import load_curriculum
from coachkit.errors import ConfigError
from coachkit.scenarios.loader import load_scenario

SHIPPED = load_curriculum()

GOOD_MODULE = """\
title: Test course
modules:
  - id: 00-only
    number: 0
    title: Only module
    minutes: 10
    skill: Testing
    summary: A module for tests.
    scenarios: [first-meeting]
"""
GOOD_CHECKS = """\
module: 00-only
questions:
  - id: q1
    prompt: Which is right?
    options:
      - {text: This one, correct: true, feedback: Because it is.}
      - {text: That one, feedback: Because it is not.}
reflection:
  prompt: Write something.
"""


def write_course(folder: Path, curriculum: str = GOOD_MODULE, checks: str = GOOD_CHECKS) -> Path:
    (folder / "checks").mkdir(parents=True)
    (folder / "curriculum.yaml").write_text(curriculum, encoding="utf-8")
    (folder / "checks" / "00-only.yaml").write_text(checks, encoding="utf-8")
    return folder


def test_the_shipped_course_has_the_handbook_modules_and_a_student_track():
    faculty = [m.id.split("-", 1)[1] for m in SHIPPED.track("faculty")]
    assert faculty == ["coaching-mentoring-advising", "supportive-climate",
                       "data-driven-reflection", "professional-identity", "smart-goals",
                       "longitudinal-relationship", "illusion-of-knowing", "analytics-co-pilot"]
    assert [m.id for m in SHIPPED.track("student")] == ["08-being-a-good-coachee"]


@pytest.mark.parametrize("module", SHIPPED.modules, ids=lambda m: m.id)
def test_every_module_has_a_notebook_checks_a_reflection_and_real_scenarios(module):
    activities = SHIPPED.activities[module.id]
    assert (SHIPPED.folder / module.notebook).is_file()
    assert len(activities.questions) >= 3
    assert activities.reflection.prompt
    assert module.scenarios, "every module embeds at least one scenario"
    for scenario_id in module.scenarios:
        assert load_scenario(scenario_id).id == scenario_id


@pytest.mark.parametrize("question", [q for a in SHIPPED.activities.values() for q in a.questions],
                         ids=lambda q: q.id)
def test_every_option_of_every_check_has_its_own_feedback(question):
    feedbacks = [option.feedback.strip() for option in question.options]
    assert all(len(f) > 20 for f in feedbacks)
    assert len(set(feedbacks)) == len(feedbacks)
    assert question.options[question.answer].correct


def test_a_valid_course_loads(tmp_path):
    course = load_curriculum(write_course(tmp_path))
    assert course.module("00-only").notebook == "00-only.ipynb"
    assert course.activities["00-only"].questions[0].answer == 0


@pytest.mark.parametrize("checks, message", [
    (GOOD_CHECKS.replace("correct: true", "correct: false"),
     "must have exactly one option with 'correct: true' (found 0)"),
    (GOOD_CHECKS.replace("{text: That one,", "{text: That one, correct: true,"),
     "(found 2)"),
    (GOOD_CHECKS.replace("feedback: Because it is not.", "fedback: Because it is not."),
     "questions → 0 → options → 1 → fedback: unknown field"),
    (GOOD_CHECKS.replace("module: 00-only", "module: 01-other"),
     "module: says '01-other' but the file belongs to module '00-only'"),
    (GOOD_CHECKS.replace("reflection:\n  prompt: Write something.\n", ""),
     "reflection: this required field is missing"),
    (GOOD_CHECKS + "  - : [", "this is not valid YAML"),
])
def test_a_bad_checks_file_is_reported_with_file_and_field(tmp_path, checks, message):
    write_course(tmp_path, checks=checks)
    with pytest.raises(ConfigError) as error:
        load_curriculum(tmp_path)
    assert message in str(error.value)
    assert "00-only.yaml" in str(error.value)


@pytest.mark.parametrize("curriculum, message", [
    (GOOD_MODULE.replace("id: 00-only", "id: only"), "modules → 0 → id"),
    (GOOD_MODULE.replace("minutes: 10", "minutes: 0"), "modules → 0 → minutes"),
    (GOOD_MODULE.replace("    minutes: 10\n", ""), "modules → 0 → minutes: this required field"),
    (GOOD_MODULE.replace("title: Only module", "title: Only module\n    track: nurses"),
     "modules → 0 → track"),
])
def test_a_bad_curriculum_file_is_reported_with_file_and_field(tmp_path, curriculum, message):
    write_course(tmp_path, curriculum=curriculum)
    with pytest.raises(ConfigError) as error:
        load_curriculum(tmp_path)
    assert message in str(error.value)
    assert "curriculum.yaml" in str(error.value)


def test_a_missing_checks_file_is_named(tmp_path):
    write_course(tmp_path)
    (tmp_path / "checks" / "00-only.yaml").unlink()
    with pytest.raises(ConfigError, match=r"00-only\.yaml: file not found"):
        load_curriculum(tmp_path)


def test_an_unknown_module_lists_the_known_ones():
    with pytest.raises(ConfigError, match="unknown module 'nope'.*00-coaching-mentoring-advising"):
        SHIPPED.module("nope")


def test_edits_are_picked_up_without_restarting(tmp_path):
    write_course(tmp_path)
    assert load_curriculum(tmp_path).title == "Test course"
    file = tmp_path / "curriculum.yaml"
    file.write_text(GOOD_MODULE.replace("Test course", "Renamed course"), encoding="utf-8")
    os.utime(file, (file.stat().st_atime, file.stat().st_mtime + 5))
    assert load_curriculum(tmp_path).title == "Renamed course"
