"""The rule-based cues: matched case-blind, with straight or curly apostrophes, spans intact."""

from __future__ import annotations

import pytest

from coachkit.analyzer.cues import decide, lowered, rule_features


@pytest.mark.parametrize(("sentence", "act"), [
    ("Why don\u2019t you join a study group?", "leading_question"),
    ("DON'T WORRY, YOU'LL BE FINE.", "reassurance"),
    ("You Should Start Using Flashcards.", "advice"),
    ("Would it be OK if I shared an idea?", "seeking_collaboration"),
    ("It\u2019s entirely up to you.", "emphasizing_autonomy"),
])
def test_cues_ignore_case_and_apostrophe_style(sentence: str, act: str) -> None:
    assert decide(sentence).act == act


def test_evidence_is_cut_from_the_original_sentence_even_where_lower_case_is_longer() -> None:
    sentence = "\u0130stanbul aside, You SHOULD sleep more."  # "İ" lower-cases to two characters
    assert len(lowered(sentence)) == len(sentence)
    decision = decide(sentence)
    assert decision.act == "advice"
    match = decision.matches[0]
    assert sentence[match.start : match.end] == match.text and match.text.startswith("You SHOULD")


@pytest.mark.parametrize(("sentence", "act"), [
    # contractions after "you" and obligation + noun
    ("You've got to take that as a warning sign.", "advice"),
    ("You'll have to develop a thicker skin.", "advice"),
    ("You need a break.", "advice"),
    ("You must have the form in by Friday.", "advice"),
    ("You mustn't skip the practice exams.", "advice"),
    ("I want you to start tonight.", "advice"),
    ("Well, you do need to take your medicine.", "advice"),
    # an instruction after a condition
    ("And if you need to relax, go for a walk or read a book.", "advice"),
    ("Next time you feel stuck, write it down.", "advice"),
    # imperatives after a lead-in
    ("Tonight, close everything and sleep.", "advice"),
    ("Next step: get yourself a study routine.", "advice"),
    ("Number one, stop studying in your room.", "advice"),
    # recommendations
    ("Here's what you're going to do.", "advice"),
    ("I'd hold off until the end of the year.", "advice"),
    ("Time to change the method.", "advice"),
    ("Never skip the practice exam.", "advice"),
    ("It's important that you get some sleep.", "advice"),
    ("A good move would be to book a session with the learning specialist.", "advice"),
    ("Honestly, the smartest thing is to drop one of the electives.", "advice"),
    # a verdict on why the student fell short
    ("You failed because you only reread your notes.", "persuasion"),
    ("That's exactly why you struggled in renal.", "persuasion"),
    # premature reassurance
    ("Everyone feels like that in first year!", "reassurance"),
    ("That's totally normal.", "reassurance"),
    ("You're not a fraud!", "reassurance"),
    ("You'll pass the resit.", "reassurance"),
    ("You're being way too hard on yourself.", "reassurance"),
    # rhetorical questions
    ("Isn't that a reason to pick another specialty?", "leading_question"),
    ("Are you sure you have the time for that?", "leading_question"),
    ("Why don't we make time management the first project?", "leading_question"),
    ("How about committing to one office hour a week?", "leading_question"),
    ("Have a look at the coachee guide before next time.", "advice"),
    ("Wouldn't a study group help with the motivation?", "leading_question"),
    ("Isn't it about time you talked to the course director?", "leading_question"),
    ("The move here is to stop highlighting and start quizzing.", "advice"),
    ("I want you sleeping seven hours minimum.", "advice"),
    ("Let's not go down that road this early in the year.", "advice"),
    ("You're going to smash it.", "reassurance"),
    # verbless recommendations and bans
    ("Best to email the course director today.", "advice"),
    ("Worth dropping the second deck for now.", "advice"),
    ("Probably better to sleep than cram.", "advice"),
    ("No more all-nighters.", "advice"),
    ("might be worth spending ten of those on your flagged questions", "advice"),  # no "it", no "?"
    ("first thing, go eat something tonight.", "advice"),
    ("Before then, do one timed block.", "advice"),
    ("Good idea, definately put your scores in the same sheet.", "advice"),
    ("Boundaries with family - pick one line and stick with it.", "advice"),
    ("Next session, be the one who says it.", "advice"),
    ("Shadow a day shift before you decide anything.", "advice"),
    ("I'd probably just ask her to introduce you.", "advice"),
    ("Keep going and do another twenty tomorrow.", "advice"),
    # suggestions and loaded questions without "why don't you"
    ("What if you filled in the outline from memory first?", "leading_question"),
    ("Could some of that time go into quizzing yourself instead?", "leading_question"),
    ("Any reason you can't mute the chat till after exams?", "leading_question"),
    ("Wouldn't questions answered tell you more than hours in the chair?", "leading_question"),
    ("Shouldn't there be something you can check off by Friday?", "leading_question"),
    ("Haven't you got free tutoring through the learning centre?", "leading_question"),
    ("Do you really think your friends would judge you?", "leading_question"),
    ("You're totally fine.", "reassurance"),
    ("By Christmas you'll feel like you've been here forever.", "reassurance"),
    ("Month two does that to everybody.", "reassurance"),
    ("80% confident and 52% right means you don't know renal as well as you think.", "persuasion"),
    ("That score tells me you haven't been testing yourself.", "persuasion"),
    ("Would you be willing to go back through the fortnight with me?", "seeking_collaboration"),
    ("The meeting is yours to use however you want.", "emphasizing_autonomy"),
    ("Your pick.", "emphasizing_autonomy"),
    ("You could set a volume target, a review target, or pair them.", "options"),
    ("Talk me through one of those sessions, start to finish.", "open_question"),
    # effort and strengths recognised in the simple past, not only with "you've"
    ("You put in a huge amount of effort this month.", "affirmation"),
    ("You worked really hard on the renal block.", "affirmation"),
    ("You showed a lot of persistence there.", "affirmation"),
    ("You stuck with it even when the scores weren't moving.", "affirmation"),
    ("That was a brave thing to bring up.", "affirmation"),
    ("Coming back after a result like that takes real resilience.", "affirmation"),
    ("You've been really honest with yourself about this.", "affirmation"),
    # working something out together is collaboration; time-keeping is structuring
    ("Could we work out together what a realistic goal would be?", "seeking_collaboration"),
    ("We've got about twenty minutes left.", "structuring"),
    ("we've got half an hour.", "structuring"),
    ("id track a week first, hour by hour.", "advice"),
])
def test_cue_grammar(sentence: str, act: str) -> None:
    assert decide(sentence).act == act


@pytest.mark.parametrize("sentence", [
    "You'll need to decide that yourself.",              # autonomy, not an order
    "Why don't we start by you telling me about the block?",  # structuring
    "What makes you think it's normal?",                 # asks for the student's view
    "It's normal to feel that way before a first exam.",  # normalising a feeling
    "It sounds like you've got to get this right.",     # reflection of the student's pressure
    "So you've got this new group of friends.",          # a reflection, not "you've got this!"
    "You must be exhausted.",                            # epistemic "must": a guess at a feeling
    "You must have been furious with yourself.",
    "Let me just make sure I've understood you.",        # the coach checking, not "make sure you..."
    "I need you to tell me a bit more about the block.",  # asks the student to talk
    "When you reread, the material starts to feel familiar.",  # a condition, then no instruction
    "So you failed because you only reread.",             # the student's own account, reflected
    "Yes, always happy to hear that.",                   # "always" before an adjective
    "Even though it's important to you, they may not know.",  # a value, not a recommendation
    "It's really important that you were willing to try.",     # recognising what was done
    '"Do better" is a good start.',                      # quotes the student's words
    "Please do.",                                        # grants a request
    "How about something different?",                    # no action proposed
    "Wouldn't a lot of people feel that way?",           # asks about a feeling, proposes nothing
    "I want you telling me how it went.",                # asks the student to talk
    "Worth noticing how far you've come.",               # an observation, no action proposed
    "No more than two of them, you said?",               # checks the student's own limit
    "Better late than never.",                           # a saying, not a plan
    "Top 5%, and you still feel you should be doing more.",  # the student's "should", reflected
    "What if you fail?",                                 # asks about a fear, proposes nothing
    "Worth being clear on what I can and can't promise.",  # the coach about their own role
    "Would be good to hear how it went.",               # a wish, not a question or advice
    "Good work.",                                        # "good" is praise, "work" a noun
    "Take your time.",                                   # invitations to talk
    "Go on.",
    "So you're fine with the plan?",                     # checks, does not reassure
])
def test_look_alikes_are_not_directive(sentence: str) -> None:
    assert decide(sentence).act not in {"advice", "leading_question", "reassurance", "persuasion"}


@pytest.mark.parametrize("sentence", [
    "You worked hard and the score doesn't show it, which is frustrating.",  # effort set against a result
    "You took a lot of time off as well.",                                  # "as well" is not "well"
    "You did badly on renal.",
])
def test_effort_against_a_result_is_not_an_affirmation(sentence: str) -> None:
    assert decide(sentence).act != "affirmation"


@pytest.mark.parametrize(("sentence", "framed"), [
    ("It sounds like the score stung.", True),
    ("I can see anatomy has been on your mind.", True),
    ("Part of you wants to keep going.", True),
    ("You should rest more.", False),
    ("I can see you should rest more.", False),  # a frame in name only: still advice
])
def test_reflection_frames_are_a_feature(sentence: str, framed: bool) -> None:
    decision = decide(sentence)
    assert decision.framed is framed
    assert ("frame:reflection" in rule_features(decision)) is framed
