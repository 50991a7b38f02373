"""Finding the student's own data in a coach's words.

A coach who says "your cardiology block score dropped to 58%" is working from the student's
data; one who says "you should study more" is not. ``profile_terms`` are the words and
numbers of one student's profile (topic names, scores, dates). Numbers match as whole
numbers ("58" matches "58%" and "58 percent" but not "158" or "5.8"); words match whole
words, case-insensitively, with an optional plural "s".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

#: Words shorter than this are ignored (they match everywhere: "a", "of", "in").
MIN_WORD_TERM = 3


@dataclass(frozen=True)
class TermHit:
    """One mention of a profile term: offsets into the searched text and the matched words."""

    start: int
    end: int
    text: str
    term: str


def _number_text(term: object) -> str | None:
    if isinstance(term, (int, float)):
        value = float(term)
        return str(int(value)) if value.is_integer() else f"{value:g}"
    return None


def compile_terms(profile_terms: Iterable[object]) -> re.Pattern[str] | None:
    """Return one regular expression matching any of the terms, or ``None`` for no terms."""
    alternatives: dict[str, str] = {}
    for term in profile_terms:
        if isinstance(term, bool) or term is None:
            continue
        number = _number_text(term)
        text = number if number is not None else str(term).strip()
        if not text:
            continue
        if re.fullmatch(r"\d+(?:\.\d+)?%?", text):
            digits = text.rstrip("%")
            alternatives[text] = rf"(?<![\w.]){re.escape(digits)}(?![\d]|\.\d)"
        elif len(text) >= MIN_WORD_TERM:
            words = r"\s+".join(re.escape(w) for w in text.split())
            alternatives[text] = rf"\b{words}(?:s|es)?\b"
    if not alternatives:
        return None
    # Longest first, so "renal physiology" wins over "renal".
    ordered = sorted(alternatives.values(), key=len, reverse=True)
    return re.compile("|".join(f"(?:{alt})" for alt in ordered), re.IGNORECASE)


def find_terms(text: str, pattern: re.Pattern[str] | None) -> list[TermHit]:
    """Every mention of a profile term in ``text`` (empty when there are no terms)."""
    if pattern is None:
        return []
    return [TermHit(m.start(), m.end(), m.group(0), m.group(0).lower()) for m in pattern.finditer(text)]
