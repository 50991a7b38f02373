"""Allow ``python -m coachkit``."""

from coachkit.cli import console

console()
