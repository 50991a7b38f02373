"""Kill ``coachkit simulate`` with SIGKILL mid-conversation, resume, and lose nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from coachkit.scenarios import read_transcript

REPLIES = [
    "That's a hard number to see, especially when you have never failed before.",
    "What do you make of how you studied for this block?",
    "When you look at your Cardiovascular score of 40%, what do you notice?",
    "So the slides felt familiar, but the exam asked you to use the knowledge in a new way.",
    "What would you like to try differently for the next block?",
]


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
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    path = isolated_work / "tester" / "transcripts" / "failed-block-exam.jsonl"
    process = subprocess.Popen(
        [sys.executable, "-m", "coachkit", "simulate", "failed-block-exam"],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        env=env, cwd=tmp_path, text=True,
    )
    try:
        for count, reply in enumerate(REPLIES[:2], start=1):
            process.stdin.write(reply + "\n")
            process.stdin.flush()
            _wait_for(path, count, process)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert [t.text for t in _coach_turns(path)] == REPLIES[:2]

    resumed = subprocess.run(
        [sys.executable, "-m", "coachkit", "simulate", "failed-block-exam", "--resume"],
        input="\n".join(REPLIES[2:]) + "\n", capture_output=True, text=True, env=env,
        cwd=tmp_path, timeout=120,
    )
    assert resumed.returncode == 0, resumed.stderr
    assert f"You: {REPLIES[0]}" in resumed.stdout  # the first part is shown again
    assert "=== Debrief" in resumed.stdout

    transcript = read_transcript(path)
    assert transcript.problems == [] and transcript.attempts == [1]
    assert [t.turn for t in transcript] == list(range(1, len(transcript) + 1))
    assert [t.text for t in _coach_turns(path)] == REPLIES
    speakers = [t.speaker for t in transcript]
    assert speakers == ["system", "student"] + ["coach", "student"] * len(REPLIES) + ["system"]
    assert transcript.turns[-1].state["outcome"] == "success"
