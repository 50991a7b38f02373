"""What the course server sends, checked over HTTP (no browser needed)."""

from __future__ import annotations

import re
import urllib.error
import urllib.request

import pytest

HOME = "/voila/render/modules/index.ipynb"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def get(url: str, *, follow: bool = True) -> tuple[int, dict[str, str], str]:
    """Status, headers and body of a GET (errors are answers too)."""
    opener = (urllib.request.build_opener() if follow
              else urllib.request.build_opener(_NoRedirect))
    try:
        with opener.open(url, timeout=120) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture(scope="module")
def home_html(server) -> str:
    status, _, body = get(server.url + HOME)
    assert status == 200
    return body


def test_the_bare_address_leads_to_the_home_page(server):
    status, headers, _ = get(server.url + "/", follow=False)
    assert status in (301, 302)
    assert headers["Location"] == HOME


def test_no_code_reaches_the_trainee(home_html):
    assert "from coachkit.ui import" not in home_html
    assert "ModuleMap()" not in home_html


def test_the_page_uses_the_kits_template_and_fetches_nothing_from_the_internet(home_html):
    assert "voila/templates/coachkit/static/coachkit.css" in home_html
    external = re.findall(r'(?:href|src)="(https?://[^"]+)"', home_html)
    assert external == []
    assert "cdn.jsdelivr.net" not in home_html


def test_the_stylesheet_is_served(server):
    status, headers, body = get(server.url + "/voila/templates/coachkit/static/coachkit.css")
    assert status == 200 and "text/css" in headers["Content-Type"]
    assert "--ck-focus" in body and "@import" not in body and "url(http" not in body


def test_a_missing_page_is_explained_with_the_way_home(server):
    status, _, body = get(server.url + "/voila/render/modules/no-such-module.ipynb")
    assert status == 404
    assert "This page does not exist" in body
    assert 'href="/voila/render/modules/index.ipynb"' in body


@pytest.mark.parametrize("path", ["/voila/files/jupyter_config.py",
                                  "/voila/files/modules/index.ipynb"])
def test_source_files_are_not_served(server, path):
    status, _, _ = get(server.url + path)
    assert status in (403, 404)


def test_a_request_as_the_server_starts_gets_the_preheated_kernel(own_server):
    # the browser that `coachkit serve` opens asks before the pool kernel is registered;
    # stock Voila would start a second kernel for it and leave the pre-heated one idle
    server = own_server()
    status, _, body = get(server.url + HOME)
    assert status == 200 and "application/vnd.jupyter.widget-view+json" in body
    assert "Using pre-heated kernel" in server.log.read_text()


def test_a_quick_reload_gets_a_kernel_at_once_rather_than_wait_for_the_pools_refill(
        own_server, repo_root, tmp_path):
    # a long refill delay: the pool is surely still empty when the page is reloaded
    config = tmp_path / "jupyter_config.py"
    config.write_text(f"load_subconfig({str(repo_root / 'jupyter_config.py')!r})\n"
                      "c.VoilaKernelManager.fill_delay = 120\n", encoding="utf-8")
    server = own_server(config=config)
    for _ in range(2):
        status, _, body = get(server.url + HOME)
        assert status == 200 and "application/vnd.jupyter.widget-view+json" in body
    log = server.log.read_text()
    assert log.count("Using pre-heated kernel") == 1 and log.count("Kernel started") == 2
