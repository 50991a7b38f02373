"""Simulated coaching conversations: scenario files, the engine, and their transcripts.

``load_scenario("first-meeting")`` reads and validates ``simulations/first-meeting.yaml``;
``open_session(...)`` starts (or resumes) an attempt for the current trainee;
``session.reply(text)`` returns the analysis of the reply and the other person's answer;
``read_transcript(path)`` gives back every saved turn for grading.
"""

from coachkit.scenarios.engine import (
    MAX_REPLY_CHARS,
    Exchange,
    ReplyRejected,
    Session,
    SessionState,
)
from coachkit.scenarios.loader import list_scenarios, load_scenario, parse_scenario
from coachkit.scenarios.schema import Scenario, json_schema
from coachkit.scenarios.session import open_session, try_again, unfinished_attempt
from coachkit.scenarios.transcript import (
    Transcript,
    TranscriptStore,
    TranscriptTurn,
    read_transcript,
)

__all__ = [
    "MAX_REPLY_CHARS",
    "Exchange",
    "ReplyRejected",
    "Scenario",
    "Session",
    "SessionState",
    "Transcript",
    "TranscriptStore",
    "TranscriptTurn",
    "json_schema",
    "list_scenarios",
    "load_scenario",
    "open_session",
    "parse_scenario",
    "read_transcript",
    "try_again",
    "unfinished_attempt",
]
