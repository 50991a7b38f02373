"""The written reflection that closes each module, kept in the trainee's own folder.

Reflection is where a coach connects a skill to their own students, so the widget makes
writing easy: the prompt and a hint from the module's data, a large text box, and saving
both on the button and whenever the box loses focus, so nothing typed is lost when the
trainee moves on. The saved text comes back when the page is opened again.
"""

from __future__ import annotations

import html
from datetime import datetime

import ipywidgets as widgets

from coachkit.curriculum import Curriculum, load_curriculum
from coachkit.errors import CoachKitError, ConfigError
from coachkit.progress import load_record, save_reflection
from coachkit.workdir import WorkDir, workdir

PRIVATE = "Only you can see this: it is kept in your own work folder."


def _when(iso: str) -> str:
    """``2026-05-01T14:03:00+00:00`` -> ``at 16:03 on 1 May`` (in this computer's time zone)."""
    moment = datetime.fromisoformat(iso).astimezone()
    return f"at {moment:%H:%M} on {moment.day} {moment:%b}"


class Reflection(widgets.VBox):
    """The reflection box of one module, e.g. ``Reflection("04-smart-goals")``."""

    def __init__(self, module_id: str, *, curriculum: Curriculum | None = None) -> None:
        course = curriculum or load_curriculum()
        course.module(module_id)
        prompt = course.activities[module_id].reflection
        self.module_id = module_id
        try:
            self.work: WorkDir | None = workdir()
        except ConfigError:
            self.work = None
        record = load_record(self.work, module_id) if self.work else None
        hint = f'<p class="ck-hint">{html.escape(prompt.hint)}</p>' if prompt.hint else ""
        self.prompt = widgets.HTML(
            f'<p class="ck-reflection-prompt">{html.escape(prompt.prompt)}</p>{hint}')
        self.text = widgets.Textarea(
            value=record.reflection if record else "",
            placeholder="Write your reflection here",
            continuous_update=False,
            layout=widgets.Layout(width="100%", height="12em"),
        )
        self.text.add_class("ck-reflection-text")
        self.save_button = widgets.Button(description="Save my reflection",
                                          button_style="primary",
                                          layout=widgets.Layout(width="auto"))
        self.save_button.add_class("ck-save")
        self.status = widgets.HTML(self._status_html(record.reflection_saved_at if record
                                                     else None))
        self.save_button.on_click(lambda _button: self.save())
        self.text.observe(lambda _change: self.save(), names="value")
        super().__init__([self.prompt, self.text,
                          widgets.HBox([self.save_button, self.status])])
        self.add_class("ck-reflection")

    def _status_html(self, saved_at: str | None, *, error: str | None = None) -> str:
        if error:
            return f'<span class="ck-error" role="alert">{html.escape(error)}</span>'
        if self.work is None:
            return ('<span class="ck-note" role="status">Not saved: open the course home page '
                    "and enter your name once, then come back.</span>")
        if saved_at:
            return (f'<span class="ck-saved" role="status">Saved {_when(saved_at)}. '
                    f"{PRIVATE}</span>")
        return f'<span class="ck-private" role="status">{PRIVATE}</span>'

    def save(self) -> None:
        """Save the text now (no-op with a note when the trainee is not known yet)."""
        if self.work is None:
            self.status.value = self._status_html(None)
            return
        try:
            record = save_reflection(self.work, self.module_id, self.text.value)
        except (OSError, CoachKitError) as exc:
            self.status.value = self._status_html(None, error=f"Not saved: {exc}")
            return
        self.status.value = self._status_html(record.reflection_saved_at)
