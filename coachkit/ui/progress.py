"""The course map of the home page: every module, where the trainee is, what comes next.

Progress is read from the trainee's work folder (:mod:`coachkit.progress`) each time the
page is opened. When no trainee name is known yet (a laptop without a hub), the map first
asks for one, once, so answers and transcripts land in the trainee's own folder.
"""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path

import ipywidgets as widgets
import yaml

from coachkit.curriculum import Curriculum, ModuleInfo, load_curriculum
from coachkit.errors import CoachKitError
from coachkit.progress import ModuleProgress, curriculum_progress
from coachkit.ui.practice_room import practice_link
from coachkit.workdir import known_trainee_id, remember_trainee_id, workdir

TRACK_TITLES = {
    "faculty": "Faculty coach track",
    "student": "Coachee track (for students)",
}
STATUS_LABEL = {"not started": "Not started", "in progress": "In progress", "done": "Done"}
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _wait_for_page_request() -> None:
    """In a pre-heated Voila kernel, pause until a trainee actually opens the page.

    Voila runs the home page ahead of time so that it opens at once; reading progress
    before the request would show a stale map, so the read waits for it. This is the
    handshake of ``voila.utils.wait_for_request`` (a websocket on ``/voila/query/<kernel>``
    that delivers the request's details), done here with ``websockets`` alone because
    importing Voila pulls the whole Jupyter server into the kernel (0.8-2.5 s, on the path
    to the first page). If the handshake fails, the map is simply read now.
    """
    if os.environ.get("VOILA_PREHEAT", "False") != "True":
        return
    from websockets.exceptions import WebSocketException
    from websockets.sync.client import connect

    base = os.environ.get("VOILA_WS_BASE_URL") or os.environ.get("VOILA_SERVER_URL", "/")
    url = (f"{os.environ.get('VOILA_WS_PROTOCOL', 'ws')}://"
           f"{os.environ.get('VOILA_APP_IP', '127.0.0.1')}:"
           f"{os.environ.get('VOILA_APP_PORT', '8866')}{base}voila/query/"
           f"{os.environ.get('VOILA_KERNEL_ID', '')}")
    try:
        with connect(url, open_timeout=5) as socket:
            details = json.loads(socket.recv())
    except (OSError, TimeoutError, ValueError, WebSocketException):
        return
    os.environ.update({str(k): str(v) for k, v in details.items()})


def _scenario_title(folder: Path, scenario_id: str) -> str:
    """The ``title:`` of ``simulations/<id>.yaml``; the id in words if it cannot be read.

    Only the title is read (with libyaml when it is there). Validating the whole scenario
    here, as the practice room does when it opens one, parses each file twice in pure
    Python: 0.1-0.2 s for ten scenarios on the way to the home page, for ten titles.
    """
    fallback = scenario_id.replace("-", " ").capitalize()
    try:
        data = yaml.load((folder / f"{scenario_id}.yaml").read_text(encoding="utf-8"),
                         Loader=_YAML_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return fallback
    title = data.get("title") if isinstance(data, dict) else None
    return title.strip() if isinstance(title, str) and title.strip() else fallback


def _scenario_titles(ids: list[str]) -> dict[str, str]:
    """Scenario id -> its title from ``simulations/``; the id itself if it cannot be read."""
    from coachkit.scenarios.loader import scenario_dir

    folder = scenario_dir()
    return {scenario_id: _scenario_title(folder, scenario_id) for scenario_id in ids}


def _module_html(item: ModuleProgress, titles: dict[str, str]) -> str:
    info = item.module
    status = item.status
    practice = ", ".join(f'<a href="{html.escape(practice_link(s))}">{html.escape(titles[s])}</a>'
                         for s in info.scenarios) or "none"
    label = (f"Module {info.number}: {info.title}. {STATUS_LABEL[status]}, "
             f"{item.steps_done} of {item.steps_total} steps done.")
    return (
        f'<li class="ck-module ck-status-{status.replace(" ", "-")}">'
        f'<div class="ck-module-head">'
        f'<a class="ck-module-link" href="{html.escape(info.notebook)}" '
        f'aria-label="{html.escape(label)}">'
        f'<span class="ck-module-number">{info.number}</span>'
        f"<span>{html.escape(info.title)}</span></a>"
        f'<span class="ck-badge">{STATUS_LABEL[status]}</span></div>'
        f'<p class="ck-module-summary">{html.escape(info.summary)}</p>'
        f'<div class="ck-module-meta">About {info.minutes} minutes'
        f" &middot; Practice: {practice}"
        f" &middot; {item.steps_done} of {item.steps_total} steps done</div>"
        f'<progress class="ck-progress" max="{item.steps_total}" value="{item.steps_done}" '
        f'aria-hidden="true"></progress>'
        f"</li>"
    )


def _next_module(items: list[ModuleProgress]) -> ModuleInfo | None:
    for item in items:
        if item.module.track == "faculty" and item.status != "done":
            return item.module
    return None


def map_html(curriculum: Curriculum, items: list[ModuleProgress], *, trainee: str,
             titles: dict[str, str]) -> str:
    """The course map as HTML (every value escaped): tracks, modules, progress, next step.

    ``titles`` names the scenarios by id (:func:`_scenario_titles`).
    """
    done = sum(1 for item in items if item.status == "done")
    upcoming = _next_module(items)
    if upcoming is None:
        next_html = "You have completed every faculty module. Well done."
    else:
        next_html = (f'Next: <a href="{html.escape(upcoming.notebook)}">Module '
                     f"{upcoming.number} &mdash; {html.escape(upcoming.title)}</a>")
    parts = [
        '<div class="ck-map">',
        f'<p class="ck-map-summary">Saving work for <strong>{html.escape(trainee)}</strong>. '
        f"{done} of {len(items)} modules done. {next_html}</p>",
    ]
    for track, track_title in TRACK_TITLES.items():
        track_items = [item for item in items if item.module.track == track]
        if not track_items:
            continue
        parts.append(f'<h2 class="ck-track">{html.escape(track_title)}</h2>')
        parts.append('<ol class="ck-modules">')
        parts.extend(_module_html(item, titles) for item in track_items)
        parts.append("</ol>")
    parts.append("</div>")
    return "".join(parts)


class ModuleMap(widgets.VBox):
    """The home page's course map with the trainee's progress (asks their name once)."""

    def __init__(self, *, curriculum: Curriculum | None = None) -> None:
        # Read what does not depend on the trainee before waiting for the request, so that
        # a pre-heated kernel has it (and the modules it takes) ready when the page opens.
        self.curriculum = curriculum or load_curriculum()
        self.scenario_titles = _scenario_titles(
            [s for m in self.curriculum.modules for s in m.scenarios])
        super().__init__([])
        self.add_class("ck-home")
        _wait_for_page_request()
        if known_trainee_id() is None:
            self._ask_name()
        else:
            self.refresh()

    def refresh(self) -> None:
        """Re-read the trainee's progress and redraw the map."""
        work = workdir()
        items = curriculum_progress(self.curriculum, work)
        self.children = [widgets.HTML(map_html(self.curriculum, items, trainee=work.trainee_id,
                                               titles=self.scenario_titles))]

    def _ask_name(self) -> None:
        intro = widgets.HTML(
            '<p class="ck-ask-name">Before you start: what name should your work be saved '
            "under? Use your name or initials (letters, digits, dots or dashes). You are "
            "asked only once.</p>")
        name = widgets.Text(placeholder="e.g. jsmith", description="Your name",
                            continuous_update=False, style={"description_width": "initial"})
        name.add_class("ck-name")
        button = widgets.Button(description="Start", button_style="primary")
        button.add_class("ck-start")
        message = widgets.HTML("")

        def start(_widget: object) -> None:
            value = re.sub(r"\s+", "-", name.value.strip())
            try:
                remember_trainee_id(value)
            except CoachKitError as exc:
                message.value = f'<p class="ck-error" role="alert">{html.escape(str(exc))}</p>'
                return
            self.refresh()

        button.on_click(start)
        name.observe(lambda change: change["new"].strip() and start(name), names="value")
        self.children = [intro, widgets.HBox([name, button]), message]
