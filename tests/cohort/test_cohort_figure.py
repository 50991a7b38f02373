"""The student dashboard: six titled panels, no pyplot state, stable files."""

from __future__ import annotations

import sys

import matplotlib
import pytest
from matplotlib.figure import Figure

from coachkit.cohort import dashboard, load_default, save_figure
from coachkit.cohort.figure import PANELS
from coachkit.errors import InputError


@pytest.fixture(scope="module")
def default():
    return load_default()


@pytest.fixture(scope="module")
def overconfident(default):
    return default.find(archetype="overconfident")


def _titles(fig):
    return [ax.get_title(loc="left") for ax in fig.axes if ax.get_title(loc="left")]


def test_full_dashboard_has_six_titled_panels(default, overconfident):
    fig = dashboard(default, overconfident)
    assert isinstance(fig, Figure)
    titles = _titles(fig)
    assert len(titles) == len(PANELS)
    name = default.student_row(overconfident)["display_name"]
    assert name in fig.get_suptitle()


def test_titles_say_what_to_look_at(default, overconfident):
    titles = " ".join(_titles(dashboard(default, overconfident)))
    assert "Confidence" in titles and "above accuracy" in titles
    plateau = default.find(archetype="high_plateau")
    assert "percentile" in " ".join(_titles(dashboard(default, plateau, panels="scores")))


def test_the_archetype_is_not_shown_to_the_coach(default, overconfident):
    fig = dashboard(default, overconfident)
    texts = [t.get_text() for ax in fig.axes for t in ax.texts] + _titles(fig)
    texts.append(fig.get_suptitle())
    assert not any("overconfident" in t.lower() for t in texts)


def test_one_panel_into_given_axes(default, overconfident):
    fig = Figure()
    ax = fig.add_subplot()
    assert dashboard(default, overconfident, ax=ax, panels="calibration") is fig
    assert "accuracy" in ax.get_title(loc="left")


@pytest.mark.parametrize(
    ("kwargs", "needle"),
    [({"panels": "radar"}, "unknown dashboard panel"),
     ({"panels": ("scores", "goals"), "ax": "axes"}, "one panel")],
)
def test_bad_panel_requests_are_errors(default, overconfident, kwargs, needle):
    if kwargs.get("ax") == "axes":
        kwargs["ax"] = Figure().add_subplot()
    with pytest.raises(InputError, match=needle):
        dashboard(default, overconfident, **kwargs)


def test_unknown_student_is_an_error(default):
    with pytest.raises(InputError, match="unknown student id"):
        dashboard(default, "S-nobody")


def test_no_pyplot_and_no_leaked_settings(default, overconfident):
    before = dict(matplotlib.rcParams)
    dashboard(default, overconfident)
    assert "matplotlib.pyplot" not in sys.modules or not sys.modules[
        "matplotlib.pyplot"].get_fignums()
    assert dict(matplotlib.rcParams) == before


@pytest.mark.parametrize("suffix", ["png", "svg"])
def test_saved_files_are_stable(tmp_path, default, overconfident, suffix):
    a = save_figure(dashboard(default, overconfident), tmp_path / f"a.{suffix}")
    b = save_figure(dashboard(default, overconfident), tmp_path / f"b.{suffix}")
    assert a.read_bytes() == b.read_bytes()
    assert a.stat().st_size > 20_000


def test_png_is_large_enough_to_read(tmp_path, default, overconfident):
    from PIL import Image

    path = save_figure(dashboard(default, overconfident), tmp_path / "d.png")
    width, height = Image.open(path).size
    assert width >= 1600 and height >= 1400


def test_save_rejects_other_formats(tmp_path, default, overconfident):
    with pytest.raises(InputError, match="png or .svg"):
        save_figure(dashboard(default, overconfident, panels="goals"), tmp_path / "d.pdf")
