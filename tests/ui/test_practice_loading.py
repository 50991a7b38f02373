"""The home page's reply box shows without the analyzer, which loads right after the page.

Run in a real kernel, as Voila runs the home page: the cell that shows ``ReplyPractice``
must not import the analyzer (it would hold up the first page), and by the next cell --
before a trainee can press "Check my reply" -- it is loaded.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from jupyter_client.manager import start_new_kernel

ENGINE_LOADED = "import sys; print('coachkit.scenarios.engine' in sys.modules)"


@pytest.fixture()
def kernel() -> Iterator[object]:
    manager, client = start_new_kernel(kernel_name="python3")
    yield client
    client.stop_channels()
    manager.shutdown_kernel(now=True)


def run(client, code: str) -> str:
    """The printed output of one cell (fails on an error in it)."""
    printed: list[str] = []

    def collect(msg: dict) -> None:
        if msg["msg_type"] == "stream":
            printed.append(msg["content"]["text"])

    reply = client.execute_interactive(code, timeout=120, output_hook=collect)
    assert reply["content"]["status"] == "ok", reply["content"]
    return "".join(printed).strip()


def test_the_reply_box_shows_first_and_the_analyzer_loads_after_the_cell(kernel):
    shown = run(kernel, "from coachkit.ui import ReplyPractice\nbox = ReplyPractice()\n"
                + ENGINE_LOADED)
    assert shown == "False"
    assert run(kernel, ENGINE_LOADED) == "True"


def test_the_first_check_after_loading_gives_feedback(kernel):
    run(kernel, "from coachkit.ui import ReplyPractice\nbox = ReplyPractice()")
    feedback = run(kernel, "box.reply_box.value = 'What would help you most right now?'\n"
                           "box.check()\nprint('Invites thinking' in box.feedback.value)")
    assert feedback == "True"
