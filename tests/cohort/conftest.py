"""Shared cohorts for the cohort tests (generated once per session; treat as read-only)."""

from __future__ import annotations

import pytest

from coachkit.cohort import CohortConfig, generate


@pytest.fixture(scope="session")
def small():
    """300 students: enough for table checks and lookups, fast to make."""
    return generate(CohortConfig(students=300, seed=11))


@pytest.fixture(scope="session")
def large():
    """2,000 students: enough for the documented effects to show above noise."""
    return generate(CohortConfig(students=2000, seed=5))


@pytest.fixture(scope="session")
def large_frames(large):
    """Per-student views of ``large`` joined with the archetype and latent traits."""
    students = large.students.merge(large.latent, on="student_id")
    exams = large.exams.merge(students[["student_id", "archetype", "ability"]], on="student_id")
    return {"students": students, "exams": exams}


@pytest.fixture(scope="session")
def block_panel():
    """Function: one row per student and block of a cohort (see ``_block_panel``)."""
    return _block_panel


@pytest.fixture(scope="session")
def regress():
    """Function: least-squares coefficients with block fixed effects (see ``_regress``)."""
    return _regress


def _block_panel(cohort):
    """One row per student and block: score, ability, archetype, mean retrieval share while
    the block was taught, and mean reported stress in the check-ins of the exam's last
    three weeks."""
    import pandas as pd

    log, wb = cohort.study_log, cohort.wellbeing
    exams = cohort.exams.merge(cohort.latent[["student_id", "ability"]], on="student_id")
    exams = exams.merge(cohort.students[["student_id", "archetype"]], on="student_id")
    parts = []
    for k, block in enumerate(cohort.config.calendar.blocks, start=1):
        taught = log[(log["week"] >= block.start_week) & (log["week"] < block.exam_week)]
        share = taught.groupby("student_id")["retrieval_share"].mean().rename("share")
        pulses = wb[(wb["week"] >= block.exam_week - 3) & (wb["week"] <= block.exam_week)]
        stress = pulses.groupby("student_id")["stress"].mean().rename("stress")
        parts.append(exams[exams["block"] == k].set_index("student_id").join(share).join(stress))
    return pd.concat(parts).reset_index()


def _regress(frame, outcome, predictors):
    """Least-squares coefficients of ``predictors`` (block fixed effects added)."""
    import numpy as np
    import pandas as pd

    design = np.column_stack([frame[p].to_numpy(float) for p in predictors]
                             + [pd.get_dummies(frame["block"]).to_numpy(float)])
    coef = np.linalg.lstsq(design, frame[outcome].to_numpy(float), rcond=None)[0]
    return dict(zip(predictors, coef[: len(predictors)], strict=True))
