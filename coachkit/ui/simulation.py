"""The simulation widget: a chat with a simulated student, live feedback, and a debrief.

Everything the conversation does is the engine's (:mod:`coachkit.scenarios`); this module
only lays it out and wires the buttons. ``play("failed-block-exam")`` returns the widget.
Stable CSS hooks for browser tests: ``.ck-reply textarea``, ``.ck-send``, ``.ck-feedback``,
``.ck-msg-student``, ``.ck-msg-coach``, ``.ck-again``, ``.ck-resume``, ``.ck-restart``,
``.ck-debrief``.
"""

from __future__ import annotations

import html
import io
from functools import lru_cache
from typing import Any

import ipywidgets as widgets

from coachkit.errors import CoachKitError
from coachkit.scenarios import (
    ReplyRejected,
    Session,
    load_scenario,
    open_session,
    try_again,
    unfinished_attempt,
)
from coachkit.scenarios.debrief import attempt_summaries, build_debrief
from coachkit.scenarios.engine import Analyzer
from coachkit.scenarios.persona import Persona, default_cohort
from coachkit.scenarios.transcript import TranscriptStore
from coachkit.ui.charts import inquiry_chart
from coachkit.ui.html import (
    chat_html,
    comparison_html,
    debrief_html,
    feedback_html,
    note_html,
    scenario_intro_html,
    stylesheet,
)
from coachkit.ui.practice import OOPS
from coachkit.workdir import WorkDir, known_trainee_id, remember_trainee_id, workdir


def _button(description: str, css: str, *, primary: bool = False, icon: str = "") -> widgets.Button:
    button = widgets.Button(description=description, icon=icon,
                            button_style="primary" if primary else "")
    button.add_class(css)
    return button


def _note(text: str, *, info: bool = False) -> widgets.HTML:
    """A message box: ``info`` for guidance, otherwise a kind warning (``.ck-message``)."""
    if info:
        return widgets.HTML(f'<div class="ck-info">{html.escape(text)}</div>')
    note = widgets.HTML(note_html(text))
    note.add_class("ck-message")
    return note


@lru_cache(maxsize=32)
def _default_dashboard_png(student_id: str) -> bytes:
    return _figure_png(student_id, default_cohort())


def _figure_png(student_id: str, cohort: Any) -> bytes:
    from coachkit.cohort import dashboard

    figure = dashboard(cohort, student_id)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=72, bbox_inches="tight")
    return buffer.getvalue()


def dashboard_png(student_id: str, *, cohort: Any = None) -> bytes:
    """The cohort dashboard of one student as PNG bytes (the data panel's picture).

    Drawing takes a few seconds, and the shipped cohort never changes while the kit runs,
    so its pictures are drawn once per process.
    """
    if cohort is None:
        return _default_dashboard_png(student_id)
    return _figure_png(student_id, cohort)


class Simulation(widgets.VBox):
    """One scenario for the current trainee: resume offer, chat, feedback, debrief, retry."""

    def __init__(self, scenario_id: str, *, seed: int = 0, folder: WorkDir | None = None,
                 persona: Persona | None = None, cohort: Any = None,
                 analyzer: Analyzer | None = None, show_data: bool = True) -> None:
        self.scenario = load_scenario(scenario_id)
        self.seed = seed
        self.folder = folder
        self._persona = persona
        self._cohort = cohort
        self._analyzer = analyzer
        self._show_data = show_data
        self.session: Session | None = None

        self.intro = widgets.HTML("")
        self.notice = widgets.VBox([])
        self.chat = widgets.HTML("")
        self.chat.add_class("ck-chat")
        self.reply_box = widgets.Textarea(
            placeholder="Write what you would say, then press Send\u2026",
            layout=widgets.Layout(width="100%", height="90px"))
        self.reply_box.add_class("ck-reply")
        self.send_button = _button("Send", "ck-send", primary=True, icon="paper-plane")
        self.send_button.on_click(self.send)
        self.message = widgets.HTML("")
        self.message.add_class("ck-message")
        self.feedback = widgets.HTML("")
        self.feedback.add_class("ck-feedback")
        self.debrief = widgets.VBox([])
        self.again_button = _button("Try again", "ck-again", icon="redo")
        self.again_button.on_click(self.try_again)
        self.data = widgets.VBox([], layout=widgets.Layout(
            flex="1 1 0%", min_width="260px", max_width="460px", overflow="hidden"))
        self.data.add_class("ck-data")
        self.conversation = widgets.VBox([self.chat, self.reply_box, self.send_button,
                                          self.message, self.feedback, self.debrief],
                                         layout=widgets.Layout(flex="2 1 0%", min_width="320px"))
        self.main = widgets.HBox([self.conversation, self.data],
                                 layout=widgets.Layout(flex_flow="row wrap", width="100%",
                                                       grid_gap="12px"))
        super().__init__([widgets.HTML(stylesheet()), self.intro, self.notice])
        self.add_class("ck-root")
        self.add_class("ck-simulation")
        self._start()

    # -- opening ----------------------------------------------------------------------
    def _start(self) -> None:
        if self.folder is None and known_trainee_id() is None:
            self._ask_name()
            return
        self.folder = self.folder or workdir()
        store = TranscriptStore(self.folder.transcript_path(self.scenario.id))
        turns = unfinished_attempt(store.read())
        replies = [t for t in turns or [] if t.speaker == self.scenario.trainee_role]
        if replies:
            self._offer_resume(len(replies), turns[-1].timestamp.strftime("%d %b %Y, %H:%M UTC"))
        else:
            self._open(resume=True)

    def _ask_name(self) -> None:
        name = widgets.Text(placeholder="e.g. jsmith", description="Your name:")
        name.add_class("ck-name")
        save = _button("Save my name", "ck-save-name", primary=True)
        note = _note("")

        def saved(_button: widgets.Button) -> None:
            try:
                remember_trainee_id(name.value)
            except CoachKitError as exc:
                note.value = note_html(f"{exc}. Please try another name.")
                return
            self.notice.children = ()
            self._start()

        save.on_click(saved)
        self.notice.children = (
            _note("Before you start: what name should your work be saved under? You will "
                  "only be asked once.", info=True), widgets.HBox([name, save]), note)

    def _offer_resume(self, replies: int, when: str) -> None:
        resume = _button("Carry on", "ck-resume", primary=True, icon="play")
        restart = _button("Start again", "ck-restart", icon="redo")
        resume.on_click(lambda _b: self._open(resume=True))
        restart.on_click(lambda _b: self._open(resume=False))
        plural = "y" if replies == 1 else "ies"
        self.notice.children = (
            _note(f"You have an unfinished conversation here ({replies} repl{plural}, last "
                  f"saved {when}). Carry on where you left off, or start again? Your earlier "
                  "attempt stays saved either way.", info=True),
            widgets.HBox([resume, restart]))

    def _open(self, *, resume: bool) -> None:
        try:
            self.session = open_session(self.scenario, resume=resume, seed=self.seed,
                                        folder=self.folder, persona=self._persona,
                                        cohort=self._cohort, analyzer=self._analyzer)
        except CoachKitError as exc:
            self.notice.children = (_note(f"This scenario could not be opened: {exc}"),)
            return
        self.notice.children = ()
        session = self.session
        self.intro.value = scenario_intro_html(
            title=self.scenario.title, skill=self.scenario.skill_title,
            setting=session.persona.fill(self.scenario.setting),
            objectives=self.scenario.objectives, role=self.scenario.trainee_role)
        self.children = (self.children[0], self.intro, self.notice, self.main)
        if self._show_data:
            self._fill_data_panel()
        self._refresh()

    def _fill_data_panel(self) -> None:
        persona = self.session.persona
        whose = ("Your data" if self.scenario.trainee_role == "student"
                 else f"{persona.values['name']}'s data")
        children: list[widgets.Widget] = [widgets.HTML(f"<h4>{html.escape(whose)}</h4>")]
        try:
            children.append(widgets.Image(value=dashboard_png(persona.student_id,
                                                              cohort=self._cohort),
                                          format="png", layout=widgets.Layout(width="100%", height="auto",
                                                                      object_fit="contain")))
            cohort = self._cohort if self._cohort is not None else default_cohort()
            facts = "".join(f"<li>{html.escape(f)}</li>"
                            for f in cohort.profile(persona.student_id).facts())
            children.append(widgets.HTML(f"<details><summary>The same data in words"
                                         f"</summary><ul>{facts}</ul></details>"))
        except Exception as exc:  # the conversation works without the picture
            children.append(_note(f"The student's dashboard could not be drawn ({exc}). "
                                  "The conversation works without it."))
        self.data.children = tuple(children)

    # -- the conversation -------------------------------------------------------------
    def _refresh(self) -> None:
        session = self.session
        other = (session.persona.values["name"] if self.scenario.simulated_role == "student"
                 else "Coach")
        self.chat.value = chat_html(session.turns, trainee_role=self.scenario.trainee_role,
                                    other_name=other)
        self.send_button.disabled = session.ended
        self.reply_box.disabled = session.ended
        if session.ended:
            self._show_debrief()

    def send(self, _button: widgets.Button | None = None) -> None:
        """Send the text in the box; on a refused reply the text stays and a note says why."""
        if self.session is None:
            return
        text = self.reply_box.value
        self.send_button.disabled = True
        try:
            exchange = self.session.reply(text)
        except ReplyRejected as exc:
            self.message.value = note_html(str(exc))
            return
        except Exception as exc:  # never lose the trainee's text to an internal error
            self.message.value = note_html(OOPS.format(exc))
            return
        finally:
            self.send_button.disabled = self.session.ended
        self.reply_box.value = ""
        self.message.value = ""
        self.feedback.value = feedback_html(exchange.analysis)
        self._refresh()

    def _show_debrief(self) -> None:
        debrief = build_debrief(self.session)
        attempts = [a for a in attempt_summaries(self.session) if a.replies]
        chart = widgets.Image(value=inquiry_chart(attempts[-2:] if len(attempts) > 1
                                                  else [debrief.summary]),
                              format="png", layout=widgets.Layout(max_width="600px"))
        children: list[widgets.Widget] = [widgets.HTML(debrief_html(debrief)), chart]
        if len(attempts) > 1:
            children.append(widgets.HTML("<h4>Your last two attempts side by side</h4>"
                                         + comparison_html(attempts[-2:])))
        children.append(self.again_button)
        self.debrief.children = tuple(children)

    def try_again(self, _button: widgets.Button | None = None) -> None:
        """Start a new attempt with the same student; earlier attempts stay for comparison."""
        self.session = try_again(self.session)
        self.debrief.children = ()
        self.feedback.value = ""
        self.message.value = ""
        self.reply_box.value = ""
        self._refresh()


def play(scenario_id: str, *, seed: int = 0, **options: Any) -> Simulation:
    """Open a scenario as a widget, e.g. ``play("failed-block-exam")`` in a notebook cell."""
    return Simulation(scenario_id, seed=seed, **options)
