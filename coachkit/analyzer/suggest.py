"""Inquiry-based rewrites for directive sentences.

A suggestion keeps the trainee's own idea but hands the decision back to the student: ask
what they have tried, ask permission before offering, offer it as one option among others.
Where the directive sentence names an action ("You should *join a study group*"), the
rewrite reuses it; otherwise it offers a prompt that opens the topic. The choice among
phrasings is deterministic (it depends on the sentence), so the same reply always gets the
same feedback.
"""

from __future__ import annotations

import re
import zlib

from coachkit.analyzer.cues import NAMES_A_SETBACK, STARTS_WITH_ACTION_VERB, CueMatch

_TRAILING = re.compile(r"[\s.!?,;:]+$")
_LEADING_FILLER = re.compile(r"^(?:(?:just|really|definitely|absolutely|simply|also|probably|honestly|seriously|"
                             r"then|now|that|you|to|and|maybe|perhaps)\s+)+", re.IGNORECASE)
_QUESTION_VERB = re.compile(r"^(?:have|did)\s+you\s+(?:ever\s+)?(tried|try|considered|consider|thought\s+about|think\s+about)\s+", re.IGNORECASE)
_BASE_FORM = {"tried": "try", "considered": "consider", "thought about": "think about"}

_WITH_ACTION = {
    "advice": (
        "Would it be OK if I shared an idea? Some students find it helps to {action}. How might that fit with what you're doing now?",
        "What have you tried so far? (If the student would like an idea: \"Some students {action} - what do you make of that?\")",
        "Some students {action}; others find a different route. What feels right for you?",
    ),
    "leading_question": (
        "What options do you see? (If you want to offer yours, ask first: \"Could I share one idea? Some students {action}.\")",
        "What have you already considered? If it helps, some students {action} - how would that sit with you?",
    ),
}
_WITHOUT_ACTION = {
    "advice": (
        "What have you tried so far, and what do you think would help most?",
        "What ideas do you already have about what could help?",
    ),
    "leading_question": (
        "What options do you see for yourself?",
        "What have you considered so far?",
    ),
    "persuasion": (
        "What do you make of these results yourself?",
        "What would make a change worth it for you - and what makes it hard?",
    ),
    "verdict": (  # persuasion that explains the student's setback for them
        "What's your own sense of what happened?",
        "How do you make sense of the result, looking back?",
    ),
    "reassurance": (
        "It sounds like this has been weighing on you. What worries you most about it?",
        "That sounds hard. What has it been like for you?",
    ),
}


def _action(sentence: str, match: CueMatch) -> str | None:
    """The action a directive sentence recommends, as a base-verb phrase, if one can be read."""
    rest = sentence[match.start :] if match.cue.name == "imperative" else sentence[match.end :]
    asked = _QUESTION_VERB.match(sentence[match.start :])
    if asked:  # "Have you tried Anki?" -> "try Anki"
        verb = re.sub(r"\s+", " ", asked.group(1).lower())
        rest = f"{_BASE_FORM.get(verb, verb)} {sentence[match.start + asked.end():]}"
    rest = _LEADING_FILLER.sub("", _TRAILING.sub("", rest.strip()))
    if not 2 <= len(rest.split()) <= 14 or rest.lower().startswith(("don't", "do not", "never", "not ")):
        return None
    return rest[0].lower() + rest[1:]

def suggest(sentence: str, act: str, matches: tuple[CueMatch, ...]) -> str:
    """Return an inquiry-based alternative to one directive sentence."""
    choice = zlib.crc32(sentence.encode("utf-8"))
    action = _action(sentence, matches[0]) if matches and act in _WITH_ACTION else None
    if action and not STARTS_WITH_ACTION_VERB.match(action):  # a thing, not a deed: "a tutor"
        return f"Some students find {action} useful. What do you think might help you?"
    if action:
        options = _WITH_ACTION[act]
        return options[choice % len(options)].format(action=action)
    if act == "persuasion" and any(NAMES_A_SETBACK.search(m.text) for m in matches):
        act = "verdict"
    options = _WITHOUT_ACTION.get(act, _WITHOUT_ACTION["advice"])
    return options[choice % len(options)]
