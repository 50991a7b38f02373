"""Do rubric files load, and do bad ones fail with the file, line and field named?"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coachkit.errors import ConfigError, InputError
from coachkit.rubrics import available_rubrics, json_schema, load_rubric, parse_rubric, rubrics_dir

GOOD = """\
id: tiny
title: Tiny
version: 1
applies_to: reply
description: A tiny rubric.
criteria:
  - id: asks
    title: Asks
    description: Asks an open question.
    feature: act_count
    params: {acts: [open_question]}
    source: test
    levels:
      - {name: good, points: 1, at_least: 1, descriptor: d, feedback: f}
      - {name: none, points: 0, descriptor: d, feedback: f}
"""


@pytest.mark.parametrize("rubric_id", ["coaching-conversation", "coaching-reply", "ilp-goal"])
def test_shipped_rubrics_load_and_every_criterion_cites_a_source(rubric_id):
    rubric = load_rubric(rubric_id)
    assert rubric.id == rubric_id
    assert all(len(c.source) > 20 for c in rubric.criteria)


def test_the_conversation_rubric_is_listed():
    assert "coaching-conversation" in available_rubrics()


def test_a_path_loads_too(tmp_path):
    path = tmp_path / "tiny.yaml"
    path.write_text(GOOD)
    assert load_rubric(path).max_total == 1


@pytest.mark.parametrize(
    ("old", "new", "line", "field", "message"),
    [
        ("at_least: 1,", "at_least: lots,", 14, "criteria[0].levels[0].at_least", "valid number"),
        ("feature: act_count", "feature: act_counter", 10, "criteria[0].feature", "unknown feature 'act_counter'"),
        ("params: {acts: [open_question]}", "params: {verbs: [x]}", 11, "criteria[0].params", "no parameter(s) ['verbs']"),
        ("      - {name: none, points: 0,", "      - {name: none, points: 0, at_most: 3,", 7, "criteria[0]", "last level"),
        ("points: 1, at_least", "points: -1, at_least", 14, "criteria[0].levels[0].points", "greater than or equal"),
        ("version: 1\n", "version: 1\ncolour: red\n", 4, "colour", "Extra inputs"),
        ("    title: Asks\n", "", 7, "criteria[0].title", "Field required"),
        ("id: asks", "id: Asks Me", 7, "criteria[0].id", "pattern"),
    ],
)
def test_errors_name_file_line_and_field(old, new, line, field, message):
    assert old in GOOD
    with pytest.raises(ConfigError) as err:
        parse_rubric(GOOD.replace(old, new, 1), source="rubrics/tiny.yaml")
    text = str(err.value)
    assert f"rubrics/tiny.yaml, line {line}, {field}:" in text
    assert message in text


def test_broken_yaml_names_the_line():
    with pytest.raises(ConfigError, match=r"tiny.yaml, line 3: not valid YAML"):
        parse_rubric("id: x\ntitle: [a\nversion: 1\n", source="tiny.yaml")


def test_unknown_rubric_id_lists_the_available_ones():
    with pytest.raises(InputError, match="available: .*coaching-conversation"):
        load_rubric("no-such-rubric")


def test_id_must_match_file_name(tmp_path, monkeypatch):
    (tmp_path / "other.yaml").write_text(GOOD)
    monkeypatch.setenv("COACHKIT_RUBRICS_DIR", str(tmp_path))
    assert rubrics_dir() == tmp_path
    with pytest.raises(ConfigError, match="must match the file name 'other'"):
        load_rubric("other")


def test_exported_json_schema_is_up_to_date():
    shipped = json.loads((Path(__file__).parents[2] / "rubrics" / "rubric.schema.json").read_text())
    assert shipped == json_schema()
