"""The engine's mechanics, driven by a keyword stand-in for the analyzer."""

from __future__ import annotations

import pytest

from coachkit.scenarios import ReplyRejected, Session, load_scenario, read_transcript
from coachkit.scenarios.engine import MAX_REPLY_CHARS
from coachkit.scenarios.session import open_session, try_again
from coachkit.scenarios.transcript import TranscriptStore


def _session(fake, persona, scenario="failed-block-exam", seed=0, store=None):
    return Session.begin(load_scenario(scenario), persona, seed=seed, store=store,
                         trainee_id="tester", analyzer=fake)


def test_directive_reply_gets_passive_answer_and_stays(fake, persona):
    session = _session(fake, persona)
    exchange = session.reply("You should do more questions.")
    assert exchange.features.directive
    assert exchange.state.node == "guarded"
    assert exchange.rule == "guarded#1"
    assert exchange.state.counters["directive"] == 1


def test_open_question_moves_forward(fake, persona):
    session = _session(fake, persona)
    exchange = session.reply("What happened in the exam?")
    assert exchange.state.node == "opening-up"
    assert exchange.features.inquiry_based


def test_repeated_move_never_repeats_a_line_until_all_are_used(fake, persona):
    session = _session(fake, persona, scenario="smart-goal")
    lines = [session.reply("You should write 50 questions a day.").responses[0]
             for _ in range(2)]
    assert lines[0] != lines[1]


@pytest.mark.parametrize("seed", [0, 1, 7])
def test_same_seed_same_conversation(fake, persona, seed):
    replies = ["You should do more questions.", "What happened?", "So you feel lost.",
               "What do you make of your heart failure score of 44%?"]
    runs = []
    for _ in range(2):
        session = _session(fake, persona, seed=seed)
        runs.append([session.reply(r).responses for r in replies])
    assert runs[0] == runs[1]


def test_three_directives_close_the_student_off(fake, persona):
    session = _session(fake, persona)
    for _ in range(3):
        exchange = session.reply("You need to do more questions.")
    assert exchange.ended and exchange.state.outcome == "stuck"
    with pytest.raises(ReplyRejected) as info:
        session.reply("What happened?")
    assert info.value.reason == "ended"


def test_time_runs_out_with_a_closing_line(fake, persona):
    session = _session(fake, persona, scenario="first-meeting")
    for _ in range(8):
        exchange = session.reply("Hello.")
    assert exchange.ended and exchange.state.outcome == "partial"
    assert len(exchange.responses) == 2


def test_data_reference_is_detected(fake, persona):
    session = _session(fake, persona)
    session.reply("What happened?")
    exchange = session.reply("What do you make of the 44% in heart failure?")
    assert exchange.features.uses_data
    assert "44" in exchange.features.data_mentions
    assert exchange.state.node == "looking"


def test_reflection_by_shared_words(fake, persona):
    session = _session(fake, persona, scenario="first-meeting")
    exchange = session.reply("The meeting email made you think something was wrong.")
    assert exchange.features.reflects


@pytest.mark.parametrize(
    ("text", "reason"),
    [("", "empty"), ("   \n\t ", "empty"), ("x" * (MAX_REPLY_CHARS + 1), "too_long"),
     ("Tienes que estudiar para el examen porque es importante.", "not_english")],
)
def test_bad_replies_are_refused_kindly_and_nothing_is_saved(fake, persona, tmp_path, text, reason):
    store = TranscriptStore(tmp_path / "t.jsonl")
    session = _session(fake, persona, store=store)
    before = len(read_transcript(store.path))
    with pytest.raises(ReplyRejected) as info:
        session.reply(text)
    assert info.value.reason == reason
    assert "Traceback" not in str(info.value) and len(str(info.value)) > 20
    assert len(read_transcript(store.path)) == before
    assert session.state.counters["exchanges"] == 0


def test_every_turn_is_saved_with_analysis_and_state(fake, persona, tmp_path):
    store = TranscriptStore(tmp_path / "t.jsonl")
    session = _session(fake, persona, store=store)
    session.reply("What happened?")
    turns = read_transcript(store.path).turns
    assert [t.speaker for t in turns] == ["system", "student", "coach", "student"]
    assert [t.turn for t in turns] == [1, 2, 3, 4]
    coach = turns[2]
    assert coach.analysis["act"] == "open_question"
    assert coach.state["node"] == "opening-up" and coach.state["counters"]["exchanges"] == 1
    assert coach.timestamp.tzinfo is not None


def test_resume_rebuilds_the_session_exactly(fake, persona):
    first = open_session("failed-block-exam", persona=persona, analyzer=fake)
    first.reply("What happened?")
    again = open_session("failed-block-exam", analyzer=fake)
    assert again.state == first.state and again.turns == first.turns
    assert again.reply("So you feel lost.").state == first.reply("So you feel lost.").state


def test_resume_answers_a_reply_saved_just_before_a_crash(fake, persona):
    session = open_session("failed-block-exam", persona=persona, analyzer=fake)
    session.reply("What happened?")
    full = session.store.read().turns
    # keep everything up to and including the last coach reply, drop the answer
    session.store.path.write_text("".join(t.to_json() + "\n" for t in full[:-1]))
    resumed = open_session("failed-block-exam", analyzer=fake)
    assert [t.text for t in resumed.turns] == [t.text for t in full]
    assert resumed.state == session.state


def test_try_again_starts_a_new_attempt_with_the_same_student(fake, persona):
    session = open_session("failed-block-exam", persona=persona, analyzer=fake)
    session.reply("What happened?")
    second = try_again(session)
    assert second.attempt == 2 and second.persona.student_id == "S-test"
    assert read_transcript(session.store.path).attempts == [1, 2]


def test_finished_attempt_is_not_resumed(fake, persona):
    session = open_session("failed-block-exam", persona=persona, analyzer=fake)
    for _ in range(3):
        session.reply("You need to do more questions.")
    assert session.ended
    fresh = open_session("failed-block-exam", persona=persona, analyzer=fake)
    assert fresh.attempt == 2 and not fresh.ended


def test_coachee_refusal_speaks_of_the_coach(fake, persona):
    session = Session.begin(load_scenario("coachee-preparation"), persona, analyzer=fake)
    with pytest.raises(ReplyRejected, match="your coach"):
        session.reply("  ")


def test_coachee_scenario_roles(fake, persona, tmp_path):
    store = TranscriptStore(tmp_path / "c.jsonl")
    session = Session.begin(load_scenario("coachee-preparation"), persona, store=store,
                            analyzer=fake)
    exchange = session.reply("I'd like to talk about my heart failure score, it's 44%.")
    speakers = [t.speaker for t in read_transcript(store.path)]
    assert speakers == ["system", "coach", "student", "coach"]
    assert exchange.state.node == "reflecting"
