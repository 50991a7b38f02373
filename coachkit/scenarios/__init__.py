"""Simulated coaching conversations: scenario files, the engine, and their transcripts.

``load_scenario("first-meeting")`` reads and validates ``simulations/first-meeting.yaml``;
``open_session(...)`` starts (or resumes) an attempt for the current trainee;
``session.reply(text)`` returns the analysis of the reply and the other person's answer;
``read_transcript(path)`` gives back every saved turn for grading.

Names load on first use, so reading a scenario's title or a transcript (the home page's
course map) does not import the engine and, through it, the analyzer.
"""

from __future__ import annotations

from coachkit.lazy import lazy_exports


#: public name -> module that defines it
_EXPORTS: dict[str, str] = {
    "MAX_REPLY_CHARS": "coachkit.scenarios.engine",
    "Exchange": "coachkit.scenarios.engine",
    "ReplyRejected": "coachkit.scenarios.engine",
    "Session": "coachkit.scenarios.engine",
    "SessionState": "coachkit.scenarios.engine",
    "list_scenarios": "coachkit.scenarios.loader",
    "load_scenario": "coachkit.scenarios.loader",
    "parse_scenario": "coachkit.scenarios.loader",
    "Scenario": "coachkit.scenarios.schema",
    "json_schema": "coachkit.scenarios.schema",
    "open_session": "coachkit.scenarios.session",
    "try_again": "coachkit.scenarios.session",
    "unfinished_attempt": "coachkit.scenarios.session",
    "Transcript": "coachkit.scenarios.transcript",
    "TranscriptStore": "coachkit.scenarios.transcript",
    "TranscriptTurn": "coachkit.scenarios.transcript",
    "read_transcript": "coachkit.scenarios.transcript",
}

__all__, __getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
