"""A trainee's path through the course in a real browser (Chromium via Playwright).

Home page -> a module -> one turn of a scenario -> a knowledge check -> a reflection ->
back home, where the progress shows. Every wait is for a widget to appear, never a sleep.
Screenshots of each step are saved in ``test-artifacts/``.
"""

from __future__ import annotations

import re

import pytest

HOME = "/voila/render/modules/index.ipynb"
MODULE = "02-data-driven-reflection"
XSS = '<img src=x onerror="window.__pwned=1">'
#: Anything that would show a trainee code: code-cell inputs, editors, prompts.
CODE = ".jp-CodeCell .jp-InputArea:visible, .cm-editor:visible, .jp-InputPrompt:visible"


def open_page(tab, url: str, ready: str):
    """Go to ``url`` and wait until the widget ``ready`` is on screen."""
    tab.page.goto(url)
    tab.page.wait_for_selector(ready, state="visible")
    return tab.page


def open_scenario(tab, url: str):
    """Open a module page and get its conversation ready for a reply.

    A trainee who already talked to this student is offered to carry on where they left
    off; the test carries on.
    """
    page = open_page(tab, url, ".ck-simulation .ck-reply textarea, .ck-simulation .ck-resume")
    resume = page.locator(".ck-simulation button.ck-resume")
    if resume.count() and resume.first.is_visible():
        resume.first.click()
    page.wait_for_selector(".ck-simulation .ck-reply textarea", state="visible")
    return page


def test_home_page_shows_the_map_practice_box_and_no_code(server, tab, screenshot):
    page = open_page(tab, server.url + "/", ".ck-module")
    assert page.url.endswith(HOME)
    links = page.locator(".ck-module-link")
    assert links.count() == 9
    assert page.locator(".ck-module-link").first.get_attribute("href") == \
        "00-coaching-mentoring-advising.ipynb"
    page.wait_for_selector(".ck-practice textarea", state="visible")
    assert page.locator(CODE).count() == 0
    assert "from coachkit" not in page.inner_text("body")
    screenshot(page, "01-home")
    assert tab.errors == []
    outside = [u for u in tab.requests
               if not u.startswith((server.url, "data:", "blob:"))]
    assert outside == [], "the page must not fetch anything from the internet"


def test_reply_practice_shows_a_per_sentence_analysis(server, tab, artifacts):
    page = open_page(tab, server.url + HOME, ".ck-practice textarea")
    page.fill(".ck-practice textarea",
              "You should do forty questions a day. What do you make of your results?")
    page.click(".ck-practice button.ck-check")
    sentences = page.locator(".ck-practice .ck-feedback .ck-sentence")
    sentences.nth(1).wait_for(state="visible")
    assert sentences.count() == 2
    assert "Tells or directs" in sentences.nth(0).inner_text()
    assert "Invites thinking" in sentences.nth(1).inner_text()
    page.locator(".ck-practice").screenshot(path=str(artifacts / "02-reply-practice.png"))


def test_a_module_opens_from_the_map(server, tab, screenshot):
    page = open_page(tab, server.url + HOME, ".ck-module")
    page.click(f'.ck-module-link[href="{MODULE}.ipynb"]')
    page.wait_for_url(f"**/voila/render/modules/{MODULE}.ipynb")
    page.wait_for_selector(".ck-simulation .ck-send", state="visible")
    page.wait_for_selector(".ck-question .ck-option", state="visible")
    headings = page.locator("h1").all_inner_texts()
    assert any("Facilitating data-driven reflection" in h for h in headings)
    assert page.locator(CODE).count() == 0
    assert "play(" not in page.inner_text("body")
    screenshot(page, "03-module")
    assert tab.errors == []


def test_a_scenario_turn_shows_feedback_and_the_students_answer(server, tab, screenshot):
    page = open_scenario(tab, server.url + f"/voila/render/modules/{MODULE}.ipynb")
    sim = page.locator(".ck-simulation")
    before = sim.locator(".ck-msg-student").count()
    assert before >= 1, "the student opens the conversation"
    reply = "That sounds really hard. What stands out to you when you look at your results?"
    sim.locator(".ck-reply textarea").fill(reply)
    sim.locator("button.ck-send").click()
    sim.locator(".ck-feedback .ck-sentence").first.wait_for(state="visible")
    page.wait_for_function(
        "n => document.querySelectorAll('.ck-simulation .ck-msg-student').length > n", arg=before)
    assert reply in sim.locator(".ck-msg-coach").last.inner_text()
    assert sim.locator(".ck-msg-student").last.inner_text().strip()
    assert sim.locator(".ck-reply textarea").input_value() == ""
    screenshot(page, "04-scenario-turn")
    assert tab.errors == []


def test_a_knowledge_check_answers_at_once_and_with_the_keyboard(server, tab, artifacts):
    page = open_page(tab, server.url + f"/voila/render/modules/{MODULE}.ipynb",
                     ".ck-question .ck-option")
    first = page.locator(".ck-question").nth(0)
    first.locator(".ck-option").nth(0).click()
    feedback = first.locator(".ck-answer-feedback")
    feedback.wait_for(state="visible")
    assert feedback.inner_text().startswith(("Right.", "Not quite."))

    second = page.locator(".ck-question").nth(1)
    second.locator(".ck-question-prompt").click()  # not focusable: Tab starts from here
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    option = second.locator(".ck-option").nth(1)
    assert option.evaluate("el => el === document.activeElement"), "Tab reaches the options"
    outline = option.evaluate("el => getComputedStyle(el).outlineStyle + ' ' + "
                              "getComputedStyle(el).outlineWidth")
    assert outline == "solid 3px", "keyboard focus must be visible"
    page.keyboard.press("Enter")
    second.locator(".ck-answer-feedback.ck-right").wait_for(state="visible")
    assert "Right." in second.locator(".ck-answer-feedback").inner_text()
    page.locator(".ck-quiz").screenshot(path=str(artifacts / "05-knowledge-check.png"))


def test_a_reflection_is_saved_and_progress_shows_on_the_home_page(server, tab, screenshot):
    page = open_page(tab, server.url + f"/voila/render/modules/{MODULE}.ipynb",
                     ".ck-reflection-text textarea")
    page.fill(".ck-reflection-text textarea",
              "Next week I will open the exam report with: what stands out to you?")
    page.click("button.ck-save")
    page.wait_for_selector(".ck-saved", state="visible")
    page.click("text=Back to the course home")
    page.wait_for_url(f"**{HOME}")
    card = page.locator(".ck-module", has=page.locator(f'a[href="{MODULE}.ipynb"]'))
    card.wait_for(state="visible")
    assert "In progress" in card.inner_text()
    done = re.search(r"(\d) of 5 steps done", card.inner_text())
    assert done and int(done.group(1)) >= 1
    screenshot(page, "06-home-with-progress")


@pytest.mark.parametrize("where", ["scenario", "reply practice"])
def test_a_reply_with_markup_is_shown_as_text_and_never_runs(server, tab, where):
    if where == "scenario":
        page = open_scenario(tab, server.url + f"/voila/render/modules/{MODULE}.ipynb")
        page.fill(".ck-simulation .ck-reply textarea", XSS + " What do you notice?")
        page.click(".ck-simulation button.ck-send")
        shown = page.locator(".ck-simulation .ck-msg-coach", has_text="What do you notice?")
    else:
        page = open_page(tab, server.url + HOME, ".ck-practice textarea")
        page.fill(".ck-practice textarea", XSS + " What do you notice?")
        page.click(".ck-practice button.ck-check")
        shown = page.locator(".ck-practice .ck-feedback .ck-sentence", has_text="<img")
    shown.first.wait_for(state="visible")
    page.wait_for_function("() => document.querySelectorAll('img[src=\"x\"]').length === 0")
    assert "<img" in shown.first.inner_text()
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator('img[src="x"]').count() == 0


def test_a_scenario_link_on_the_map_opens_it_in_the_practice_room(server, tab, screenshot):
    page = open_page(tab, server.url + HOME, ".ck-module")
    page.click('a[href="practice.ipynb?scenario=smart-goal"]')
    page.wait_for_url("**/voila/render/modules/practice.ipynb?scenario=smart-goal")
    page.wait_for_selector(".ck-practice-room .ck-simulation", state="visible")
    assert "Co-creating a SMART goal" in page.inner_text(".ck-simulation h3")
    assert page.locator('.ck-practice-nav a[href="04-smart-goals.ipynb"]').count() == 1
    screenshot(page, "07-practice-room")
    assert tab.errors == []
