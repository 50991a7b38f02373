"""The plain words every screen uses for the analyzer's calls (one place, all views).

A clinician who has never heard of MITI should understand the feedback, so each call has
a short label, an icon that does not rely on colour, and a one-line explanation.
"""

from __future__ import annotations

from typing import Protocol

INVITES = ("invites", "\u2714", "Invites thinking",
           "This sentence opens space for the other person's own thinking.")
DIRECTS = ("directs", "\u26a0", "Tells or directs",
           "This sentence tells the other person what to do or think.")
NEUTRAL = ("neutral", "\u2022", "Neutral",
           "This sentence neither tells nor invites much; that is fine in small amounts.")

OUTCOME_WORDS = {
    "success": "The conversation went where it needed to go.",
    "partial": "The conversation got part of the way.",
    "stuck": "The conversation got stuck.",
}


#: acts whose inquiry weight is at least this count as inviting (see analyzer/acts.py)
INVITING_WEIGHT = 0.2


class _Coded(Protocol):
    directive: bool
    act: str


def sentence_call(sentence: _Coded) -> tuple[str, str, str, str]:
    """``(kind, icon, label, explanation)`` for a sentence (or a whole reply), by its act."""
    from coachkit.analyzer.acts import INQUIRY_WEIGHT  # on use: the analyzer package is heavy

    if sentence.directive:
        return DIRECTS
    if INQUIRY_WEIGHT.get(sentence.act, 0.0) >= INVITING_WEIGHT:
        return INVITES
    return NEUTRAL


def act_words(act: str) -> str:
    """The act in plain words, e.g. "open question"."""
    from coachkit.analyzer.acts import ACT_LABEL

    return ACT_LABEL.get(act, act.replace("_", " "))
