"""Where the kit's content lives: the project folders next to the package.

The kit is installed in editable mode from its checkout (``make start`` / ``make test``), so
``datasets/``, ``simulations/``, ``rubrics/`` and ``modules/`` sit beside the ``coachkit``
package. ``COACHKIT_HOME`` points elsewhere (e.g. a JupyterHub image that copies the
content to another folder).
"""

from __future__ import annotations

import os
from pathlib import Path

from coachkit.errors import ConfigError


def project_root() -> Path:
    """The folder holding the kit's content folders."""
    home = os.environ.get("COACHKIT_HOME")
    return Path(home).expanduser().resolve() if home else Path(__file__).resolve().parents[1]


def dataset_path(*parts: str) -> Path:
    """A path inside ``datasets/``; a clear error if it is missing."""
    path = project_root().joinpath("datasets", *parts)
    if not path.exists():
        raise ConfigError(f"{path} is missing: the kit's datasets/ folder is incomplete (set COACHKIT_HOME?)")
    return path
