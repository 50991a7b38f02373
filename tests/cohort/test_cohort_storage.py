"""Writing and reading cohorts: byte-identical output for a seed, faithful round trips, the
shipped default cohort, and clear errors for folders that cannot be used."""

from __future__ import annotations

import os
import time

import pandas as pd
import pytest

from coachkit.cohort import Cohort, CohortConfig, default_dir, generate, load_default
from coachkit.cohort.cohort import parquet_available
from coachkit.cohort.schema import TABLE_NAMES
from coachkit.errors import ConfigError, InputError

FILES = [f"{t}.csv" for t in TABLE_NAMES] + ["README.md", "config.json"]


def _bytes(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_same_seed_gives_byte_identical_files(tmp_path):
    config = CohortConfig(students=25, seed=3)
    a = generate(config).write(tmp_path / "a")
    b = generate(config).write(tmp_path / "b")
    assert _bytes(a) == _bytes(b)
    assert set(FILES) <= set(_bytes(a))
    if parquet_available():
        assert {f"{t}.parquet" for t in TABLE_NAMES} <= set(_bytes(a))


def test_another_seed_gives_other_data(tmp_path):
    a = generate(CohortConfig(students=25, seed=3)).write(tmp_path / "a")
    b = generate(CohortConfig(students=25, seed=4)).write(tmp_path / "b")
    assert (a / "exams.csv").read_bytes() != (b / "exams.csv").read_bytes()


@pytest.mark.parametrize("formats", [("csv",), ("parquet",), ("csv", "parquet")])
def test_round_trip_keeps_every_table_exactly(tmp_path, small, formats):
    if "parquet" in formats and not parquet_available():
        pytest.skip("pyarrow not installed")
    back = Cohort.read(small.write(tmp_path, formats=formats))
    assert back.config == small.config
    for name in TABLE_NAMES:
        pd.testing.assert_frame_equal(back.tables[name], small.tables[name], check_exact=True)


def test_shipped_cohort_is_the_default_configuration_regenerated(tmp_path):
    shipped = default_dir()
    assert shipped is not None and shipped.name == "cohort"
    fresh = generate(CohortConfig()).write(tmp_path, formats=("csv",))
    for name in FILES:
        assert (shipped / name).read_bytes() == (fresh / name).read_bytes(), name


def test_load_default_is_fast_and_hands_out_copies():
    load_default()  # first read may pay for imports
    started = time.perf_counter()
    cohort = load_default()
    assert time.perf_counter() - started < 0.3
    assert len(cohort) == 60 and cohort.config == CohortConfig()
    cohort.exams.loc[0, "score"] = -1
    assert load_default().exams.loc[0, "score"] != -1


def test_load_default_cold_read_is_quick(tmp_path):
    started = time.perf_counter()
    Cohort.read(default_dir())
    assert time.perf_counter() - started < 2.0


def test_load_default_reads_the_shipped_folder(monkeypatch):
    import coachkit.cohort as package
    from coachkit.cohort import generator

    def refuse(*args, **kwargs):
        raise AssertionError("load_default generated instead of reading")

    monkeypatch.setattr(generator, "generate", refuse)
    package._load_default.cache_clear()
    try:
        assert len(load_default()) == 60
    finally:
        package._load_default.cache_clear()


def test_without_the_folder_the_same_cohort_is_generated(monkeypatch, tmp_path):
    import coachkit.cohort as package

    monkeypatch.setattr(package, "default_dir", lambda: None)
    package._load_default.cache_clear()
    try:
        made = load_default()
    finally:
        package._load_default.cache_clear()
    shipped = Cohort.read(default_dir())
    for name in TABLE_NAMES:
        pd.testing.assert_frame_equal(made.tables[name], shipped.tables[name])


def test_env_var_points_at_another_default(tmp_path, monkeypatch):
    generate(CohortConfig(students=5, seed=1)).write(tmp_path)
    monkeypatch.setenv("COACHKIT_COHORT_DIR", str(tmp_path))
    assert default_dir() == tmp_path


def test_unwritable_folder_is_a_clear_error(tmp_path, small):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(InputError, match="cannot write the cohort to .*a-file"):
        small.write(blocker / "cohort")


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_read_only_folder_is_a_clear_error(tmp_path, small):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    with pytest.raises(InputError, match="cannot write"):
        small.write(folder)


def test_unknown_format_is_rejected(tmp_path, small):
    with pytest.raises(InputError, match="xlsx"):
        small.write(tmp_path, formats=("xlsx",))


def test_reading_a_folder_without_a_cohort_fails_clearly(tmp_path):
    with pytest.raises(InputError, match="holds no cohort"):
        Cohort.read(tmp_path)


def test_reading_a_damaged_table_names_the_file(tmp_path, small):
    folder = small.write(tmp_path, formats=("csv",))
    (folder / "exams.csv").write_text("student_id,score\nS1,50\n")
    with pytest.raises(ConfigError, match="exams.csv"):
        Cohort.read(folder)
