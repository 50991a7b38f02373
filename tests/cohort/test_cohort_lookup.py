"""Finding students for scenarios and the plain facts of their profile."""

from __future__ import annotations

import json
import math
from dataclasses import FrozenInstanceError

import pytest

from coachkit.cohort import ARCHETYPES, StudentProfile, load_default
from coachkit.errors import InputError


@pytest.fixture(scope="module")
def default():
    return load_default()


@pytest.mark.parametrize("archetype", sorted(ARCHETYPES))
def test_find_returns_a_student_of_the_archetype(default, archetype):
    sid = default.find(archetype=archetype)
    assert default.student_row(sid)["archetype"] == archetype


@pytest.mark.parametrize("topic", ["cardiology", "Cardiovascular", "  NEPHROLOGY "])
def test_find_by_topic_prefers_students_for_whom_it_stands_out(default, topic):
    sid = default.find(archetype="overconfident", topic=topic)
    topic_id = default.topic_id(topic)
    cal = default.calibration
    last = cal[(cal["student_id"] == sid) & (cal["survey"] == cal["survey"].max())]
    mine = last.set_index("topic")
    # the chosen topic is among the student's three widest confidence gaps
    assert topic_id in mine["gap"].nlargest(3).index


def test_find_with_topic_beats_a_random_member(default):
    cal = default.calibration
    last = cal[cal["survey"] == cal["survey"].max()]
    over = default.students.loc[default.students["archetype"] == "overconfident", "student_id"]
    gaps = last[(last["topic"] == "cardiology") & last["student_id"].isin(over)]
    chosen = default.find(archetype="overconfident", topic="cardiology")
    assert gaps.set_index("student_id").loc[chosen, "gap"] >= gaps["gap"].median()


def test_find_is_deterministic_and_seed_varies_among_the_best(default):
    a = default.find(archetype="steady", topic="neurology")
    assert a == default.find(archetype="steady", topic="neurology")
    picks = {default.find(archetype="steady", topic="neurology", seed=s) for s in range(30)}
    assert len(picks) > 1
    assert picks == {default.find(archetype="steady", topic="neurology", seed=s)
                     for s in range(30)}


def test_find_without_filters_returns_some_student(default):
    assert default.find() in default.student_ids


@pytest.mark.parametrize(
    ("kwargs", "needle"),
    [
        ({"archetype": "lazy"}, "unknown archetype 'lazy'"),
        ({"topic": "dermatology"}, "unknown topic 'dermatology'"),
        ({"archetype": "steady", "seed": -2}, "seed"),
        ({"archetype": "steady", "seed": "x"}, "seed"),
    ],
)
def test_find_errors_name_the_bad_value(default, kwargs, needle):
    with pytest.raises(InputError, match=needle):
        default.find(**kwargs)


def test_find_reports_an_archetype_absent_from_the_mix():
    from coachkit.cohort import CohortConfig, generate

    cohort = generate(CohortConfig(students=10, seed=1, mix={"steady": 1}))
    with pytest.raises(InputError, match="no student with archetype 'overconfident'"):
        cohort.find(archetype="overconfident")


def test_unknown_student_is_a_clear_error(default):
    with pytest.raises(InputError, match="S00000"):
        default.profile("S00000")


@pytest.mark.parametrize("archetype", sorted(ARCHETYPES))
def test_profile_facts_match_the_tables(default, archetype):
    sid = default.find(archetype=archetype)
    p = default.profile(sid)
    assert isinstance(p, StudentProfile)
    assert p.archetype == archetype and p.archetype_label == ARCHETYPES[archetype].label
    exams = default.exams[default.exams["student_id"] == sid]
    assert p.latest_score == exams.sort_values("block")["score"].iloc[-1]
    assert p.latest_exam.endswith("block exam")
    assert 0 <= p.latest_percentile <= 100 and 0 <= p.percentile <= 100
    assert p.weak_accuracy <= p.strong_accuracy
    assert 0 <= p.retrieval_share <= 1 and 0 <= p.rereading_share <= 1
    assert math.isclose(p.retrieval_share + p.rereading_share, 1, abs_tol=0.02)
    assert 1 <= p.stress_level <= 10 and 3 <= p.sleep_hours <= 10
    assert len(p.practice_scores) == 5 and 0 <= p.pass_probability <= 1
    assert p.projected.split(" on ")[0] in {"likely pass", "borderline", "at risk"}
    assert p.goal and p.goal_status and p.goal_target
    assert all(isinstance(line, str) and line for line in p.facts())
    json.dumps(p.to_dict())  # plain data


def test_profiles_tell_the_archetypes_apart(default):
    over = default.profile(default.find(archetype="overconfident"))
    plateau = default.profile(default.find(archetype="high_plateau"))
    stressed = default.profile(default.find(archetype="declining_under_stress"))
    assert over.mean_gap > plateau.mean_gap + 10
    assert plateau.percentile > over.percentile
    assert stressed.life_event is not None and stressed.stress_level >= 5


def test_profile_is_frozen(default):
    p = default.profile(default.student_ids[0])
    with pytest.raises(FrozenInstanceError):
        p.latest_score = 100


def test_goal_facts_describe_the_last_reviewed_goal(default):
    for archetype in ARCHETYPES:
        p = default.profile(default.find(archetype=archetype))
        assert p.goal_status.split(" (")[0] in {"achieved", "partly achieved", "not achieved",
                                                "in progress"}
        assert p.goal_result != "no data" or p.goal_status == "not achieved"
        assert p.next_goal and p.previous_goal and p.previous_goal_status


def test_profile_feeds_the_scenario_persona(default):
    persona = pytest.importorskip("coachkit.scenarios.persona")
    p = default.profile(default.find(archetype="overconfident", topic="cardiology"))
    values = persona.values_from_profile(p)
    assert values["full_name"] == p.display_name
    assert values["weak_accuracy"] == f"{p.weak_accuracy:.0f}%"
    assert all(isinstance(v, str) and v for v in values.values())
