"""Rubrics: criteria bound to measurable features of a trainee's coaching, as data.

``load_rubric("coaching-conversation")`` reads ``rubrics/coaching-conversation.yaml``;
``evaluate(rubric, turns, profile_terms=...)`` returns a ``RubricResult`` - per criterion the
level reached, the points, the evidence sentences and a plain-language comment - used alike
by the debrief widget, nbgrader partial credit and the cohort report.
"""

from coachkit.rubrics.engine import evaluate
from coachkit.rubrics.features import FEATURES, Feature, Measurement, feature
from coachkit.rubrics.loader import available_rubrics, load_rubric, parse_rubric, rubrics_dir
from coachkit.rubrics.result import CriterionResult, EvidenceRef, RubricResult
from coachkit.rubrics.smart import SmartCheck, check_smart
from coachkit.rubrics.spec import Criterion, Level, Rubric, export_json_schema, json_schema

__all__ = [
    "FEATURES",
    "Criterion",
    "CriterionResult",
    "EvidenceRef",
    "Feature",
    "Level",
    "Measurement",
    "Rubric",
    "RubricResult",
    "SmartCheck",
    "available_rubrics",
    "check_smart",
    "evaluate",
    "export_json_schema",
    "feature",
    "json_schema",
    "load_rubric",
    "parse_rubric",
    "rubrics_dir",
]
