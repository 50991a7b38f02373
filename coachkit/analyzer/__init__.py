"""The coaching-language analyzer: is a reply inquiry-based or directive, and why.

Public API: ``analyze``, ``analyze_many``, the ``Analysis`` data it returns, ``load_model``,
and the coding vocabulary (``MI_CODES``, ``ACTS``, ``DIRECTIVE_ACTS``).

Names load on first use: a transcript or a scenario needs the ``Analysis`` data and the
vocabulary, not the model and numpy behind ``analyze`` (0.2 s on the home page's way).
"""

from __future__ import annotations

from coachkit.lazy import lazy_exports


#: public name -> module that defines it
_EXPORTS: dict[str, str] = {
    "ACT_LABEL": "coachkit.analyzer.acts",
    "ACTS": "coachkit.analyzer.acts",
    "DIRECTIVE_ACTS": "coachkit.analyzer.acts",
    "MI_CODES": "coachkit.analyzer.acts",
    "SCHEMA_VERSION": "coachkit.analyzer.analysis",
    "Analysis": "coachkit.analyzer.analysis",
    "Evidence": "coachkit.analyzer.analysis",
    "Readability": "coachkit.analyzer.analysis",
    "SentenceAnalysis": "coachkit.analyzer.analysis",
    "load_model": "coachkit.analyzer.model",
    "MAX_CHARS": "coachkit.analyzer.pipeline",
    "TIERS": "coachkit.analyzer.pipeline",
    "analyze": "coachkit.analyzer.pipeline",
    "analyze_many": "coachkit.analyzer.pipeline",
}

__all__, __getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
