"""Does the analyzer code each act the way an MI coder would, on hand-written coaching replies?"""

from __future__ import annotations

import pytest

from coachkit.analyzer import ACTS, DIRECTIVE_ACTS, analyze

CONTEXT = "My renal block score was 61 and I studied harder than ever. I just keep rereading my notes."

# (reply, expected act of the whole reply, directive?)
EXAMPLES = [
    ("What do you make of the renal score?", "open_question", False),
    ("How did you prepare for this block?", "open_question", False),
    ("Tell me more about how you studied.", "open_question", False),
    ("Did you sleep well the week before the exam?", "closed_question", False),
    ("Why don't you join a study group?", "leading_question", True),
    ("Have you tried doing practice questions instead?", "leading_question", True),
    ("Wouldn't it make sense to redo the renal questions?", "leading_question", True),
    ("You need to start doing more practice questions.", "advice", True),
    ("You should start using flashcards. What do you think?", "advice", True),
    ("Focus on cardiology this week.", "advice", True),
    ("I'd suggest that you book a session with the learning specialist.", "advice", True),
    ("The data clearly show that rereading doesn't work.", "persuasion", True),
    ("Don't worry, you'll be fine.", "reassurance", True),
    ("Would it be OK if I shared what has worked for other students?", "seeking_collaboration", False),
    ("It's entirely up to you which of these you try.", "emphasizing_autonomy", False),
    ("Some students try flashcards, others prefer question banks; which, if any, fits you?", "options", False),
    ("It takes courage to look this closely at a disappointing score.", "affirmation", False),
    ("Let's look at your practice exam trend together.", "structuring", False),
    ("You put in a huge amount of effort this block.", "affirmation", False),
    ("A good move would be to book a session with the learning specialist.", "advice", True),
    ("Could we work out together what a realistic goal would be for the next block?", "seeking_collaboration", False),
    ("How did you decide on rereading?", "open_question", False),
]


@pytest.mark.parametrize(("reply", "act", "directive"), EXAMPLES)
def test_reply_is_coded_as_an_expert_would(reply: str, act: str, directive: bool) -> None:
    analysis = analyze(reply, CONTEXT)
    assert (analysis.act, analysis.directive) == (act, directive)


@pytest.mark.parametrize(
    "reply",
    [
        "You feel you should be doing more.",
        "So you're saying you have to pass this time.",
        "What do you think you should do?",
        "It sounds like you're worried this will follow you.",
        "You don't want to fall behind your friends.",
    ],
)
def test_directive_words_inside_a_reflection_or_own_view_question_are_not_directive(reply: str) -> None:
    assert not analyze(reply, CONTEXT).directive


@pytest.mark.parametrize("reply", ["It sounds like rereading has stopped paying off for you.",
                                   "You worked hard and the score doesn't show it, which is frustrating."])
def test_reflections_are_reflections(reply: str) -> None:
    analysis = analyze(reply, CONTEXT)
    assert analysis.mi_code == "reflection"
    assert analysis.act in {"simple_reflection", "complex_reflection"}


@pytest.mark.parametrize(("reply", "directive"), [
    ("Your confidence on renal was 80% and your accuracy 52%. What do you make of that?", False),
    ("Here's the trend: 61, 64, 63 on the last three practice exams. What do you notice?", False),
    ("Your quiz average went from 58 to 71 over the block.", False),
    ("Those three scores say your method stopped working a month ago.", True),
    ("Your accuracy on renal is 48%. Do two timed renal blocks a week until it's over 65.", True),
])
@pytest.mark.parametrize("tier", ["fast", "quality"])
def test_the_students_data_put_in_front_of_them_is_inquiry_and_a_verdict_on_it_is_not(
        reply: str, directive: bool, tier: str) -> None:
    # Data-driven reflection is the kit's central move: the coach shows the numbers and asks.
    assert analyze(reply, CONTEXT, tier=tier).directive is directive


def test_a_reply_with_any_directive_sentence_is_directive_and_names_that_act() -> None:
    analysis = analyze("That sounds frustrating. You should switch to practice questions. What do you think?")
    assert analysis.directive and analysis.act == "advice"
    assert [s.directive for s in analysis.sentences] == [False, True, False]


def test_every_directive_sentence_gets_a_suggestion_and_evidence_where_a_cue_drove_it() -> None:
    analysis = analyze("You should start using flashcards. Why don't you join a study group?")
    for sentence in analysis.sentences:
        assert sentence.directive and sentence.suggestion
        assert sentence.evidence, sentence.text
    assert "join a study group" in analysis.sentences[1].suggestion


def test_vocabulary_is_closed() -> None:
    analysis = analyze("You must do 40 questions a day. It's your call though.")
    assert all(s.act in ACTS for s in analysis.sentences)
    assert DIRECTIVE_ACTS <= set(ACTS)


@pytest.mark.parametrize("verdict", ["You failed because you only reread your notes.",
                                     "That's exactly why you struggled on the renal block."])
def test_a_verdict_on_a_setback_is_answered_with_a_question_about_the_students_own_account(verdict: str) -> None:
    sentence = analyze(verdict).sentences[0]
    assert sentence.act == "persuasion"
    assert sentence.suggestion in ("What's your own sense of what happened?",
                                   "How do you make sense of the result, looking back?")
    arguing = analyze("The data show that rereading doesn't work.").sentences[0]
    assert arguing.act == "persuasion" and "happened" not in arguing.suggestion
