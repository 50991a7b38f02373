"""The transcript store: durable appends, and reading that survives a torn last line."""

from __future__ import annotations

import os

from coachkit.scenarios import TranscriptStore, TranscriptTurn, read_transcript
from coachkit.scenarios.transcript import utc_now


def _turn(n: int, speaker: str = "coach") -> TranscriptTurn:
    return TranscriptTurn(trainee_id="t", scenario_id="s", attempt=1, turn=n,
                          timestamp=utc_now(), speaker=speaker, text=f"line {n} <b>",
                          state={"node": "a"})


def test_append_fsyncs_every_line(tmp_path, monkeypatch):
    calls = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (calls.append(fd), real(fd)))
    store = TranscriptStore(tmp_path / "x" / "s.jsonl")
    for n in (1, 2, 3):
        store.append(_turn(n))
    assert len(calls) == 3
    assert [t.turn for t in read_transcript(store.path)] == [1, 2, 3]


def test_torn_last_line_is_reported_not_raised(tmp_path):
    path = tmp_path / "s.jsonl"
    store = TranscriptStore(path)
    store.append(_turn(1))
    store.append(_turn(2))
    with open(path, "ab") as handle:
        handle.write(_turn(3).to_json().encode()[:40])
    transcript = read_transcript(path)
    assert [t.turn for t in transcript] == [1, 2]
    assert len(transcript.problems) == 1 and "line 3" in transcript.problems[0]
    assert "incomplete" in transcript.problems[0]


def test_store_cuts_the_torn_tail_before_appending(tmp_path):
    path = tmp_path / "s.jsonl"
    TranscriptStore(path).append(_turn(1))
    with open(path, "ab") as handle:
        handle.write(b'{"speaker": "co')
    store = TranscriptStore(path)
    assert store.repaired and "incomplete" in store.repaired
    store.append(_turn(2))
    transcript = read_transcript(path)
    assert [t.turn for t in transcript] == [1, 2] and transcript.problems == []


def test_invalid_middle_line_is_reported(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text(_turn(1).to_json() + "\n" + '{"speaker": "robot"}\n' + _turn(3).to_json() + "\n")
    transcript = read_transcript(path)
    assert [t.turn for t in transcript] == [1, 3]
    assert "line 2" in transcript.problems[0]


def test_missing_file_is_an_empty_transcript(tmp_path):
    transcript = read_transcript(tmp_path / "none.jsonl")
    assert len(transcript) == 0 and transcript.problems == [] and transcript.attempts == []


def test_line_format_matches_the_contract(tmp_path):
    store = TranscriptStore(tmp_path / "s.jsonl")
    store.append(_turn(1))
    import json

    data = json.loads(store.path.read_text())
    assert set(data) == {"schema_version", "trainee_id", "scenario_id", "attempt", "turn",
                         "timestamp", "speaker", "text", "analysis", "state"}
    assert data["timestamp"].endswith("Z") or data["timestamp"].endswith("+00:00")
