"""What the turn graph looks at in a reply, beyond the analyzer's coding.

The analyzer says *how* a reply speaks (its acts, directive or not, the inquiry index).
The graph also needs to know whether the reply *listened* and whether it used the
student's data: ``reflects`` is true for a reflection, or when the reply picks up at least
``OVERLAP_WORDS`` content words of the other person's last line; ``uses_data`` is true when
it names a number, topic or exam word of the student's profile.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from coachkit.analyzer.analysis import Analysis
from coachkit.rubrics.terms import compile_terms, find_terms
from coachkit.scenarios.persona import Persona
from coachkit.scenarios.schema import When

#: Content words shared with the last line that make a reply count as reflecting it.
OVERLAP_WORDS = 2
REFLECTION_ACTS = frozenset({"simple_reflection", "complex_reflection"})

_TOKEN = re.compile(r"[a-z][a-z']+")
# Function words and conversational filler: sharing these says nothing about listening.
_FUNCTION_WORDS = frozenset(
    """a about after again all also am an and any are as at be because been before being
    but by can could did do does doing don't done for from get got had has have having he
    her here hers him his how i i'd i'll i'm i've if in into is it it's its just know like
    lot me more most much my no not now of off oh ok okay on one or other our out over
    really right so some still such than that that's the their them then there these they
    thing things think this those through to too um up us very was we well were what
    when where which while who why will with would yeah yes you you're your yours""".split()
)


def _stem(word: str) -> str:
    word = word.removesuffix("'s")
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> set[str]:
    """Stemmed words of ``text`` that carry content (not function words)."""
    return {_stem(w) for w in _TOKEN.findall(text.lower())
            if w not in _FUNCTION_WORDS and len(w) > 2}


@dataclass(frozen=True)
class ReplyFeatures:
    """Everything a ``when`` condition can test, computed once per reply."""

    act: str
    acts: tuple[str, ...]
    mi_code: str
    directive: bool
    inquiry_index: float
    reflects: bool
    shared_words: tuple[str, ...]
    uses_data: bool
    data_mentions: tuple[str, ...]
    words: str

    @property
    def inquiry_based(self) -> bool:
        """Invites the other person's thinking: not directive and a positive index."""
        return not self.directive and self.inquiry_index > 0

    def to_dict(self) -> dict[str, Any]:
        """Plain data for the transcript state (``words`` is left out: it is the reply)."""
        data = asdict(self)
        data.pop("words")
        return data


def reply_features(analysis: Analysis, *, last_line: str, persona: Persona) -> ReplyFeatures:
    """Compute the features of one analysed reply, given the line it answers."""
    acts = tuple(dict.fromkeys(s.act for s in analysis.sentences)) or (analysis.act,)
    shared = sorted(content_words(analysis.text) & content_words(last_line))
    reflects = (analysis.mi_code == "reflection" or bool(REFLECTION_ACTS.intersection(acts))
                or len(shared) >= OVERLAP_WORDS)
    hits = find_terms(analysis.text, compile_terms(persona.data_terms))
    return ReplyFeatures(
        act=analysis.act,
        acts=acts,
        mi_code=analysis.mi_code,
        directive=analysis.directive,
        inquiry_index=round(float(analysis.inquiry_index), 4),
        reflects=reflects,
        shared_words=tuple(shared),
        uses_data=bool(hits),
        data_mentions=tuple(dict.fromkeys(h.text for h in hits)),
        words=analysis.text.lower().replace("\u2019", "'"),
    )


def _mentions(words: str, phrases: list[str]) -> bool:
    return any(re.search(r"(?<![a-z])" + re.escape(p.lower()), words) for p in phrases)


def matches(when: When, features: ReplyFeatures, counters: dict[str, int]) -> bool:
    """True when every condition given in ``when`` holds for this reply."""
    checks = (
        when.directive is None or features.directive == when.directive,
        when.act is None or bool(set(when.act).intersection(features.acts)),
        when.mi_code is None or features.mi_code in when.mi_code,
        when.reflects is None or features.reflects == when.reflects,
        when.uses_data is None or features.uses_data == when.uses_data,
        when.mentions is None or _mentions(features.words, when.mentions),
        when.inquiry_at_least is None or features.inquiry_index >= when.inquiry_at_least,
        when.inquiry_below is None or features.inquiry_index < when.inquiry_below,
        all(counters.get(name, 0) >= value for name, value in when.at_least.items()),
        all(counters.get(name, 0) <= value for name, value in when.at_most.items()),
    )
    return all(checks)
