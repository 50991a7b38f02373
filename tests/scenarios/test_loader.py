"""Scenario files: the shipped ones are valid, and broken ones say file, line and field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coachkit.errors import ConfigError, InputError
from coachkit.scenarios import json_schema, list_scenarios, load_scenario, parse_scenario
from coachkit.scenarios.loader import scenario_dir

REQUIRED_SKILLS = {
    "supportive-climate", "data-driven-reflection", "metacognition", "coaching-for-growth",
    "professional-identity", "smart-goals", "longitudinal-coaching", "inquiry-over-advice",
    "limits-of-coaching", "being-a-coachee",
}

GOOD = """\
id: tiny
title: Tiny scenario
skill: smart-goals
summary: A tiny scenario used by the tests.
setting: You are coaching {name} about {weak_topic}.
objectives: [Ask open questions]
opening: ["Hi, I'm {name}."]
nodes:
  start:
    responses:
      - when: {directive: true}
        say: ["OK."]
        goto: done
      - say: ["Hm."]
  done:
    ending: {outcome: stuck, note: It ended.}
end: {say: ["Bye."], note: Time is up.}
debrief: [Open questions help.]
"""


def test_at_least_ten_scenarios_cover_every_skill():
    scenarios = list_scenarios()
    assert len(scenarios) >= 10
    assert REQUIRED_SKILLS <= {s.skill for s in scenarios}


def test_coachee_scenario_swaps_roles():
    coachee = [s for s in list_scenarios() if s.roles.trainee == "student"]
    assert coachee and all(s.roles.simulated == "coach" for s in coachee)


def test_every_scenario_can_succeed_and_can_fail():
    for scenario in list_scenarios():
        outcomes = {n.ending.outcome for n in scenario.nodes.values() if n.ending}
        assert "success" in outcomes, scenario.id
        assert outcomes - {"success"} or scenario.end.outcome != "success", scenario.id


def test_shipped_json_schema_is_current():
    shipped = json.loads((scenario_dir() / "scenario.schema.json").read_text())
    assert shipped == json_schema()


def test_good_file_loads():
    scenario = parse_scenario(GOOD)
    assert scenario.start_node == "start" and scenario.roles.trainee == "coach"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('["Hi, I\'m {name}."]', '["Hi, I\'m {nmae}."]', "line 7: opening → 0: unknown placeholder {nmae}"),
        ("goto: done", "goto: dnoe", "line 13: nodes → start → responses → 0 → goto: unknown node 'dnoe'"),
        ("{directive: true}", "{directiv: true}", "line 11: nodes → start → responses → 0 → when → directiv: unknown field"),
        ("skill: smart-goals", "skill: goals", "line 3: skill: Input should be"),
        ("      - say: [\"Hm.\"]\n", "", "line 9: nodes → start: the last response of a node must have no 'when'"),
        ("title: Tiny scenario\n", "", "line 1: title: this required field is missing"),
        ("{outcome: stuck,", "{outcome: great,", "line 16: nodes → done → ending → outcome"),
        ("id: tiny", "id: ../tiny", "line 1: id: scenario id '../tiny' must not contain path separators"),
        ("debrief: [Open questions help.]", "debrief: [Open questions help.]\ntitle: again", "'title' is given twice"),
        ("setting: You", "setting: [You", "this is not valid YAML"),
    ],
)
def test_errors_name_file_line_and_field(old, new, expected):
    assert old in GOOD
    with pytest.raises(ConfigError) as info:
        parse_scenario(GOOD.replace(old, new), source="simulations/tiny.yaml")
    message = str(info.value)
    assert message.startswith("simulations/tiny.yaml")
    assert expected in message


def test_unreachable_node_is_reported():
    text = GOOD.replace("end: {say:", "  lost:\n    ending: {outcome: success, note: x}\nend: {say:")
    with pytest.raises(ConfigError, match="nodes → lost: no response leads"):
        parse_scenario(text)


def test_id_must_match_file_name(tmp_path: Path):
    (tmp_path / "other.yaml").write_text(GOOD)
    with pytest.raises(ConfigError, match="must match the file name"):
        load_scenario("other", folder=tmp_path)


def test_unknown_scenario_lists_the_known_ones():
    with pytest.raises(InputError, match="first-meeting"):
        load_scenario("no-such-scenario")


def test_the_format_guide_example_is_a_valid_scenario():
    guide = (scenario_dir() / "README.md").read_text()
    example = guide.split("```yaml\n", 1)[1].split("```", 1)[0]
    scenario = parse_scenario(example, source="simulations/README.md")
    assert scenario.id == "failed-block-exam" and len(scenario.nodes) == 4
