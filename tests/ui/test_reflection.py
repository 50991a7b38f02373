"""The reflection box saves to the trainee's folder and gives the text back next time."""

from __future__ import annotations

import pytest

from coachkit.progress import load_record
from coachkit.ui.reflection import Reflection
from coachkit.workdir import workdir

MODULE = "04-smart-goals"


@pytest.fixture()
def trainee(tmp_path, monkeypatch):
    monkeypatch.setenv("COACHKIT_WORK", str(tmp_path / "work"))
    monkeypatch.setenv("COACHKIT_TRAINEE", "ana")
    return workdir()


def test_the_prompt_and_hint_come_from_the_module_data(trainee):
    box = Reflection(MODULE)
    assert "SMART goal for your own development" in box.prompt.value
    assert "Could a colleague tell" in box.prompt.value


@pytest.mark.parametrize("how", ["button", "leaving the box"])
def test_text_is_saved_and_comes_back(trainee, how):
    box = Reflection(MODULE)
    if how == "button":
        box.text.unobserve_all("value")
        box.text.value = "Ask one open question before any advice, every meeting, for a month."
        box.save_button.click()
    else:
        box.text.value = "Ask one open question before any advice, every meeting, for a month."
    assert "Saved" in box.status.value
    assert load_record(trainee, MODULE).reflection.startswith("Ask one open question")
    assert Reflection(MODULE).text.value.startswith("Ask one open question")


def test_unknown_trainee_is_told_how_to_save(tmp_path, monkeypatch):
    monkeypatch.setenv("COACHKIT_WORK", str(tmp_path / "work"))
    monkeypatch.delenv("COACHKIT_TRAINEE", raising=False)
    box = Reflection(MODULE)
    box.text.value = "something"
    assert "Not saved" in box.status.value and "home page" in box.status.value


def test_a_too_long_reflection_is_refused_in_plain_words(trainee):
    box = Reflection(MODULE)
    box.text.value = "x" * 20_001
    assert "Not saved" in box.status.value and "under 20,000" in box.status.value
    assert load_record(trainee, MODULE).reflection == ""


def test_typed_markup_is_never_interpreted(trainee):
    box = Reflection(MODULE)
    box.text.value = "<img src=x onerror=alert(1)>"
    assert "<img" not in box.status.value
    assert load_record(trainee, MODULE).reflection == "<img src=x onerror=alert(1)>"
