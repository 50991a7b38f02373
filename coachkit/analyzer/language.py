"""Is a reply written in English? The analyzer is trained on English only, so it says so.

A reply counts as English when enough of its words are among the most common English
function words; a short reply ("OK.") is given the benefit of the doubt. Replies in other
scripts (no Latin letters at all) are not English.
"""

from __future__ import annotations

import re

#: The most common English function words (also the "not content" words of ``features``).
COMMON_WORDS = frozenset(
    """a about after again all also am an and any are as at be because been before being but by can
    could did do does doing don't down for from had has have having he her here him his how i i'd i'll
    i'm i've if in into is it it's its just know let's like make me more most my no not now of off on
    one only or other our out over really said say see she should so some still such than that that's
    the their them then there these they think this those through to too try up us very want was way we
    well were what when where which while who why will with would you you'd you'll you're you've your
    yourself ok okay yes yeah sounds feel feeling tell more""".split()
)
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?", re.UNICODE)
MIN_WORDS_TO_JUDGE = 4
MIN_COMMON_SHARE = 0.2


def looks_english(text: str) -> bool:
    """True unless the text is clearly in another language or script."""
    words = _WORD.findall(text.lower().replace("\u2019", "'"))
    if not words:
        return True
    if not text.isascii() and sum(map(str.isascii, words)) / len(words) < 0.5:
        return False
    if len(words) < MIN_WORDS_TO_JUDGE:
        return True
    return sum(map(COMMON_WORDS.__contains__, words)) / len(words) >= MIN_COMMON_SHARE
