"""Kill ``coachkit simulate`` with SIGKILL mid-conversation, resume, and lose nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import yaml

from coachkit.scenarios import load_scenario, read_transcript
from coachkit.scenarios.persona import resolve_persona

SCENARIO = "failed-block-exam"
KILLED_AFTER = 2  # replies sent before the SIGKILL


def _replies() -> list[str]:
    """The inquiry-based way through (``scripts.yaml``), filled for the real student."""
    persona = resolve_persona(load_scenario(SCENARIO).persona)
    script = yaml.safe_load((Path(__file__).parent / "scripts.yaml").read_text())
    return [persona.fill(reply) for reply in script[SCENARIO]["inquiry"]]


def _coach_turns(path):
    return [t for t in read_transcript(path) if t.speaker == "coach"]


def _wait_for(path, count, process, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        turns = read_transcript(path).turns
        if sum(t.speaker == "coach" for t in turns) >= count and turns[-1].speaker == "student":
            return
        assert process.poll() is None, "the simulation stopped early"
        time.sleep(0.05)
    raise AssertionError(f"no answer to reply {count} within {timeout} s")


def test_sigkill_then_resume_loses_no_turn(isolated_work, tmp_path):
    replies = _replies()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    path = isolated_work / "tester" / "transcripts" / f"{SCENARIO}.jsonl"
    process = subprocess.Popen(
        [sys.executable, "-m", "coachkit", "simulate", SCENARIO],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        env=env, cwd=tmp_path, text=True,
    )
    try:
        for count, reply in enumerate(replies[:KILLED_AFTER], start=1):
            process.stdin.write(reply + "\n")
            process.stdin.flush()
            _wait_for(path, count, process)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert [t.text for t in _coach_turns(path)] == replies[:KILLED_AFTER]

    resumed = subprocess.run(
        [sys.executable, "-m", "coachkit", "simulate", SCENARIO, "--resume"],
        input="\n".join(replies[KILLED_AFTER:]) + "\n", capture_output=True, text=True, env=env,
        cwd=tmp_path, timeout=120,
    )
    assert resumed.returncode == 0, resumed.stderr
    assert f"You: {replies[0]}" in resumed.stdout  # the first part is shown again
    assert "=== Debrief" in resumed.stdout

    transcript = read_transcript(path)
    assert transcript.problems == [] and transcript.attempts == [1]
    assert [t.turn for t in transcript] == list(range(1, len(transcript) + 1))
    # Every reply is kept, in order, up to the one that ended the conversation (the script
    # may finish a turn early if the analyzer changes; it must go on after the resume).
    coach = [t.text for t in _coach_turns(path)]
    assert len(coach) > KILLED_AFTER and coach == replies[:len(coach)]
    speakers = [t.speaker for t in transcript]
    assert speakers == ["system", "student"] + ["coach", "student"] * len(coach) + ["system"]
    assert transcript.turns[-1].state["outcome"] == "success"
