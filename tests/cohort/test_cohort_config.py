"""CohortConfig: bad parameters are InputError/ConfigError naming the field and value."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from pydantic import ValidationError

from coachkit.cohort import ARCHETYPES, Block, Calendar, CohortConfig, Effects
from coachkit.errors import CoachKitError, ConfigError, InputError


@pytest.mark.parametrize(
    ("kwargs", "needle"),
    [
        ({"students": -5}, "students"),
        ({"students": 0}, "students"),
        ({"students": 2.5}, "whole number"),
        ({"students": True}, "whole number"),
        ({"students": 10**9}, "students"),
        ({"seed": -1}, "seed"),
        ({"mix": {"steady": 1, "lazy": 1}}, "unknown archetype 'lazy'"),
        ({"mix": {"steady": -0.2, "improving": 1}}, ">= 0"),
        ({"mix": {"steady": 0}}, "at least one archetype"),
        ({"effects": {"retrieval_points_per_10pp": "a lot"}}, "retrieval_points_per_10pp"),
        ({"effects": {"not_an_effect": 1}}, "not_an_effect"),
        ({"calendar": {"start_date": "2024-08-06"}}, "Monday"),
        ({"calendar": {"weeks": 50}}, "beyond weeks"),
        ({"calendar": {"practice_exam_weeks": [60, 55]}}, "increasing"),
    ],
)
def test_bad_parameters_raise_input_error_naming_them(kwargs, needle):
    with pytest.raises(InputError) as info:
        CohortConfig(**kwargs)
    assert needle in str(info.value)
    assert isinstance(info.value, CoachKitError)


def test_overlapping_blocks_are_rejected():
    blocks = (Block(topic="a", label="A", start_week=0, exam_week=10),
              Block(topic="b", label="B", start_week=5, exam_week=15))
    with pytest.raises(InputError, match="without overlap"):
        Calendar(blocks=blocks)


def test_block_exam_must_follow_its_start():
    with pytest.raises(InputError, match="must come after"):
        Block(topic="a", label="A", start_week=5, exam_week=5)


def test_defaults_are_the_shipped_cohort():
    config = CohortConfig()
    assert (config.students, config.seed) == (60, 2024)
    assert set(config.mix) == set(ARCHETYPES)
    assert abs(sum(config.shares.values()) - 1) < 1e-12
    assert config.calendar.start_date == dt.date(2024, 8, 5)
    assert len(config.calendar.blocks) == 8


def test_config_is_frozen():
    config = CohortConfig()
    with pytest.raises(ValidationError, match="frozen"):
        config.students = 3


def test_json_round_trip_is_stable(tmp_path):
    config = CohortConfig(students=12, seed=9, mix={"steady": 2, "overconfident": 1})
    path = tmp_path / "c.json"
    path.write_text(config.to_json())
    again = CohortConfig.from_file(path)
    assert again == config
    assert again.to_json() == config.to_json()
    assert json.loads(config.to_json())["effects"]["retrieval_points_per_10pp"] == 2.0


def test_yaml_file_may_hold_only_what_it_changes(tmp_path):
    path = tmp_path / "cohort.yaml"
    path.write_text("students: 40\neffects:\n  retrieval_points_per_10pp: 0\n"
                    "archetypes:\n  overconfident:\n    confidence_bias: 25\n")
    config = CohortConfig.from_file(path, seed=3)
    assert (config.students, config.seed) == (40, 3)
    assert config.effects.retrieval_points_per_10pp == 0
    assert config.effects.stress_points == Effects().stress_points
    assert config.archetypes["overconfident"].confidence_bias == 25
    assert config.archetypes["overconfident"].label == ARCHETYPES["overconfident"].label


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("students: -1\n", "students"),
        ("- just\n- a list\n", "mapping"),
        ("students: [\n", "not valid YAML"),
        ("archetypes:\n  newbie:\n    label: x\n", "newbie"),
    ],
)
def test_bad_files_raise_config_error_naming_the_file(tmp_path, text, needle):
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError) as info:
        CohortConfig.from_file(path)
    assert str(path) in str(info.value)
    assert needle in str(info.value)


def test_missing_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="cannot read"):
        CohortConfig.from_file(tmp_path / "nope.yaml")
