"""The coaching-language analyzer: is a reply inquiry-based or directive, and why.

Public API: ``analyze``, ``analyze_many``, the ``Analysis`` data it returns, ``load_model``,
and the coding vocabulary (``MI_CODES``, ``ACTS``, ``DIRECTIVE_ACTS``).
"""

from coachkit.analyzer.acts import ACT_LABEL, ACTS, DIRECTIVE_ACTS, MI_CODES
from coachkit.analyzer.analysis import SCHEMA_VERSION, Analysis, Evidence, Readability, SentenceAnalysis
from coachkit.analyzer.model import load_model
from coachkit.analyzer.pipeline import MAX_CHARS, TIERS, analyze, analyze_many

__all__ = [
    "ACTS",
    "ACT_LABEL",
    "DIRECTIVE_ACTS",
    "MAX_CHARS",
    "MI_CODES",
    "SCHEMA_VERSION",
    "TIERS",
    "Analysis",
    "Evidence",
    "Readability",
    "SentenceAnalysis",
    "analyze",
    "analyze_many",
    "load_model",
]
