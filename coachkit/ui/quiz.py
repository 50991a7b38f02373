"""Knowledge checks with immediate feedback: one click, and the trainee learns why.

The questions are data (``modules/checks/<module-id>.yaml``, see :mod:`coachkit.curriculum`);
this widget only shows them. Each option is a full-width button (reachable with Tab,
chosen with Enter or Space); choosing one shows that option's own feedback at once -- right
or not, with the reason -- and the trainee may try again. Answers are kept in the trainee's
work folder so the home page can show progress.
"""

from __future__ import annotations

import html
import string

import ipywidgets as widgets

from coachkit.curriculum import Curriculum, Question, load_curriculum
from coachkit.errors import CoachKitError, ConfigError
from coachkit.progress import load_record, record_answer
from coachkit.workdir import WorkDir, workdir

NOT_SAVED = ("Your answers are not being saved yet, because the kit does not know your name. "
             "Open the course home page and enter it once.")


def _feedback_html(question: Question, choice: int) -> str:
    option = question.options[choice]
    if option.correct:
        head, css = "Right.", "ck-right"
    else:
        head, css = "Not quite.", "ck-wrong"
    return (f'<div class="ck-answer-feedback {css}" role="status">'
            f"<strong>{head}</strong> {html.escape(option.feedback)}</div>")


class QuestionBox(widgets.VBox):
    """One knowledge check: the question, its options as buttons, and the feedback."""

    def __init__(self, question: Question, *, number: int, of: int, module_id: str,
                 work: WorkDir | None, previous: int | None = None) -> None:
        self.question = question
        self.module_id = module_id
        self.work = work
        header = widgets.HTML(
            f'<div class="ck-question-number">Question {number} of {of}</div>'
            f'<div class="ck-question-prompt">{html.escape(question.prompt)}</div>')
        self.buttons = []
        for index, option in enumerate(question.options):
            button = widgets.Button(
                description=f"{string.ascii_uppercase[index]}.  {option.text}",
                layout=widgets.Layout(width="100%", height="auto"),
                tooltip=option.text,
            )
            button.add_class("ck-option")
            button.on_click(lambda _button, index=index: self.choose(index))
            self.buttons.append(button)
        self.feedback = widgets.HTML("")
        self.feedback.add_class("ck-feedback-area")
        super().__init__([header, *self.buttons, self.feedback])
        self.add_class("ck-question")
        if previous is not None and 0 <= previous < len(question.options):
            self._show(previous)

    def _show(self, choice: int) -> None:
        for index, button in enumerate(self.buttons):
            for css in ("ck-chosen", "ck-chosen-right", "ck-chosen-wrong"):
                button.remove_class(css)
            if index == choice:
                button.add_class("ck-chosen")
                button.add_class("ck-chosen-right" if self.question.options[index].correct
                                 else "ck-chosen-wrong")
        self.feedback.value = _feedback_html(self.question, choice)

    def choose(self, choice: int) -> None:
        """Show the feedback of option ``choice`` and keep the answer."""
        self._show(choice)
        if self.work is None:
            return
        try:
            record_answer(self.work, self.module_id, self.question.id, choice=choice,
                          correct=self.question.options[choice].correct)
        except (OSError, CoachKitError) as exc:
            self.feedback.value += (
                '<div class="ck-error" role="alert">Your answer could not be saved '
                f"({html.escape(str(exc))}). The feedback above still stands.</div>")


class Quiz(widgets.VBox):
    """The knowledge checks of one module, e.g. ``Quiz("02-data-driven-reflection")``."""

    def __init__(self, module_id: str, *, curriculum: Curriculum | None = None) -> None:
        course = curriculum or load_curriculum()
        course.module(module_id)
        questions = course.activities[module_id].questions
        try:
            work: WorkDir | None = workdir()
        except ConfigError:
            work = None
        answers = load_record(work, module_id).answers if work else {}
        self.questions = [
            QuestionBox(q, number=i, of=len(questions), module_id=module_id, work=work,
                        previous=answers[q.id].choice if q.id in answers else None)
            for i, q in enumerate(questions, start=1)
        ]
        children: list[widgets.Widget] = list(self.questions)
        if work is None:
            children.insert(0, widgets.HTML(f'<p class="ck-note">{html.escape(NOT_SAVED)}</p>'))
        super().__init__(children)
        self.add_class("ck-quiz")
