"""The home page's cells draw the course map without the scenario engine or the analyzer.

Those load only when a trainee acts (the reply box queues them after its cell, see
``test_practice_loading``). Run in a fresh interpreter with the home page's own cells.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

HEAVY = ("coachkit.analyzer.pipeline", "coachkit.analyzer.model", "coachkit.scenarios.engine",
         "numpy", "textstat")

HOME_PAGE = ("import sys\n"
             "from coachkit.ui import ModuleMap, ReplyPractice\n"
             "ModuleMap()\nReplyPractice()\n"
             f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules))\n"
             "print('coachkit.scenarios.transcript' in sys.modules)")

TURN = ('{"trainee_id": "ana", "scenario_id": "%s", "attempt": 1, "turn": 1, '
        '"speaker": "coach", "text": "How did the exam go?", "analysis": {"label": "inquiry"}, '
        '"timestamp": "2025-01-01T00:00:00+00:00"}\n')


@pytest.mark.parametrize("practised", [False, True], ids=["new trainee", "with a transcript"])
def test_the_course_map_imports_no_engine_or_model(tmp_path, practised):
    env = {**os.environ, "COACHKIT_WORK": str(tmp_path / "work"), "COACHKIT_TRAINEE": "ana"}
    env.pop("JUPYTERHUB_USER", None)
    if practised:
        transcripts = tmp_path / "work" / "ana" / "transcripts"
        transcripts.mkdir(parents=True)
        (transcripts / "failed-block-exam.jsonl").write_text(TURN % "failed-block-exam")
    done = subprocess.run([sys.executable, "-c", HOME_PAGE], capture_output=True, text=True,
                          env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    heavy, transcript_read = done.stdout.split("\n")[:2]
    assert heavy == ""
    assert transcript_read == str(practised)  # a transcript is read only when there is one
