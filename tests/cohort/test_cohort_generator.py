"""The documented effects of the generative model are really in the generated data.

Thresholds (also stated in docs/cohort.md), on 2,000 students, seed 5:
- block score per +10 pp retrieval share (ability and block held fixed): 1.5-3.2 points
  (model: 2.0; removing the effect drops the estimate below 1.0);
- correlation of year-1 retrieval share with mean year-2 block score: above 0.25;
- overconfident students' mean confidence-accuracy gap: above 15 points and at least 8
  points above everyone else's;
- correlation of recent rereading share with the calibration gap: above 0.4;
- block score per reported stress point before the exam: below -0.8.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from coachkit.cohort import ARCHETYPES, CohortConfig, generate
from coachkit.cohort.generator import archetype_counts
from coachkit.errors import InputError


def test_retrieval_practice_raises_block_scores(large, block_panel, regress):
    coef = regress(block_panel(large), "score", ["share", "ability"])
    assert 1.5 <= coef["share"] / 10 <= 3.2


def test_without_the_effect_the_association_goes(block_panel, regress):
    cohort = generate(CohortConfig(students=2000, seed=5,
                                   effects={"retrieval_points_per_10pp": 0}))
    coef = regress(block_panel(cohort), "score", ["share", "ability"])
    assert coef["share"] / 10 < 1.0


def test_retrieval_in_year_one_predicts_year_two_scores(large):
    y2 = large.config.calendar.year2_start_week
    log = large.study_log
    early = log[(log["week"] < y2) & (log["phase"] != "break")]
    share = early.groupby("student_id")["retrieval_share"].mean()
    later = large.exams[large.exams["week"] >= y2].groupby("student_id")["score"].mean()
    assert np.corrcoef(share, later.loc[share.index])[0, 1] > 0.25


def test_within_steady_students_retrieval_still_helps(large, block_panel):
    panel = block_panel(large)
    steady = panel[panel["archetype"] == "steady"]
    fit = np.polyfit(steady["ability"], steady["score"], 1)
    residual = steady["score"] - np.polyval(fit, steady["ability"])
    assert np.corrcoef(steady["share"], residual)[0, 1] > 0.2


def test_overconfident_students_show_the_illusion_of_knowing(large):
    cal = large.calibration.merge(large.students[["student_id", "archetype"]])
    gap = cal.groupby(cal["archetype"] == "overconfident")["gap"].mean()
    assert gap[True] > 15
    assert gap[True] - gap[False] >= 8


def test_rereading_inflates_confidence_more_than_accuracy(large):
    log, cal = large.study_log, large.calibration
    rows = []
    for k, block in enumerate(large.config.calendar.blocks, start=1):
        e = block.exam_week
        reread = 1 - log[(log["week"] >= e - 8) & (log["week"] < e)].groupby(
            "student_id")["retrieval_share"].mean()
        survey = cal[cal["survey"] == k].groupby("student_id")[["gap", "accuracy",
                                                                 "confidence"]].mean()
        rows.append(survey.assign(reread=reread))
    frame = pd.concat(rows)
    assert frame["reread"].corr(frame["gap"]) > 0.4
    assert frame["reread"].corr(frame["confidence"]) > frame["reread"].corr(frame["accuracy"])


def test_stress_before_an_exam_dips_the_score(large, block_panel, regress):
    coef = regress(block_panel(large).dropna(), "score", ["stress", "share", "ability"])
    assert coef["stress"] < -0.8


def test_practice_exams_follow_qbank_volume_and_project_consistently(large):
    pe = large.practice_exams
    assert (pe.groupby("attempt")["score"].mean().diff().dropna() > 0).all()
    ordered = pe.sort_values("score")
    assert ordered["pass_probability"].is_monotonic_increasing
    expected = np.where(pe["pass_probability"] >= 0.8, "likely pass",
                        np.where(pe["pass_probability"] >= 0.5, "borderline", "at risk"))
    assert (pe["projected_outcome"].to_numpy() == expected).all()


@pytest.mark.parametrize("n", [1, 7, 60, 333, 2000])
def test_archetype_mix_matches_the_config_exactly(n):
    config = CohortConfig(students=n)
    counts = archetype_counts(config)
    assert sum(counts.values()) == n
    for name, share in config.shares.items():
        assert abs(counts[name] - share * n) < 1


def test_generated_mix_is_the_counted_mix(large):
    observed = large.students["archetype"].value_counts().to_dict()
    assert observed == {k: v for k, v in archetype_counts(large.config).items() if v}


def test_a_custom_mix_leaves_out_other_archetypes():
    cohort = generate(CohortConfig(students=40, seed=1, mix={"overconfident": 3, "steady": 1}))
    assert cohort.students["archetype"].value_counts().to_dict() == {"overconfident": 30,
                                                                      "steady": 10}


def _by_archetype(large_frames, year2: bool):
    exams = large_frames["exams"]
    cut = exams["week"] >= 52
    return exams[cut == year2].groupby("archetype")["score"].mean()


def test_archetypes_leave_their_signature(large, large_frames):
    y1, y2 = _by_archetype(large_frames, False), _by_archetype(large_frames, True)
    change = y2 - y1
    assert change["late_struggler"] < -5
    assert change["declining_under_stress"] < -2
    assert change["improving"] > 5
    assert change["high_plateau"] < change["steady"]
    assert y1["high_plateau"] == y1.max()
    log = large.study_log.merge(large.students[["student_id", "archetype"]])
    improving = log[log["archetype"] == "improving"]
    before = improving[improving["week"] < 30]["retrieval_share"].mean()
    after = improving[improving["week"] > 40]["retrieval_share"].mean()
    assert after - before > 0.25
    wb = large.wellbeing.merge(large.students[["student_id", "archetype"]])
    decl = wb[wb["archetype"] == "declining_under_stress"]
    assert decl[decl["week"] >= 60]["stress"].mean() > decl[decl["week"] < 44]["stress"].mean() + 2
    reported = decl.dropna(subset=["life_event"])["student_id"].nunique()
    assert reported == decl["student_id"].nunique()


def test_every_archetype_is_described():
    for name, spec in ARCHETYPES.items():
        assert name.isidentifier() and spec.label and len(spec.description) > 40


def test_generate_rejects_a_non_config():
    with pytest.raises(InputError, match="CohortConfig"):
        generate({"students": 5})


def test_the_documented_effect_sizes_are_the_defaults():
    import re

    from coachkit.cohort import Effects, generator

    documented = re.findall(r"``(\w+)`` \(([-\d.]+)", generator.__doc__)
    defaults = Effects()
    checked = 0
    for name, text in documented:
        if hasattr(defaults, name):
            value = float(getattr(defaults, name))
            assert float(text) in (value, round(100 * value, 6)), name
            checked += 1
    assert checked >= 15


def _short_calendar():
    from coachkit.cohort import Block

    blocks = [Block(topic="alpha", label="Alpha", start_week=0, exam_week=5),
              Block(topic="beta", label="Beta", start_week=6, exam_week=12),
              Block(topic="gamma", label="Gamma", start_week=20, exam_week=30)]
    return {"weeks": 32, "year2_start_week": 16, "blocks": blocks,
            "practice_exam_weeks": [25, 31]}


@pytest.mark.parametrize(
    "kwargs",
    [{"students": 1}, {"students": 2, "mix": {"late_struggler": 1}},
     {"students": 20, "calendar": _short_calendar()},
     {"students": 20, "calendar": {"practice_exam_weeks": []}}],
    ids=["one student", "two strugglers", "short calendar", "no practice exams"],
)
def test_unusual_configurations_still_give_a_usable_cohort(kwargs):
    from coachkit.cohort import dashboard

    cohort = generate(CohortConfig(seed=2, **kwargs))
    assert len(cohort) == kwargs["students"]
    sid = cohort.find()
    assert cohort.profile(sid).goal
    assert len(dashboard(cohort, sid).axes) >= 6
    topics = cohort.config.calendar.topics
    assert set(cohort.calibration["topic"]) <= set(topics)


def test_changes_and_events_past_the_timeline_do_not_happen():
    config = CohortConfig(students=30, seed=1, mix={"improving": 1},
                          calendar=_short_calendar(),
                          archetypes={"improving": {**ARCHETYPES["improving"].model_dump(),
                                                    "life_event_probability": 1.0,
                                                    "life_event_weeks": (40, 50)}})
    cohort = generate(config)
    assert cohort.latent["change_week"].isna().all()
    assert cohort.latent["life_event_week"].isna().all()
    assert cohort.wellbeing["life_event"].isna().all()
