"""Are the nbgrader source notebooks built from the modules, valid for nbgrader, and current?"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from coachkit.errors import ConfigError
from coachkit.grading.blueprint import build_notebook, grading_dir, load_blueprints, write_sources
from coachkit.grading.cells import score_goal

BLUEPRINTS = load_blueprints()


def test_committed_sources_match_the_blueprints_and_modules(tmp_path):
    """If this fails, run: coachkit course build-sources --course grading"""
    (tmp_path / "assignments.yaml").write_text((grading_dir() / "assignments.yaml").read_text())
    for path in write_sources(grading=tmp_path):
        committed = grading_dir() / path.relative_to(tmp_path)
        assert committed.read_text() == path.read_text(), f"{committed} is out of date"


def test_every_module_with_an_assignment_exists_and_ids_are_unique():
    from coachkit.curriculum import load_curriculum

    modules = {m.id for m in load_curriculum().modules}
    assert {b.module for b in BLUEPRINTS} <= modules
    assert len({b.id for b in BLUEPRINTS}) == len(BLUEPRINTS)


@pytest.mark.parametrize("blueprint", BLUEPRINTS, ids=lambda b: b.id)
def test_source_notebook_has_the_cell_kinds_nbgrader_needs(blueprint):
    nb = build_notebook(blueprint)
    nbformat.validate(nb)
    meta = [c.metadata["nbgrader"] for c in nb.cells]
    ids = [m["grade_id"] for m in meta]
    assert len(set(ids)) == len(ids)
    autograded_tests = [m for m in meta if m["grade"] and not m["solution"]]
    manual = [m for m in meta if m["grade"] and m["solution"]]
    answers = [m for m in meta if m["solution"] and not m["grade"]]
    assert autograded_tests and manual == [next(m for m in meta if m["grade_id"] == "reflection")]
    assert len(answers) == len(autograded_tests) - (1 if blueprint.scenario else 0)
    hidden = [c.source for c in nb.cells if "BEGIN HIDDEN TESTS" in c.source]
    assert all("knowledge_check(" in h for h in hidden)


def test_model_goal_earns_full_credit():
    for blueprint in (b for b in BLUEPRINTS if b.goal):
        goal = blueprint.goal
        assert float(score_goal(goal.model_goal, points=goal.points, student_data=goal.student_data)) == goal.points


def test_bad_blueprint_names_the_file_and_field(tmp_path):
    bad = tmp_path / "assignments.yaml"
    bad.write_text("assignments:\n  - id: Bad Id\n    module: 01-supportive-climate\n")
    with pytest.raises(ConfigError, match=r"assignments.yaml: assignments.0.id"):
        load_blueprints(bad)


def test_grading_folder_is_an_nbgrader_course():
    root: Path = grading_dir()
    assert (root / "nbgrader_config.py").is_file()
    assert sorted(p.name for p in (root / "source").iterdir()) == sorted(b.id for b in BLUEPRINTS)
