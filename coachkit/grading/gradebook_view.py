"""A fast, read-only view of nbgrader's ``gradebook.db`` for reports and exports.

nbgrader's ORM takes seconds to import and queries one submission at a time; a cohort
report over hundreds of trainees needs every score at once. These queries read the same
sqlite tables nbgrader writes and compute scores the way nbgrader does (a manual score
replaces the automatic one; extra credit is added; the late penalty is subtracted).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

_EPOCH = datetime(1970, 1, 1)

_SUBMISSIONS = """
SELECT sa.student_id, a.name, sa.timestamp, sa.extension, a.duedate,
       COALESCE(st.first_name, ''), COALESCE(st.last_name, ''), COALESCE(st.email, ''),
       COALESCE(SUM(CASE WHEN g.manual_score IS NOT NULL THEN g.manual_score + COALESCE(g.extra_credit, 0)
                         WHEN g.auto_score IS NOT NULL THEN g.auto_score + COALESCE(g.extra_credit, 0)
                         ELSE 0 END), 0),
       COALESCE(SUM(CASE WHEN g.needs_manual_grade THEN 1 ELSE 0 END), 0),
       (SELECT COALESCE(SUM(COALESCE(sn2.late_submission_penalty, 0)), 0)
          FROM submitted_notebook sn2 WHERE sn2.assignment_id = sa.id)
FROM submitted_assignment sa
JOIN assignment a ON a.id = sa.assignment_id
JOIN student st ON st.id = sa.student_id
LEFT JOIN submitted_notebook sn ON sn.assignment_id = sa.id
LEFT JOIN grade g ON g.notebook_id = sn.id
GROUP BY sa.id
"""

_MAX = """
SELECT a.name, a.duedate, COALESCE(SUM(c.max_score), 0)
FROM assignment a
LEFT JOIN notebook n ON n.assignment_id = a.id
LEFT JOIN base_cell b ON b.notebook_id = n.id
LEFT JOIN (SELECT id, max_score FROM grade_cells UNION ALL SELECT id, max_score FROM task_cells) c ON c.id = b.id
GROUP BY a.id
"""


@dataclass(frozen=True)
class SubmissionRow:
    """One trainee's submission of one assignment, scored as nbgrader scores it."""

    trainee_id: str
    assignment_id: str
    first_name: str
    last_name: str
    email: str
    timestamp: datetime | None
    duedate: datetime | None
    raw_score: float
    late_penalty: float
    max_score: float
    pending_manual: int
    seconds_late: float

    @property
    def score(self) -> float:
        """The score after the late penalty, never below zero."""
        return max(self.raw_score - self.late_penalty, 0.0)


def _when(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def read_gradebook(path: str | Path) -> tuple[dict[str, tuple[datetime | None, float]], list[SubmissionRow],
                                              dict[str, tuple[str, str, str]]]:
    """From ``gradebook.db``: assignment -> (due date, max score); the submissions; and
    every trainee id -> (first name, last name, email), sorted by id."""
    path = Path(path)
    if not path.exists():
        return {}, [], []
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        maxima = {name: (_when(due), float(total)) for name, due, total in db.execute(_MAX)}
        rows = []
        for (trainee, name, stamp, extension, due, first, last, email, raw, pending, penalty) in db.execute(_SUBMISSIONS):
            timestamp, duedate = _when(stamp), _when(due)
            late = 0.0
            if timestamp and duedate:
                shift = (_when(extension) - _EPOCH) if extension else None
                late = max((timestamp - (duedate + shift if shift else duedate)).total_seconds(), 0.0)
            rows.append(SubmissionRow(trainee, name, first, last, email, timestamp, duedate, float(raw),
                                      float(penalty), maxima.get(name, (None, 0.0))[1], int(pending), late))
        trainees = {r[0]: (r[1] or "", r[2] or "", r[3] or "")
                    for r in db.execute("SELECT id, first_name, last_name, email FROM student ORDER BY id")}
    return maxima, rows, trainees
