"""``import coachkit.analyzer`` / ``coachkit.scenarios`` are cheap; every public name still loads.

Reading a scenario or a transcript (the home page's course map does both) needs the
scenario schema and the ``Analysis`` data, not the engine, the model or numpy. Each case
runs in a fresh interpreter, since this test session has long imported everything.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

import coachkit.analyzer
import coachkit.scenarios

HEAVY = ("coachkit.analyzer.pipeline", "coachkit.analyzer.model", "coachkit.scenarios.engine",
         "numpy", "sklearn", "textstat")


def loaded_after(code: str) -> list[str]:
    """The heavy modules loaded by ``code`` in a fresh interpreter."""
    probe = f"import sys\n{code}\nprint(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


@pytest.mark.parametrize("code", [
    "import coachkit.analyzer",
    "import coachkit.scenarios",
    "from coachkit.analyzer import ACTS, ACT_LABEL, DIRECTIVE_ACTS, MI_CODES, Analysis",
    "from coachkit.scenarios import Scenario, list_scenarios, load_scenario\n"
    "load_scenario(list_scenarios()[0].id)",
    "from coachkit.scenarios import read_transcript, TranscriptTurn, TranscriptStore",
])
def test_reading_scenarios_and_transcripts_loads_no_engine_or_model(code):
    assert loaded_after(code) == []


@pytest.mark.parametrize("code, needed", [
    ("from coachkit.analyzer import analyze", "coachkit.analyzer.pipeline"),
    ("from coachkit.analyzer import load_model", "coachkit.analyzer.model"),
    ("from coachkit.scenarios import Session", "coachkit.scenarios.engine"),
    ("from coachkit.scenarios import open_session", "coachkit.scenarios.engine"),
])
def test_the_engine_and_model_load_on_first_use(code, needed):
    assert needed in loaded_after(code)


@pytest.mark.parametrize("package", [coachkit.analyzer, coachkit.scenarios])
def test_every_public_name_resolves_and_is_listed(package):
    assert dir(package) == sorted(package.__all__)
    for name in package.__all__:
        value = getattr(package, name)
        assert getattr(value, "__module__", package.__name__).startswith(package.__name__), name


@pytest.mark.parametrize("package", [coachkit.analyzer, coachkit.scenarios])
def test_an_unknown_name_is_an_attribute_error(package):
    with pytest.raises(AttributeError, match="no_such_name"):
        package.no_such_name  # noqa: B018
