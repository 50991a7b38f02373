"""The scenario engine: a conversation with a simulated student (or coach), turn by turn.

A :class:`Session` takes the trainee's reply, has it analysed, finds the first matching
response of the current node, says one of its lines (a variant not used yet for that
response, chosen reproducibly from the seed) and moves to the next node. Every line is
written to the transcript before ``reply`` returns, so closing the notebook, a crash or a
killed process loses nothing; :func:`open_session` resumes from the transcript.

The engine is pure Python: the widgets and the ``coachkit simulate`` command both drive it
and neither holds any conversation logic.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from coachkit.analyzer.analysis import Analysis
from coachkit.errors import InputError
from coachkit.scenarios.features import ReplyFeatures, matches, reply_features
from coachkit.scenarios.persona import Persona, persona_from_values
from coachkit.scenarios.schema import COUNTERS, Scenario
from coachkit.scenarios.transcript import (
    TRANSCRIPT_VERSION,
    TranscriptStore,
    TranscriptTurn,
    utc_now,
)

#: Replies longer than this are refused (about a printed page).
MAX_REPLY_CHARS = 5000

Analyzer = Callable[..., Analysis]


class ReplyRejected(InputError):
    """A reply the engine cannot take (empty, too long, not English); nothing was saved.

    ``reason`` is ``"empty"``, ``"too_long"``, ``"not_english"`` or ``"ended"``; the message
    is written for the trainee.
    """

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class SessionState:
    """Where the conversation is: the node, the counters and the lines already used."""

    node: str
    attempt: int
    seed: int
    counters: dict[str, int]
    used: dict[str, list[int]]
    last_line: str
    rule: str | None = None
    ended: bool = False
    outcome: str | None = None
    ending_note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain data, stored with every transcript line."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "SessionState":
        """Rebuild from a transcript line's ``state`` (extra keys are ignored)."""
        names = cls.__dataclass_fields__
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass(frozen=True)
class Exchange:
    """The result of one reply: its analysis, what the other person said, the new state."""

    reply: str
    analysis: Analysis
    features: ReplyFeatures
    responses: tuple[str, ...]
    rule: str
    note: str | None
    state: SessionState
    turns: tuple[TranscriptTurn, ...] = field(repr=False)

    @property
    def ended(self) -> bool:
        """True when this reply closed the conversation."""
        return self.state.ended


def _pick(state: SessionState, scenario_id: str, key: str, count: int) -> tuple[int, dict]:
    """Choose a variant of response ``key``: not repeated until all have been used."""
    picks = list(state.used.get(key, []))
    cycle_start = len(picks) - len(picks) % count
    current = set(picks[cycle_start:])
    candidates = [i for i in range(count) if i not in current]
    if not current and picks and count > 1:
        candidates.remove(picks[-1])  # a new round never starts with the line just said
    rng = random.Random(f"{state.seed}|{scenario_id}|{state.attempt}|{key}|{len(picks)}")
    choice = rng.choice(candidates)
    return choice, {**state.used, key: [*picks, choice]}


def _counters_after(counters: dict[str, int], features: ReplyFeatures) -> dict[str, int]:
    new = dict(counters)
    new["exchanges"] += 1
    new["directive"] += features.directive
    new["directive_streak"] = counters["directive_streak"] + 1 if features.directive else 0
    new["inquiry"] += features.inquiry_based
    new["inquiry_streak"] = counters["inquiry_streak"] + 1 if features.inquiry_based else 0
    new["reflections"] += features.reflects
    new["data_refs"] += features.uses_data
    return new


def initial_state(scenario: Scenario, persona: Persona, *, seed: int,
                  attempt: int) -> tuple[SessionState, str]:
    """The state before the first reply, and the opening line (filled)."""
    state = SessionState(node=scenario.start_node, attempt=attempt, seed=seed,
                         counters=dict.fromkeys(COUNTERS, 0), used={}, last_line="")
    index, used = _pick(state, scenario.id, "opening", len(scenario.opening))
    line = persona.fill(scenario.opening[index])
    return replace(state, used=used, last_line=line, rule="opening"), line


def step(scenario: Scenario, persona: Persona, state: SessionState,
         analysis: Analysis) -> tuple[ReplyFeatures, str, str | None, list[str], SessionState]:
    """Apply one analysed reply: ``(features, rule, note, lines said, new state)``.

    Pure and deterministic: the same state and analysis always give the same result, which
    is what lets a transcript be replayed exactly.
    """
    features = reply_features(analysis, last_line=state.last_line, persona=persona)
    counters = _counters_after(state.counters, features)
    node = scenario.nodes[state.node]
    index, response = next(
        (i, r) for i, r in enumerate(node.responses) if matches(r.when, features, counters)
    )
    rule = f"{state.node}#{index}"
    variant, used = _pick(state, scenario.id, rule, len(response.say))
    lines = [persona.fill(response.say[variant])]
    target = response.goto or state.node
    new = replace(state, node=target, counters=counters, used=used, rule=rule)
    ending = scenario.nodes[target].ending
    if ending is not None:
        new = replace(new, ended=True, outcome=ending.outcome, ending_note=ending.note)
    elif counters["exchanges"] >= scenario.end.max_exchanges:
        variant, used = _pick(new, scenario.id, "time-up", len(scenario.end.say))
        lines.append(persona.fill(scenario.end.say[variant]))
        new = replace(new, used=used, ended=True, outcome=scenario.end.outcome,
                      ending_note=scenario.end.note)
    return features, rule, response.note, lines, replace(new, last_line=lines[-1])


def check_reply(text: str, *, name: str = "the student") -> str:
    """Refuse an empty or over-long reply with a kind message; return it unchanged."""
    if not text or not text.strip():
        raise ReplyRejected("empty", f"Your reply is empty. Write what you would say to "
                                     f"{name}, then send it.")
    if len(text) > MAX_REPLY_CHARS:
        raise ReplyRejected(
            "too_long",
            f"Your reply is {len(text):,} characters long. Please keep it under "
            f"{MAX_REPLY_CHARS:,} characters (about a page); short replies work better in a "
            "real conversation too. Your text is still in the box.",
        )
    return text


def check_analysis(analysis: Analysis) -> Analysis:
    """Refuse a reply the analyzer could not read as English."""
    if "not_english" in analysis.notes:
        raise ReplyRejected(
            "not_english",
            "CoachKit can only give feedback on replies written in English for now. Could "
            "you write your reply in English? Your text is still in the box.",
        )
    if "empty" in analysis.notes:
        raise ReplyRejected("empty", "Your reply has no words in it yet. Write what you "
                                     "would say, then send it.")
    return analysis


def default_analyzer() -> Analyzer:
    """The kit's analyzer (imported late: it loads a model)."""
    from coachkit.analyzer import analyze

    return analyze


class Session:
    """One attempt at one scenario, saved line by line to a transcript.

    Build it with :func:`open_session` (which resolves the persona, the work folder and
    resuming) or :meth:`begin` / :meth:`resume` directly.
    """

    def __init__(self, scenario: Scenario, persona: Persona, state: SessionState, *,
                 turns: list[TranscriptTurn], trainee_id: str,
                 store: TranscriptStore | None, analyzer: Analyzer | None) -> None:
        self.scenario = scenario
        self.persona = persona
        self.state = state
        self.turns = turns
        self.trainee_id = trainee_id
        self.store = store
        self._analyzer = analyzer

    # -- building ---------------------------------------------------------------------
    @classmethod
    def begin(cls, scenario: Scenario, persona: Persona, *, seed: int = 0, attempt: int = 1,
              trainee_id: str = "anonymous", store: TranscriptStore | None = None,
              analyzer: Analyzer | None = None) -> "Session":
        """Start a new attempt: save the start and the opening line, ready for a reply."""
        state, opening = initial_state(scenario, persona, seed=seed, attempt=attempt)
        session = cls(scenario, persona, state, turns=[], trainee_id=trainee_id, store=store,
                      analyzer=analyzer)
        session._emit("system", f"Attempt {attempt} of \u201c{scenario.title}\u201d started.",
                      extra={"persona": persona.to_dict(), "trainee_role": scenario.trainee_role})
        session._emit(scenario.simulated_role, opening)
        return session

    @classmethod
    def resume(cls, scenario: Scenario, turns: list[TranscriptTurn], *, trainee_id: str,
               store: TranscriptStore | None = None,
               analyzer: Analyzer | None = None) -> "Session":
        """Rebuild an attempt from its transcript turns exactly as it was left.

        If the process died between saving a reply and saving the answer to it, the answer
        is recomputed from the saved analysis (the engine is deterministic) and saved now.
        """
        if not turns or turns[0].speaker != "system" or "persona" not in turns[0].state:
            raise InputError("this transcript attempt has no start line, so it cannot be "
                             "resumed; start a new attempt instead")
        saved = turns[0].state["persona"]
        persona = persona_from_values(saved["student_id"], saved["values"])
        state = SessionState.from_dict(turns[-1].state)
        session = cls(scenario, persona, state, turns=list(turns), trainee_id=trainee_id,
                      store=store, analyzer=analyzer)
        if state.node not in scenario.nodes:
            raise InputError(f"the scenario '{scenario.id}' has changed since this attempt "
                             f"(node '{state.node}' is gone); start a new attempt instead")
        last = turns[-1]
        if last.speaker == scenario.trainee_role and last.analysis:
            before = SessionState.from_dict(turns[-2].state)
            session._answer(last.text, last.analysis_object(), before)
        elif state.ended and last.speaker != "system":
            session._emit_end()
        return session

    # -- properties -------------------------------------------------------------------
    @property
    def ended(self) -> bool:
        """True once the conversation has closed (an ending node, or time ran out)."""
        return self.state.ended

    @property
    def attempt(self) -> int:
        """This attempt's number (1 for the first try)."""
        return self.state.attempt

    @property
    def analyzer(self) -> Analyzer:
        """The function that analyses replies (the kit's analyzer unless one was given)."""
        if self._analyzer is None:
            self._analyzer = default_analyzer()
        return self._analyzer

    def trainee_turns(self) -> list[TranscriptTurn]:
        """The trainee's replies of this attempt, in order."""
        return [t for t in self.turns if t.speaker == self.scenario.trainee_role]

    def analyses(self) -> list[Analysis]:
        """The analysis of each of the trainee's replies, in order."""
        return [t.analysis_object() for t in self.trainee_turns()]

    # -- the conversation -------------------------------------------------------------
    def reply(self, text: str) -> Exchange:
        """Take the trainee's reply; return its analysis and the other person's answer.

        Raises :class:`ReplyRejected` (nothing saved, the state unchanged) for an empty,
        over-long or non-English reply, or when the conversation has ended.
        """
        if self.ended:
            raise ReplyRejected("ended", "This conversation has ended. Read the debrief, or "
                                         "start again to try a different approach.")
        other = (self.persona.values.get("name", "the student")
                 if self.scenario.simulated_role == "student" else "your coach")
        check_reply(text, name=other)
        analysis = check_analysis(self.analyzer(text, self.state.last_line))
        return self._answer(text, analysis, self.state, save_reply=True)

    def _answer(self, text: str, analysis: Analysis, before: SessionState, *,
                save_reply: bool = False) -> Exchange:
        features, rule, note, lines, after = step(self.scenario, self.persona, before, analysis)
        self.state = after
        written = []
        if save_reply:
            written.append(self._emit(self.scenario.trainee_role, text, analysis=analysis,
                                      extra={"features": features.to_dict()}))
        written.extend(self._emit(self.scenario.simulated_role, line) for line in lines)
        if after.ended:
            written.append(self._emit_end())
        return Exchange(reply=text, analysis=analysis, features=features,
                        responses=tuple(lines), rule=rule, note=note, state=after,
                        turns=tuple(written))

    def _emit_end(self) -> TranscriptTurn:
        return self._emit("system", f"The conversation ended ({self.state.outcome}). "
                                    f"{self.state.ending_note}")

    def _emit(self, speaker: str, text: str, *, analysis: Analysis | None = None,
              extra: dict[str, Any] | None = None) -> TranscriptTurn:
        turn = TranscriptTurn(
            schema_version=TRANSCRIPT_VERSION,
            trainee_id=self.trainee_id,
            scenario_id=self.scenario.id,
            attempt=self.state.attempt,
            turn=len(self.turns) + 1,
            timestamp=utc_now(),
            speaker=speaker,
            text=text,
            analysis=analysis.to_dict() if analysis is not None else None,
            state={**self.state.to_dict(), **(extra or {})},
        )
        # kept in memory exactly as it reads back from disk (tuples become lists)
        turn = TranscriptTurn.model_validate_json(turn.to_json())
        if self.store is not None:
            self.store.append(turn)
        self.turns.append(turn)
        return turn
