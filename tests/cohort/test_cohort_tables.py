"""Every table matches the data dictionary: columns, types, ranges, keys, and agreement
between tables (the study log's question-bank hours are the sessions' time, and so on)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from coachkit.cohort.schema import DTYPES, TABLE_NAMES, TABLES, table


@pytest.mark.parametrize("spec", TABLES, ids=lambda t: t.name)
def test_columns_and_types_follow_the_dictionary(small, spec):
    frame = small.tables[spec.name]
    assert list(frame.columns) == list(spec.names)
    for col in spec.columns:
        assert str(frame[col.name].dtype) == str(pd.Series([], dtype=DTYPES[col.kind]).dtype), (
            spec.name, col.name)


@pytest.mark.parametrize("spec", TABLES, ids=lambda t: t.name)
def test_values_are_in_range_and_only_nullable_columns_miss(small, spec):
    frame = small.tables[spec.name]
    assert len(frame) > 0
    for col in spec.columns:
        values = frame[col.name]
        if not col.nullable:
            assert values.notna().all(), (spec.name, col.name)
        present = values.dropna()
        if col.low is not None:
            assert (present >= col.low).all(), (spec.name, col.name, present.min())
        if col.high is not None:
            assert (present <= col.high).all(), (spec.name, col.name, present.max())


@pytest.mark.parametrize("spec", TABLES, ids=lambda t: t.name)
def test_keys_are_unique_and_students_known(small, spec):
    frame = small.tables[spec.name]
    assert not frame.duplicated(list(spec.key)).any()
    assert frame["student_id"].isin(small.students["student_id"]).all()


def test_row_counts_follow_the_calendar(small):
    n, cal = len(small), small.config.calendar
    assert len(small.exams) == n * len(cal.blocks)
    assert len(small.study_log) == n * cal.weeks
    assert len(small.practice_exams) == n * len(cal.practice_exam_weeks)
    assert len(small.wellbeing) == n * len(range(0, cal.weeks, cal.wellbeing_every_weeks))
    blocks = len(cal.blocks)
    assert len(small.calibration) == n * blocks * (blocks + 1) // 2


def test_study_log_agrees_with_the_sessions(small):
    sessions = small.qbank_sessions
    sums = sessions.assign(seconds=sessions["items"] * sessions["seconds_per_item"]).groupby(
        ["student_id", "week"])[["items", "seconds"]].sum()
    log = small.study_log.set_index(["student_id", "week"])
    joined = log.join(sums).fillna({"items": 0, "seconds": 0})
    assert (joined["qbank_items"] == joined["items"]).all()
    assert np.allclose(joined["hours_qbank"], joined["seconds"] / 3600, atol=0.006)
    total = joined[["hours_rereading", "hours_retrieval", "hours_qbank"]].sum(axis=1)
    assert np.allclose(joined["hours_total"], total, atol=0.011)
    share = (joined["hours_retrieval"] + joined["hours_qbank"]) / joined["hours_total"]
    assert np.allclose(joined["retrieval_share"], share, atol=0.001)


def test_sessions_are_consistent(small):
    s = small.qbank_sessions
    assert (s["correct"] <= s["items"]).all()
    assert np.allclose(s["pct_correct"], (100 * s["correct"] / s["items"]).round(1))
    assert (s.groupby("student_id")["session"].diff().dropna() == 1).all()
    assert (s.groupby("student_id")["date"].diff().dropna() >= pd.Timedelta(0)).all()
    week_start = pd.Timestamp(small.config.calendar.start_date) + pd.to_timedelta(
        7 * s["week"], unit="D")
    assert ((s["date"] - week_start).dt.days.between(0, 6)).all()
    assert set(s["topic"]) <= set(small.topics)


def test_exam_and_calibration_columns_agree(small):
    ex = small.exams
    assert (ex["passed"] == (ex["score"] >= small.config.effects.block_pass_mark)).all()
    cal = small.calibration
    assert np.allclose(cal["gap"], cal["confidence"] - cal["accuracy"])
    # a survey rates every topic taught so far
    assert (cal.groupby(["student_id", "survey"]).size().reset_index(drop=True).values
            == np.tile(np.arange(1, 9), len(small))).all()


def test_attendance_missing_exactly_in_breaks(small):
    log = small.study_log
    assert (log["attendance_pct"].isna() == (log["phase"] == "break")).all()


def test_goals_and_meetings_reference_each_other(small):
    goals, meetings = small.goals, small.meetings
    assert set(meetings["goal_set"].dropna()) == set(goals["goal_id"])
    assert set(meetings["goal_reviewed"].dropna()) <= set(goals["goal_id"])
    assert set(goals["meeting_id"]) <= set(meetings["meeting_id"])
    assert set(goals["status"]) <= {"achieved", "partly achieved", "not achieved", "in progress"}
    assert set(meetings["kind"]) <= {"intake", "exam debrief", "check-in"}
    assert (meetings.groupby("student_id")["meeting"].apply(
        lambda m: list(m) == list(range(1, len(m) + 1)))).all()
    assert (meetings.groupby("student_id")["week"].diff().dropna() >= 0).all()


def test_goal_status_follows_result_and_target(small):
    done = small.goals[small.goals["status"] != "in progress"].dropna(subset=["result"])
    lower = done["kind"] == "calibration"
    reached = np.where(lower, done["result"] <= done["target"], done["result"] >= done["target"])
    assert ((done["status"] == "achieved") == reached).all()
    assert small.goals.groupby("student_id").tail(1)["status"].eq("in progress").all()


def test_goal_statuses_are_varied(small):
    shares = small.goals["status"].value_counts(normalize=True)
    for status in ("achieved", "partly achieved", "not achieved"):
        assert shares[status] > 0.1


def test_every_table_name_resolves():
    assert TABLE_NAMES == tuple(t.name for t in TABLES)
    assert table("goals").column("status").kind == "str"
    with pytest.raises(KeyError):
        table("goals").column("nope")


def test_names_are_unique_and_varied(small):
    names = small.students["display_name"]
    assert names.is_unique
    assert names.str.split().str[-1].nunique() > 50
    assert set(small.students["pronouns"]) <= {"she/her", "he/him", "they/them"}
