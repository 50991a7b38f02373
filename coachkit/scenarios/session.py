"""Opening a scenario for a trainee: new attempt, resume, or try again.

This is where the engine meets the work folder: the transcript of scenario ``X`` lives in
``<work>/<trainee>/transcripts/X.jsonl`` and holds every attempt. ``open_session`` finds the
trainee's folder, looks for an attempt that did not end, and either resumes it or starts
the next attempt with the scenario's student from the cohort.
"""

from __future__ import annotations

from typing import Any

from coachkit.scenarios.engine import Analyzer, Session
from coachkit.scenarios.loader import load_scenario
from coachkit.scenarios.persona import Persona, resolve_persona
from coachkit.scenarios.schema import Scenario
from coachkit.scenarios.transcript import Transcript, TranscriptStore, TranscriptTurn
from coachkit.workdir import WorkDir, workdir


def _scenario(scenario: str | Scenario) -> Scenario:
    return scenario if isinstance(scenario, Scenario) else load_scenario(scenario)


def unfinished_attempt(transcript: Transcript) -> list[TranscriptTurn] | None:
    """The turns of the latest attempt if it has not ended, else ``None``."""
    if not transcript.attempts:
        return None
    turns = transcript.attempt(transcript.attempts[-1])
    ended = turns[-1].state.get("ended", False) and turns[-1].speaker == "system"
    return None if ended else turns


def open_session(scenario: str | Scenario, *, resume: bool = True, seed: int = 0,
                 folder: WorkDir | None = None, persona: Persona | None = None,
                 cohort: Any = None, analyzer: Analyzer | None = None) -> Session:
    """Open a scenario for the current trainee, saving every turn to their transcript.

    ``resume=True`` carries on the latest attempt if it did not end (exactly where it
    stopped); otherwise, or with ``resume=False``, the next attempt starts. ``persona``
    skips the cohort look-up (tests, or a custom student).
    """
    scenario = _scenario(scenario)
    folder = folder or workdir()
    store = TranscriptStore(folder.transcript_path(scenario.id))
    transcript = store.read()
    if resume:
        turns = unfinished_attempt(transcript)
        if turns is not None:
            return Session.resume(scenario, turns, trainee_id=folder.trainee_id, store=store,
                                  analyzer=analyzer)
    attempt = (transcript.attempts[-1] + 1) if transcript.attempts else 1
    persona = persona or resolve_persona(scenario.persona, cohort=cohort)
    return Session.begin(scenario, persona, seed=seed, attempt=attempt,
                         trainee_id=folder.trainee_id, store=store, analyzer=analyzer)


def try_again(session: Session, *, seed: int | None = None) -> Session:
    """Start the next attempt of the same scenario with the same student."""
    attempt = session.attempt + 1
    if session.store is not None:
        attempts = session.store.read().attempts
        attempt = max([attempt, *(a + 1 for a in attempts)])
    return Session.begin(session.scenario, session.persona,
                         seed=session.state.seed if seed is None else seed, attempt=attempt,
                         trainee_id=session.trainee_id, store=session.store,
                         analyzer=session.analyzer)
