"""``coachkit cohort``: writes the folder; bad input exits 2 with one clear line."""

from __future__ import annotations

import subprocess
import sys

import pytest

from coachkit.cli import main


def test_writes_tables_readme_and_dashboard(tmp_path, capsys):
    out = tmp_path / "c"
    code = main(["cohort", "--students", "12", "--seed", "4", "--out", str(out),
                 "--format", "csv", "--dashboard", "steady"])
    assert code == 0
    names = {p.name for p in out.iterdir()}
    assert {"students.csv", "goals.csv", "README.md", "config.json"} <= names
    assert any(n.startswith("dashboard-S") and n.endswith(".png") for n in names)
    assert not any(n.endswith(".parquet") for n in names)
    assert "Wrote 12 students" in capsys.readouterr().out


def test_options_override_the_config_file(tmp_path):
    config = tmp_path / "c.yaml"
    config.write_text("students: 30\nseed: 1\nmix: {steady: 1}\n")
    out = tmp_path / "o"
    assert main(["cohort", "--config", str(config), "--students", "8", "--out", str(out)]) == 0
    students = (out / "students.csv").read_text().splitlines()
    assert len(students) == 9
    assert all(",steady," in line for line in students[1:])


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--students", "-4"], "students"),
        (["--students", "0"], "students"),
        (["--mix", "steady=1,lazy=1"], "unknown archetype 'lazy'"),
        (["--dashboard", "nobody"], "neither a student id nor an archetype"),
        (["--config", "missing.yaml"], "missing.yaml"),
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path, capsys, args, needle):
    code = main(["cohort", "--students", "5", "--out", str(tmp_path / "o"), *args]
                if "--students" not in args else ["cohort", "--out", str(tmp_path / "o"), *args])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert needle in err and err.startswith("coachkit cohort:")
    assert len(err.splitlines()) == 1


def test_unwritable_directory_exits_2(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["cohort", "--students", "3", "--out", str(blocker / "sub")]) == 2
    assert "cannot write the cohort" in capsys.readouterr().err


def test_module_import_is_light():
    code = ("import sys, coachkit.cli.cohort, coachkit.cli; coachkit.cli.build_parser(); "
            "assert 'pandas' not in sys.modules and 'matplotlib' not in sys.modules, "
            "[m for m in ('pandas', 'matplotlib') if m in sys.modules]")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
