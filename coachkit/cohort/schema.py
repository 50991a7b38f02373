"""The cohort's tables: every column, its type, unit and meaning (the data dictionary).

One declaration serves three uses: the README written next to the data, restoring column
types when a cohort is read back from CSV, and the tests that check value ranges. A table
is tidy: one row per observation, one column per variable, keyed by ``student_id`` plus
the columns listed in ``key``.
"""

from __future__ import annotations

from dataclasses import dataclass

#: column kind -> pandas dtype used in memory (and restored on read)
DTYPES: dict[str, str] = {
    "str": "str",
    "category": "category",  # text from a small vocabulary (categories sorted)
    "int": "int64",
    "float": "float64",
    "bool": "bool",
    "date": "datetime64[s]",
    "Int": "Int64",  # whole number that may be missing
}


@dataclass(frozen=True)
class Column:
    """One column: name, kind (a key of ``DTYPES``), unit and plain-language meaning."""

    name: str
    kind: str
    meaning: str
    unit: str = ""
    low: float | None = None
    high: float | None = None
    nullable: bool = False


@dataclass(frozen=True)
class Table:
    """One tidy table of the cohort."""

    name: str
    description: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """Column names in order."""
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        """The column called ``name``."""
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)


_SID = Column("student_id", "str", "pseudonymous student id (no link to any real person)")
_WEEK = Column("week", "int", "week of the two-year timeline (week 0 starts the first year)",
               low=0)
_DATE = Column("date", "date", "calendar date of the observation")

TABLES: tuple[Table, ...] = (
    Table(
        "students",
        "One row per student: who they are in the data set.",
        ("student_id",),
        (
            _SID,
            Column("display_name", "str",
                   "synthetic display name (random pairing, no real person)"),
            Column("pronouns", "str", "pronouns the student uses"),
            Column("archetype", "str",
                   "hidden learner pattern (ground truth for instructors; not shown to coaches)"),
            Column("admission_percentile", "int",
                   "percentile of the admission test among the cohort (a noisy view of ability)",
                   "percentile", 1, 99),
            Column("start_date", "date", "first day of year 1"),
        ),
    ),
    Table(
        "latent",
        "Ground truth of the generative model per student, for instructors and tests. A coach "
        "never sees these; the dashboard does not use them.",
        ("student_id",),
        (
            _SID,
            Column("ability", "float", "incoming ability in cohort standard deviations", "SD"),
            Column("confidence_bias", "float", "points confidence sits above accuracy", "points"),
            Column("study_hours", "float", "habitual self-study hours in a teaching week", "hours",
                   0),
            Column("retrieval_share_habit", "float",
                   "habitual share of study time on retrieval practice", "share", 0, 1),
            Column("change_week", "Int", "week of a deliberate strategy change, if any", "week",
                   0, nullable=True),
            Column("halflife_weeks", "float", "weeks for half of what was learned to fade",
                   "weeks", 0),
            Column("life_event_week", "Int", "week a disruptive life event started, if any",
                   "week", 0, nullable=True),
        ),
    ),
    Table(
        "exams",
        "One row per student and block: the organ-system block exam.",
        ("student_id", "block"),
        (
            _SID,
            Column("block", "int", "block number in teaching order", "", 1),
            Column("topic", "category", "topic id of the block, e.g. cardiology"),
            Column("block_label", "category", "name of the block as shown to people"),
            _WEEK,
            _DATE,
            Column("score", "float", "percent correct on the block exam", "%", 0, 100),
            Column("cohort_percentile", "int", "percentile of the score within the cohort",
                   "percentile", 0, 100),
            Column("passed", "bool", "score at or above the block pass mark"),
        ),
    ),
    Table(
        "qbank_sessions",
        "One row per question-bank session a student did on their own.",
        ("student_id", "session"),
        (
            _SID,
            Column("session", "int", "session number for this student, in time order", "", 1),
            _WEEK,
            _DATE,
            Column("topic", "category", "organ-system topic of the questions"),
            Column("discipline", "category",
                   "discipline of the questions (anatomy, pharmacology...)"),
            Column("items", "int", "questions answered", "items", 1),
            Column("correct", "int", "questions answered correctly", "items", 0),
            Column("pct_correct", "float", "percent correct", "%", 0, 100),
            Column("seconds_per_item", "float", "mean time per question", "seconds", 0),
        ),
    ),
    Table(
        "practice_exams",
        "One row per student and attempt: comprehensive practice exams across all systems, "
        "with the projection to the board exam they predict.",
        ("student_id", "attempt"),
        (
            _SID,
            Column("attempt", "int", "attempt number", "", 1),
            _WEEK,
            _DATE,
            Column("score", "float", "equated percent correct across all systems", "%", 0, 100),
            Column("cohort_percentile", "int", "percentile within the cohort at this attempt",
                   "percentile", 0, 100),
            Column("pass_probability", "float",
                   "projected probability of passing the board exam if it were taken now",
                   "probability", 0, 1),
            Column("projected_outcome", "category", "likely pass / borderline / at risk"),
        ),
    ),
    Table(
        "study_log",
        "One row per student and week: how the student spent their self-study time.",
        ("student_id", "week"),
        (
            _SID,
            _WEEK,
            Column("week_start", "date", "Monday of the week"),
            Column("phase", "category", "topic taught that week, or 'break'"),
            Column("hours_rereading", "float",
                   "passive review: rereading notes, highlighting, rewatching lectures", "hours",
                   0),
            Column("hours_retrieval", "float",
                   "retrieval practice outside question banks: self-testing, spaced flashcards",
                   "hours", 0),
            Column("hours_qbank", "float", "question-bank time (from the sessions table)",
                   "hours", 0),
            Column("hours_total", "float", "all self-study hours", "hours", 0),
            Column("retrieval_share", "float",
                   "(retrieval + question bank) / total hours: the active share", "share", 0, 1),
            Column("qbank_items", "int", "question-bank items answered", "items", 0),
            Column("attendance_pct", "float",
                   "required sessions attended (empty in break weeks)", "%", 0, 100,
                   nullable=True),
        ),
    ),
    Table(
        "calibration",
        "One row per student, survey and topic: before a short quiz on each topic taught so "
        "far, the student says what share they expect to get right; the quiz measures it. "
        "Surveys are taken in each block's exam week.",
        ("student_id", "survey", "topic"),
        (
            _SID,
            Column("survey", "int", "survey number (= block just finished)", "", 1),
            _WEEK,
            _DATE,
            Column("topic", "category", "topic rated and quizzed"),
            Column("confidence", "int", "expected percent correct, stated before the quiz", "%",
                   0, 100),
            Column("accuracy", "float", "actual percent correct on the quiz", "%", 0, 100),
            Column("items", "int", "quiz questions on the topic", "items", 1),
            Column("gap", "float",
                   "confidence minus accuracy: above 0 = overconfident (illusion of knowing)",
                   "points", -100, 100),
        ),
    ),
    Table(
        "wellbeing",
        "One row per student and pulse survey (every other week): stress, sleep and any life "
        "event the student reported.",
        ("student_id", "week"),
        (
            _SID,
            _WEEK,
            _DATE,
            Column("stress", "int", "self-rated stress, 1 (none) to 10 (overwhelming)", "1-10",
                   1, 10),
            Column("sleep_hours", "float", "average sleep a night over the last two weeks",
                   "hours", 0, 24),
            Column("life_event", "str", "life event reported in this survey (empty: none)",
                   nullable=True),
        ),
    ),
    Table(
        "meetings",
        "One row per coaching meeting: an intake, a debrief after every block exam, and "
        "check-ins after a failed exam or a very stressful stretch.",
        ("student_id", "meeting"),
        (
            _SID,
            Column("meeting", "int", "meeting number for this student", "", 1),
            Column("meeting_id", "str", "unique id of the meeting"),
            _WEEK,
            _DATE,
            Column("kind", "str", "intake / exam debrief / check-in"),
            Column("data_reviewed", "str", "the data put on the table"),
            Column("focus", "str", "what the conversation centred on"),
            Column("goal_reviewed", "str", "goal id reviewed (empty: none)", nullable=True),
            Column("goal_set", "str", "goal id agreed in this meeting (empty: none)",
                   nullable=True),
            Column("note", "str", "the coach's progress note"),
        ),
    ),
    Table(
        "goals",
        "One row per goal of the Individualized Learning Plan (ILP), in SMART form, with its "
        "outcome measured in the student's own data.",
        ("goal_id",),
        (
            Column("goal_id", "str", "unique id of the goal"),
            _SID,
            Column("meeting_id", "str", "meeting in which the goal was agreed"),
            Column("kind", "str",
                   "retrieval / topic / calibration / sleep / qbank / stretch"),
            Column("topic", "str", "topic the goal is about (empty: none)", nullable=True),
            Column("specific", "str", "S: what the student will do"),
            Column("measure", "str", "M: the number that shows progress"),
            Column("baseline", "float", "value of the measure when the goal was set", "",
                   nullable=True),
            Column("target", "float", "value that counts as achieved"),
            Column("unit", "str", "unit of baseline, target and result"),
            Column("achievable", "str", "A: why it fits the student's week"),
            Column("relevant", "str", "R: the data that makes it matter"),
            Column("set_week", "int", "week the goal was agreed", "week", 0),
            Column("due_week", "int", "T: week by which it is reviewed", "week", 0),
            Column("due_date", "date", "T: date by which it is reviewed"),
            Column("status", "str", "achieved / partly achieved / not achieved / in progress"),
            Column("result", "float", "value of the measure at review (empty: not yet)", "",
                   nullable=True),
            Column("progress_pct", "float",
                   "how far from baseline to target the result got (capped 0-100)", "%", 0, 100,
                   nullable=True),
            Column("progress_note", "str", "what the review found, in plain words"),
        ),
    ),
)

TABLE_NAMES: tuple[str, ...] = tuple(t.name for t in TABLES)
_BY_NAME = {t.name: t for t in TABLES}


def table(name: str) -> Table:
    """The declaration of table ``name``."""
    return _BY_NAME[name]
