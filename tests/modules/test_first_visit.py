"""A trainee's very first visit, and a page that breaks: both said in plain words.

Each test here runs its own server: one for a trainee the kit does not know yet (no hub
user, no ``COACHKIT_TRAINEE``), one serving a deliberately broken page with the kit's own
configuration.
"""

from __future__ import annotations

import os
import urllib.request

import nbformat

HOME = "/voila/render/modules/index.ipynb"


def test_a_new_trainee_is_asked_for_a_name_once_then_sees_the_map(
        own_server, tab, screenshot, tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("COACHKIT_TRAINEE", "JUPYTERHUB_USER")}
    env["COACHKIT_WORK"] = str(tmp_path / "work")
    server = own_server(env=env)
    page = tab.page
    page.goto(server.url + "/")
    page.wait_for_selector(".ck-name input", state="visible")
    screenshot(page, "00-first-visit-name")
    page.fill(".ck-name input", "Dr Jo Smith")
    page.keyboard.press("Enter")
    page.wait_for_selector(".ck-module", state="visible")
    assert "Saving work for Dr-Jo-Smith" in page.inner_text(".ck-map-summary")
    assert (tmp_path / "work" / ".trainee").read_text().strip() == "Dr-Jo-Smith"
    page.goto(server.url + HOME)
    page.wait_for_selector(".ck-module", state="visible")
    assert page.locator(".ck-name").count() == 0, "asked only once"


def test_a_failing_page_shows_a_plain_message_and_no_traceback(own_server, tmp_path,
                                                                 repo_root):
    root = tmp_path / "kit"
    (root / "modules").mkdir(parents=True)
    broken = nbformat.v4.new_notebook(metadata={"kernelspec": {
        "name": "python3", "display_name": "Python 3", "language": "python"}})
    broken.cells = [nbformat.v4.new_markdown_cell("# A page"),
                    nbformat.v4.new_code_cell("1 / 0"),
                    nbformat.v4.new_markdown_cell("The rest of the page.")]
    nbformat.write(broken, root / "modules" / "broken.ipynb")
    nbformat.write(nbformat.v4.new_notebook(), root / "modules" / "index.ipynb")
    config = root / "jupyter_config.py"
    config.write_text(f"load_subconfig({str(repo_root / 'jupyter_config.py')!r})\n"
                      f"c.Voila.root_dir = {str(root)!r}\n", encoding="utf-8")
    server = own_server(config=config)
    with urllib.request.urlopen(server.url + "/voila/render/modules/broken.ipynb",
                                timeout=120) as response:
        body = response.read().decode()
    assert "Part of this page could not be prepared. Reload the page" in body
    for technical in ("Traceback", "ZeroDivisionError", "1 / 0", "show_tracebacks"):
        assert technical not in body
