"""Every scenario, played headless with the real analyzer and the shipped cohort.

``scripts.yaml`` holds an inquiry-based and a directive way through each scenario. The
inquiry script must reach the scenario's success ending; the directive one must not, must
take a different path, and must score lower (inquiry index and rubric) -- or, where the
trainee plays the student, bring in less of their own data. The checks are on the outcome,
the path and the order of scores, not on exact index values, so a retrained analyzer that
still tells inviting from telling replies keeps them green.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from coachkit.scenarios import Session, list_scenarios, load_scenario
from coachkit.scenarios.debrief import build_debrief
from coachkit.scenarios.persona import resolve_persona

SCRIPTS = yaml.safe_load((Path(__file__).parent / "scripts.yaml").read_text())
IDS = [s.id for s in list_scenarios()]
COACH_IDS = [s.id for s in list_scenarios() if s.trainee_role == "coach"]
REFLECTIVE_IDS = [i for i in IDS if "reflective" in SCRIPTS[i]]
REFLECTION_ACTS = {"simple_reflection", "complex_reflection"}


def _play(scenario_id: str, style: str, *, seed: int = 0, store=None) -> Session:
    """Play a script until it runs out or the conversation ends (an early end is no error)."""
    scenario = load_scenario(scenario_id)
    persona = resolve_persona(scenario.persona)
    session = Session.begin(scenario, persona, seed=seed, store=store)
    for reply in SCRIPTS[scenario_id][style]:
        if session.ended:
            break
        session.reply(persona.fill(reply))
    return session


def _path(session: Session) -> list[str]:
    return [t.state["node"] for t in session.trainee_turns()]


def test_every_scenario_has_scripts():
    assert sorted(SCRIPTS) == sorted(IDS)


@pytest.mark.parametrize("scenario_id", IDS)
def test_inquiry_and_directive_paths_differ_as_intended(scenario_id):
    inquiry, directive = _play(scenario_id, "inquiry"), _play(scenario_id, "directive")
    assert inquiry.ended and inquiry.state.outcome == "success"
    assert directive.state.outcome != "success"
    assert _path(inquiry) != _path(directive)
    if inquiry.scenario.trainee_role == "coach":
        assert directive.state.counters["directive"] >= 2
        assert inquiry.state.counters["directive"] == 0
        inviting = [a.inquiry_index for a in inquiry.analyses()]
        telling = [a.inquiry_index for a in directive.analyses()]
        assert min(inviting) > max(telling)  # every inviting reply outscores every telling one
        assert sum(inviting) / len(inviting) > 0 > sum(telling) / len(telling)
        assert build_debrief(inquiry).rubric.total > build_debrief(directive).rubric.total
    else:
        assert inquiry.state.counters["data_refs"] > directive.state.counters["data_refs"]


@pytest.mark.parametrize("scenario_id", REFLECTIVE_IDS)
def test_reflections_alone_reach_the_success_ending(scenario_id):
    # Reflections are core MI moves but weigh moderately in the inquiry index, so theirs can
    # land at or just below zero; a trainee who listens well must not be held back by that.
    session = _play(scenario_id, "reflective")
    assert all(REFLECTION_ACTS.issuperset(t.state["features"]["acts"])
               for t in session.trainee_turns()), "the reflective script must be reflections"
    assert session.state.counters["directive"] == 0
    assert session.ended and session.state.outcome == "success"


@pytest.mark.parametrize("scenario_id", IDS)
def test_every_line_fills_from_the_real_student(scenario_id):
    scenario = load_scenario(scenario_id)
    persona = resolve_persona(scenario.persona)
    texts = [scenario.setting, *scenario.opening, *scenario.debrief, *scenario.end.say]
    texts += [line for node in scenario.nodes.values() for r in node.responses for line in r.say]
    for text in texts:
        filled = persona.fill(text)
        assert "{" not in filled and "unknown" not in filled, (scenario_id, filled)


@pytest.mark.parametrize("scenario_id", COACH_IDS)
def test_directive_reply_first_gets_a_guarded_answer(scenario_id):
    scenario = load_scenario(scenario_id)
    session = Session.begin(scenario, resolve_persona(scenario.persona))
    exchange = session.reply("You should just do more practice questions every day.")
    assert exchange.features.directive
    assert exchange.state.node == scenario.start_node  # no progress for telling


def test_premature_reassurance_closes_a_disclosure():
    scenario = load_scenario("wellbeing-disclosure")
    session = Session.begin(scenario, resolve_persona(scenario.persona))
    exchange = session.reply("Don't worry, you'll be fine, everyone feels like this.")
    assert "reassurance" in exchange.features.acts
    assert exchange.state.outcome == "stuck" and exchange.state.node == "minimised"


@pytest.mark.parametrize("scenario_id", ["failed-block-exam", "coachee-preparation"])
def test_replaying_a_transcript_rebuilds_every_state(scenario_id, tmp_path):
    from coachkit.scenarios import TranscriptStore, read_transcript

    scenario = load_scenario(scenario_id)
    persona = resolve_persona(scenario.persona)
    store = TranscriptStore(tmp_path / "t.jsonl")
    _play(scenario_id, "inquiry", seed=3, store=store)
    saved = read_transcript(store.path).turns
    replay = Session.begin(scenario, persona, seed=3)
    for turn in saved:
        if turn.speaker == scenario.trainee_role:
            replay.reply(turn.text)
    assert [(t.speaker, t.text, t.state) for t in replay.turns] == \
        [(t.speaker, t.text, t.state) for t in saved]
