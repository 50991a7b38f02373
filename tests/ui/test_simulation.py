"""The simulation widget, driven by setting values and clicking buttons."""

from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as widgets
import pytest
import yaml

from coachkit.scenarios import read_transcript
from coachkit.ui import ReplyPractice, explain, play

#: The scripted ways through the scenario, shared with the headless path tests.
SCRIPTS = yaml.safe_load(
    (Path(__file__).parents[1] / "scenarios" / "scripts.yaml").read_text())["failed-block-exam"]
INQUIRY, DIRECTIVE = SCRIPTS["inquiry"], SCRIPTS["directive"]
HOSTILE = "What do you think about this? <script>alert('x')</script><img src=x onerror=alert(1)>"


def _say(sim, text):
    sim.reply_box.value = text
    sim.send_button.click()


def _play_through(sim, script):
    """Send each scripted reply (placeholders filled) until the conversation ends."""
    for text in script:
        if sim.session.ended:
            break
        _say(sim, sim.session.persona.fill(text))
    assert sim.session.ended and sim.send_button.disabled


def _transcript(work):
    return read_transcript(work / "tester" / "transcripts" / "failed-block-exam.jsonl")


def _find(widget, kind):
    found = [widget] if isinstance(widget, kind) else []
    for child in getattr(widget, "children", ()):
        found.extend(_find(child, kind))
    return found


def test_layout_has_the_stable_css_hooks(work):
    sim = play("failed-block-exam")
    assert "ck-reply" in sim.reply_box._dom_classes
    assert isinstance(sim.reply_box, widgets.Textarea)
    assert "ck-send" in sim.send_button._dom_classes
    assert "ck-feedback" in sim.feedback._dom_classes
    assert 'class="ck-msg ck-msg-student"' in sim.chat.value
    assert sim.main in sim.children


def test_data_panel_shows_the_dashboard_and_the_facts(work):
    sim = play("failed-block-exam")
    images = _find(sim.data, widgets.Image)
    assert images and images[0].value[:4] == b"\x89PNG"
    assert "The same data in words" in "".join(w.value for w in _find(sim.data, widgets.HTML))


def test_send_shows_reply_answer_and_feedback(work):
    sim = play("failed-block-exam")
    _say(sim, "What happened in the exam?")
    assert 'class="ck-msg ck-msg-coach"' in sim.chat.value
    assert "What happened in the exam?" in sim.chat.value
    assert sim.chat.value.count("ck-msg-student") == 2
    assert "Invites thinking" in sim.feedback.value and "\u2714" in sim.feedback.value
    assert sim.reply_box.value == ""


def test_directive_feedback_has_label_icon_cue_and_rewrite(work):
    sim = play("failed-block-exam")
    _say(sim, "You should do more practice questions.")
    value = sim.feedback.value
    assert "Tells or directs" in value and "\u26a0" in value and "ck-directs" in value
    assert '<mark class="ck-cue"' in value and "Try instead" in value


def test_script_reply_is_rendered_inert(work):
    sim = play("failed-block-exam")
    _say(sim, HOSTILE)
    assert sim.message.value == "", sim.message.value
    for view in (sim.chat.value, sim.feedback.value):
        assert "<script" not in view and "<img" not in view
        assert "&lt;script&gt;" in view
    assert _transcript(work).turns[2].text == HOSTILE  # saved verbatim, shown escaped


@pytest.mark.parametrize(
    ("text", "words"),
    [("   ", "empty"), ("a" * 5001, "under 5,000 characters"),
     ("Tienes que estudiar más para el examen de cardiología.", "English")],
)
def test_refused_reply_keeps_the_text_and_explains_kindly(work, text, words):
    sim = play("failed-block-exam")
    before = len(_transcript(work))
    _say(sim, text)
    assert words in sim.message.value
    assert sim.reply_box.value == text
    assert len(_transcript(work)) == before
    assert not sim.send_button.disabled


def test_debrief_try_again_and_side_by_side(work):
    sim = play("failed-block-exam")
    _play_through(sim, DIRECTIVE)
    assert sim.session.state.outcome == "stuck"
    debrief = "".join(w.value for w in _find(sim.debrief, widgets.HTML))
    assert "ck-debrief" in debrief and "Open questions" in debrief and "got stuck" in debrief
    assert _find(sim.debrief, widgets.Image)[0].value[:4] == b"\x89PNG"
    sim.again_button.click()
    assert sim.session.attempt == 2 and not sim.send_button.disabled
    _play_through(sim, INQUIRY)
    assert sim.session.state.outcome == "success"
    compared = "".join(w.value for w in _find(sim.debrief, widgets.HTML))
    assert "Attempt 1" in compared and "Attempt 2" in compared and "ck-compare" in compared
    assert _transcript(work).attempts == [1, 2]


def test_reopening_offers_to_resume(work):
    first = play("failed-block-exam")
    _say(first, INQUIRY[0])
    again = play("failed-block-exam")
    buttons = {b._dom_classes[0]: b for b in _find(again.notice, widgets.Button)}
    assert set(buttons) == {"ck-resume", "ck-restart"}
    buttons["ck-resume"].click()
    assert again.session.turns == first.session.turns
    assert escape(INQUIRY[0]) in again.chat.value


def test_start_again_from_the_offer(work):
    _say(play("failed-block-exam"), INQUIRY[0])
    again = play("failed-block-exam")
    [b for b in _find(again.notice, widgets.Button) if "ck-restart" in b._dom_classes][0].click()
    assert again.session.attempt == 2 and escape(INQUIRY[0]) not in again.chat.value


def test_unknown_trainee_is_asked_once(work, monkeypatch):
    monkeypatch.delenv("COACHKIT_TRAINEE")
    sim = play("failed-block-exam")
    assert sim.session is None
    name = _find(sim.notice, widgets.Text)[0]
    save = _find(sim.notice, widgets.Button)[0]
    name.value = "../evil"
    save.click()
    assert "path separators" in "".join(w.value for w in _find(sim.notice, widgets.HTML))
    name.value = "dr_lee"
    save.click()
    assert sim.session is not None and sim.session.trainee_id == "dr_lee"
    assert play("failed-block-exam").session is not None  # remembered: not asked again


def test_coachee_scenario_names_the_coach(work):
    sim = play("coachee-preparation")
    assert "Coach</span>" in sim.chat.value and "You play</b> the student" in sim.intro.value
    _say(sim, "I'd like to talk about my practice scores.")
    assert 'class="ck-msg ck-msg-student"><span class="ck-who">You' in sim.chat.value


def test_reply_practice_checks_and_escapes():
    practice = ReplyPractice(context="I failed my exam.")
    assert "ck-reply" in practice.reply_box._dom_classes
    practice.reply_box.value = HOSTILE
    practice.check_button.click()
    assert "Invites thinking" in practice.feedback.value
    assert "<script" not in practice.feedback.value
    practice.reply_box.value = "  "
    practice.check_button.click()
    assert "empty" in practice.message.value and practice.reply_box.value == "  "


def test_explain_shows_a_worked_example():
    view = explain("You should do forty questions a day.", context="What should I do?")
    assert "Tells or directs" in view.value and "What should I do?" in view.value
