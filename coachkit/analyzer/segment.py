"""Split a reply into sentences, keeping character offsets into the original text.

Written coaching replies are short and informal, so a regular expression does better than a
general-purpose tokenizer here: it splits after ``.``, ``!``, ``?`` (and runs of them) that are
followed by white space, but not after common abbreviations ("Dr.", "e.g.") or inside numbers
("68.5%"). Line breaks also end a sentence, because trainees often write one thought per line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS = frozenset(
    "dr mr mrs ms prof st vs etc eg ie e.g i.e approx min max no fig dept univ jr sr".split()
)
_BOUNDARY = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s)|\n+")
_WORD_BEFORE = re.compile(r"(?:^|(?<=[\s(\[\"]))([A-Za-z][A-Za-z.]*)$")


@dataclass(frozen=True)
class Span:
    """One sentence: its text and where it stands in the reply."""

    text: str
    start: int
    end: int


def _is_abbreviation(text: str, boundary: int) -> bool:
    match = _WORD_BEFORE.search(text, 0, boundary)
    if not match:
        return False
    word = match.group(1).lower().rstrip(".")
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def split_sentences(text: str) -> list[Span]:
    """Return the sentences of ``text`` with offsets; white space around them is trimmed.

    An empty or blank text has no sentences. Offsets satisfy
    ``text[span.start:span.end] == span.text``.
    """
    spans: list[Span] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group().startswith(".") and _is_abbreviation(text, match.start()):
            continue
        _append(spans, text, start, match.end())
        start = match.end()
    _append(spans, text, start, len(text))
    return spans


def _append(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(text[start:end], start, end))
