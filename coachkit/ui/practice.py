"""Checking one written reply: the ``ReplyPractice`` widget and ``explain`` for examples.

Both show the same sentence-by-sentence feedback as the simulation, without a simulated
student: the home page uses ``ReplyPractice`` for a quick try, the modules use ``explain``
to show the analysis of a worked example.
"""

from __future__ import annotations

import asyncio
import html
import importlib
from typing import TYPE_CHECKING

import ipywidgets as widgets

from coachkit.errors import CoachKitError
from coachkit.ui.html import feedback_html, note_html, stylesheet

if TYPE_CHECKING:
    from coachkit.scenarios.engine import Analyzer

#: What checking a reply needs: the scenario engine's checks and, through it, the analyzer.
ENGINE = "coachkit.scenarios.engine"

OOPS = ("Something went wrong on our side while checking your reply, so no feedback this "
        "time. Your text is still in the box; please try again. (Details: {})")


HOW_TO = ("Write what you would say to a student, then press \u201cCheck my reply\u201d. You will see, "
          "sentence by sentence, whether it invites the student's thinking or tells them what "
          "to do, with a suggested rewrite. Nothing is graded here.")


def _load_engine_after_this_cell() -> None:
    """Import the analyzer once the page is out, so the first check is as quick as the next.

    Showing the box does not need the analyzer, and its imports (0.2-0.3 s) would hold up
    the home page. In a kernel, the import is queued on its event loop: it runs after the
    current cell has finished -- while the browser is still loading the page -- and before
    the trainee can press the button. Elsewhere (no running loop) the first check imports it.
    """
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return
    loop.call_soon(importlib.import_module, ENGINE)


def _context_html(context: str) -> str:
    if not context:
        return ""
    return (f'<div class="ck-msg ck-msg-student"><span class="ck-who">The student says</span>'
            f"{html.escape(context)}</div>")


class ReplyPractice(widgets.VBox):
    """A reply box, a "Check my reply" button and the per-sentence feedback.

    ``context`` is the student's line being answered (shown above the box and given to the
    analyzer, so a reflection of it is recognised).
    """

    def __init__(self, *, context: str = "", placeholder: str = "Write your reply here\u2026",
                 analyzer: Analyzer | None = None) -> None:
        self.context = context
        self._analyzer = analyzer
        self.reply_box = widgets.Textarea(placeholder=placeholder,
                                          layout=widgets.Layout(width="100%", height="90px"))
        self.reply_box.add_class("ck-reply")
        self.check_button = widgets.Button(description="Check my reply", button_style="primary",
                                           icon="check")
        self.check_button.add_class("ck-check")
        self.check_button.on_click(self.check)
        self.message = widgets.HTML("")
        self.message.add_class("ck-message")
        self.feedback = widgets.HTML("")
        self.feedback.add_class("ck-feedback")
        intro = f'<p class="ck-how">{html.escape(HOW_TO)}</p>' + _context_html(context)
        super().__init__([widgets.HTML(stylesheet() + intro), self.reply_box,
                          self.check_button, self.message, self.feedback])
        self.add_class("ck-root")
        self.add_class("ck-practice")
        _load_engine_after_this_cell()

    def check(self, _button: widgets.Button | None = None) -> None:
        """Analyse the text in the box and show the feedback; the text stays in the box."""
        text = self.reply_box.value
        try:
            from coachkit.scenarios.engine import check_analysis, check_reply, default_analyzer

            check_reply(text)
            analyzer = self._analyzer or default_analyzer()
            analysis = check_analysis(analyzer(text, self.context))
        except CoachKitError as exc:
            self.message.value = note_html(str(exc))
            return
        except Exception as exc:  # never lose the trainee's text to an internal error
            self.message.value = note_html(OOPS.format(exc))
            return
        self.message.value = ""
        self.feedback.value = feedback_html(analysis)


def explain(text: str, *, context: str = "", analyzer: Analyzer | None = None) -> widgets.HTML:
    """Show how the kit reads an example reply (for worked examples in the modules)."""
    from coachkit.scenarios.engine import default_analyzer

    analysis = (analyzer or default_analyzer())(text, context)
    reply = (f'<div class="ck-msg ck-msg-coach"><span class="ck-who">Coach</span>'
             f"{html.escape(text)}</div>")
    view = widgets.HTML(stylesheet() + _context_html(context) + reply + feedback_html(analysis))
    view.add_class("ck-root")
    view.add_class("ck-feedback")
    return view
