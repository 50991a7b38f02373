"""Shared fixtures of the analyzer tests: small slices of the training data, quick to train on."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest

from coachkit.paths import dataset_path


@pytest.fixture(scope="session")
def csv_subset(tmp_path_factory) -> Callable[..., Path]:
    """``csv_subset(dataset, name, keep)``: a copy of ``datasets/<dataset>/<name>`` with the
    rows ``keep(index, row)`` accepts, in a temporary folder."""

    def write(dataset: str, name: str, keep: Callable[[int, dict], bool]) -> Path:
        out = tmp_path_factory.mktemp(dataset) / name
        with dataset_path(dataset, name).open(newline="") as src, out.open("w", newline="") as dst:
            reader = csv.DictReader(src)
            writer = csv.DictWriter(dst, fieldnames=reader.fieldnames)
            writer.writeheader()
            writer.writerows(row for index, row in enumerate(reader) if keep(index, row))
        return out

    return write
