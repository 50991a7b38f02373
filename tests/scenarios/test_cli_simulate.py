"""``coachkit simulate`` driven through piped input (analyzer and cohort stubbed)."""

from __future__ import annotations

import io
import json
import sys

import pytest

from coachkit.cli import simulate
from coachkit.scenarios import read_transcript


@pytest.fixture
def stubbed(monkeypatch, fake, persona):
    monkeypatch.setattr("coachkit.scenarios.engine.default_analyzer", lambda: fake)
    monkeypatch.setattr("coachkit.scenarios.session.resolve_persona",
                        lambda spec, cohort=None: persona)


def _run(monkeypatch, capsys, *argv, stdin=""):
    import argparse

    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers()
    simulate.add_parser(sub)
    args = parser.parse_args(["simulate", *argv])
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    status = simulate.run(args)
    return status, capsys.readouterr().out


def test_list_shows_every_scenario(monkeypatch, capsys):
    status, out = _run(monkeypatch, capsys, "--list")
    assert status == 0
    assert "failed-block-exam" in out and "(you play the student)" in out


def test_schema_is_json(monkeypatch, capsys):
    status, out = _run(monkeypatch, capsys, "--schema")
    assert json.loads(out)["title"] == "CoachKit scenario"


def test_piped_replies_get_feedback_and_answers(stubbed, monkeypatch, capsys, isolated_work):
    replies = "\n".join(["", "You should do more questions.", "What happened?"]) + "\n"
    status, out = _run(monkeypatch, capsys, "failed-block-exam", stdin=replies)
    assert status == 0
    assert "Your reply is empty" in out
    assert "\u26a0 TELLS OR DIRECTS (advice)" in out
    assert "\u2714 INVITES THINKING (open question)" in out
    assert "coachkit simulate failed-block-exam --resume" in out
    path = isolated_work / "tester" / "transcripts" / "failed-block-exam.jsonl"
    speakers = [t.speaker for t in read_transcript(path)]
    assert speakers == ["system", "student", "coach", "student", "coach", "student"]


def test_resume_carries_on(stubbed, monkeypatch, capsys, isolated_work):
    _run(monkeypatch, capsys, "failed-block-exam", stdin="What happened?\n")
    status, out = _run(monkeypatch, capsys, "failed-block-exam", "--resume",
                       stdin="You need to do more questions.\n" * 3)
    assert "You: What happened?" in out  # the earlier conversation is shown again
    assert "=== Debrief" in out and "got stuck" in out
    path = isolated_work / "tester" / "transcripts" / "failed-block-exam.jsonl"
    transcript = read_transcript(path)
    assert transcript.attempts == [1]
    assert [t.turn for t in transcript] == list(range(1, len(transcript) + 1))


def test_unknown_scenario_is_a_clear_error(monkeypatch, capsys):
    from coachkit.errors import InputError

    with pytest.raises(InputError, match="no scenario 'nope'"):
        _run(monkeypatch, capsys, "nope")
