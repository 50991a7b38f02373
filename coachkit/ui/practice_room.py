"""The practice room: every scenario of the course, one link away from the home page.

A trainee who wants to rehearse a conversation again (before a real meeting, say) should
not have to scroll through a module to find it. The home page links each scenario to
``practice.ipynb?scenario=<id>``; Voila hands the query string to the page's kernel, and
this widget plays that scenario. Without a scenario it lists them all, by module. The
conversation is the same as in the module, and so is the transcript it is saved in.
"""

from __future__ import annotations

import html
import os
from urllib.parse import parse_qs, quote

import ipywidgets as widgets

from coachkit.curriculum import Curriculum, ModuleInfo, load_curriculum
from coachkit.errors import CoachKitError

PAGE = "practice.ipynb"


def practice_link(scenario_id: str) -> str:
    """The relative address that opens one scenario in the practice room."""
    return f"{PAGE}?scenario={quote(scenario_id)}"


def requested_scenario() -> str | None:
    """The ``scenario`` of the page's query string (Voila passes it as ``QUERY_STRING``)."""
    values = parse_qs(os.environ.get("QUERY_STRING", "")).get("scenario")
    return (values[0].strip() or None) if values else None


def _home_of(course: Curriculum, scenario_id: str) -> ModuleInfo | None:
    return next((m for m in course.modules if scenario_id in m.scenarios), None)


def catalogue_html(course: Curriculum) -> str:
    """Every scenario, grouped by the module that teaches its skill (all text escaped)."""
    from coachkit.scenarios import load_scenario

    parts = ['<div class="ck-catalogue">']
    for module in course.modules:
        items = []
        for scenario_id in module.scenarios:
            try:
                scenario = load_scenario(scenario_id)
                title, summary = scenario.title, " ".join(scenario.summary.split())
            except CoachKitError:
                continue
            items.append(f'<li><a href="{html.escape(practice_link(scenario_id))}">'
                         f"{html.escape(title)}</a> &mdash; {html.escape(summary)}</li>")
        if items:
            parts.append(f'<h2 class="ck-track">Module {module.number}: '
                         f"{html.escape(module.title)}</h2><ul>{''.join(items)}</ul>")
    parts.append("</div>")
    return "".join(parts)


class PracticeRoom(widgets.VBox):
    """``PracticeRoom()``: the scenario named in the address, or the list of all of them."""

    def __init__(self, *, scenario: str | None = None,
                 curriculum: Curriculum | None = None) -> None:
        course = curriculum or load_curriculum()
        chosen = scenario or requested_scenario()
        super().__init__([])
        self.add_class("ck-practice-room")
        if chosen is None:
            self.children = [widgets.HTML(catalogue_html(course))]
            return
        module = _home_of(course, chosen)
        back = (f'<a href="{html.escape(module.notebook)}">Module {module.number}: '
                f"{html.escape(module.title)}</a> &middot; " if module else "")
        header = widgets.HTML(f'<p class="ck-practice-nav">{back}'
                              f'<a href="{PAGE}">All practice conversations</a></p>')
        from coachkit.ui.simulation import play

        try:
            conversation = play(chosen)
        except CoachKitError as exc:
            self.children = [widgets.HTML(
                f'<p class="ck-error" role="alert">This practice conversation could not be '
                f"opened: {html.escape(str(exc))}</p>"), widgets.HTML(catalogue_html(course))]
            return
        self.children = [header, conversation]
