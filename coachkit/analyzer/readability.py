"""Length and readability of a reply (Flesch Reading Ease and Flesch-Kincaid grade).

Why not textstat: its English syllable counter needs NLTK's ``cmudict`` corpus, which it
downloads at run time (impossible offline), and importing it costs about two seconds. The
Flesch formulas are public and tiny; syllables are counted with pyphen's offline
hyphenation dictionary, floored by a vowel-group estimate (hyphenation leaves short words
whole), which is accurate enough for a reply of a few sentences.
"""

from __future__ import annotations

import re
from functools import lru_cache

from coachkit.analyzer.analysis import Readability

_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
_VOWEL_GROUP = re.compile(r"[aeiouy]+")


@lru_cache(maxsize=1)
def _hyphenator():
    import pyphen

    return pyphen.Pyphen(lang="en_US")


@lru_cache(maxsize=1 << 15)
def syllables(word: str) -> int:
    """Estimate the syllables of one English word (at least 1)."""
    word = word.lower().strip("'")
    groups = len(_VOWEL_GROUP.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and groups > 1:
        groups -= 1
    return max(1, groups, len(_hyphenator().positions(word)) + 1)


def readability(text: str, n_sentences: int) -> Readability:
    """Measure ``text``; ``n_sentences`` comes from the analyzer's own sentence split."""
    words = _WORD.findall(text)
    if not words:
        return Readability(words=0, sentences=n_sentences, flesch_reading_ease=0.0, flesch_kincaid_grade=0.0)
    n_sentences = max(1, n_sentences)
    words_per_sentence = len(words) / n_sentences
    syllables_per_word = sum(syllables(w) for w in words) / len(words)
    return Readability(
        words=len(words),
        sentences=n_sentences,
        flesch_reading_ease=round(206.835 - 1.015 * words_per_sentence - 84.6 * syllables_per_word, 1),
        flesch_kincaid_grade=round(0.39 * words_per_sentence + 11.8 * syllables_per_word - 15.59, 1),
    )
