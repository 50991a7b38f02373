"""The kit's exceptions.

Every error a user can cause (bad input, a bad scenario file, a missing model) is a
``CoachKitError`` subclass whose message names the bad value, so the CLI can turn it into
a clear one-line message and an exit status instead of a traceback.
"""

from __future__ import annotations


class CoachKitError(Exception):
    """Base class of every error the kit reports to its users."""

    exit_code = 2


class InputError(CoachKitError, ValueError):
    """A value given by a user (text, option, file content) is not acceptable."""


class ModelError(CoachKitError):
    """A language model directory is missing, incomplete or of an unknown version."""


class ConfigError(CoachKitError):
    """A declarative file (scenario, rubric, cohort configuration) fails validation."""
