"""Suite-wide isolation: no test, notebook or Jupyter server writes outside a temp folder.

Set once, before collection, so that everything started from the tests inherits it: the
nbval kernels that execute ``modules/*.ipynb``, the Voila servers of the browser tests, and
in-process code. Each variable points into one temporary folder removed at the end:
``JUPYTER_CONFIG_DIR`` / ``JUPYTER_DATA_DIR`` / ``JUPYTER_RUNTIME_DIR`` / ``IPYTHONDIR``
(nothing lands in ``~``), ``COACHKIT_WORK`` (trainees' work) and ``COACHKIT_TRAINEE``
(so no page stops to ask for a name). Tests that need their own folders still use
``tmp_path`` and ``monkeypatch`` on top of this.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from collections.abc import Iterator

import pytest

ISOLATED = {
    "JUPYTER_CONFIG_DIR": "jupyter-config",
    "JUPYTER_DATA_DIR": "jupyter-data",
    "JUPYTER_RUNTIME_DIR": "jupyter-runtime",
    "IPYTHONDIR": "ipython",
    "COACHKIT_WORK": "work",
}
TEST_TRAINEE = "test-trainee"
#: Debian's Chromium drives the real-browser tests (Playwright cannot download browsers here).
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-first-run"]


def pytest_configure(config: pytest.Config) -> None:
    """Point every Jupyter and CoachKit folder into one fresh temporary folder."""
    base = Path(tempfile.mkdtemp(prefix="coachkit-tests-"))
    config._coachkit_isolation = base  # type: ignore[attr-defined]
    for variable, folder in ISOLATED.items():
        (base / folder).mkdir()
        os.environ[variable] = str(base / folder)
    os.environ["COACHKIT_TRAINEE"] = TEST_TRAINEE
    os.environ.pop("JUPYTERHUB_USER", None)


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove the temporary folder (kernels and servers are stopped by then)."""
    base = getattr(config, "_coachkit_isolation", None)
    if base is not None:
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def isolation_root(pytestconfig: pytest.Config) -> Path:
    """The temporary folder that holds the isolated Jupyter and work folders."""
    return pytestconfig._coachkit_isolation  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The source checkout (``jupyter_config.py``, ``modules/``, ``simulations/``)."""
    return Path(__file__).resolve().parents[1]


# One Playwright driver for the whole run: a second sync_playwright() while one is open fails
# ("Sync API inside the asyncio loop"), so every browser test shares this fixture.
@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium, headless; the browser tests skip with the reason if it is absent."""
    if not CHROMIUM.exists():
        pytest.skip(f"real-browser tests need Debian's chromium at {CHROMIUM} "
                    "(apt-get install chromium; `make test` installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
