"""The generative model of the synthetic cohort (vectorised over students with numpy).

What causes what (every number is a field of ``CohortConfig.effects``, defaults shown):

1. **Archetype -> habits.** Each student draws an archetype from the configured mix (exact
   counts, largest-remainder rounding), then personal traits around the archetype's values:
   ability (SD 0.8 within an archetype), weekly study hours, a habitual retrieval share that
   drifts or steps (``change_week``) from a start to an end value, a confidence bias, usual
   stress, attendance, and speed on questions.
2. **Stress -> sleep, study mix, hours, attendance.** Weekly stress (1-10) = usual level +
   exam-week peaks + a year-2 rise + a life event's bump (2.5-4 points fading over ~8 weeks)
   + week-to-week noise. Each stress point above 4 costs ``sleep_per_stress`` (0.3) hours of
   nightly sleep. Above 6, each point moves ``stress_retrieval_pull`` (4 pp) of study time
   back to rereading, cuts study hours by ``stress_hours_pull`` (6%) and attendance by 3 pp.
3. **Study mix -> block-exam score.** A block's mastery = ``exam_mean`` (72) +
   ``ability_points`` (6) x ability + personal topic aptitude (SD 3) + block difficulty +
   growth per block + ``retrieval_points_per_10pp`` (2.0) for every 10 pp of retrieval share
   during the block above ``retrieval_reference`` (40%) + ``attendance_points_per_10pp``
   (0.8) per 10 pp of attendance above 85%. The exam score = mastery - ``stress_points``
   (1.5) per stress point above 4 and - ``sleep_points`` (1.0) per hour of sleep below 7 in
   the three weeks before the exam, + luck (SD 3.5).
4. **Retrieval -> durable knowledge.** Accuracy on a topic climbs from ``prior_accuracy``
   while it is taught to its mastery, then fades towards the prior with a half-life of
   ``halflife_weeks`` (100), lengthened by ``halflife_gain_per_10pp`` (15%) per 10 pp of the
   student's habitual retrieval share above 40%. Question-bank sessions and the calibration
   quizzes are binomial draws from this accuracy.
5. **Rereading -> confidence, not accuracy (illusion of knowing).** Stated confidence =
   ``confidence_tracking`` (half) of the student's real accuracy + the rest of the cohort's
   mean + the student's bias + ``rereading_confidence_per_10pp`` (3) points per 10 pp of
   rereading share (last 8 weeks) above 50% + noise (SD 5). Rereading thus raises confidence
   while, through the lost retrieval practice, lowering accuracy.
6. **Practice exams -> board projection.** A comprehensive practice exam scores the mean
   accuracy over all topics (untaught ones at the prior) + ``qbank_points_per_100_items``
   (1.0) per 100 question-bank items a week over the previous 8 weeks, with the same stress
   and sleep penalties and noise (SD 2.5). The pass probability is a logistic curve around
   ``board_pass_mark`` (58) with spread ``projection_sd`` (4).
7. **Coaching -> goals -> behaviour.** After the intake and each block exam a meeting agrees
   one ILP goal chosen from the student's data (sleep or stress, a large confidence gap, a
   low retrieval share, a weak topic, too few questions, else a stretch goal). While it runs,
   a retrieval goal adds ``goal_retrieval_uptake`` (8 pp) of retrieval share, a sleep goal
   ``goal_sleep_uptake`` (0.4 h), a volume goal ``goal_qbank_uptake`` (30%) more
   question-bank time, a calibration goal takes ``goal_calibration_uptake`` (5) points off
   overconfidence, and a topic goal steers 30% of sessions to that topic. Its outcome is
   then measured in the generated data (see ``coachkit.cohort.coaching``).

Randomness comes from one numpy ``Generator`` per named stream, each seeded from
``(stream, seed)``, so a table's draws do not shift when another table changes, and the same
configuration always gives the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from coachkit.cohort import coaching, names
from coachkit.cohort.cohort import Cohort
from coachkit.cohort.config import CohortConfig
from coachkit.errors import InputError

_STREAMS = (
    "assign", "traits", "names", "stress", "events", "sleep", "share", "hours", "attendance",
    "exam", "survey", "goals", "qbank", "practice",
)

LIFE_EVENTS: tuple[str, ...] = (
    "a family member's serious illness",
    "the death of a grandparent",
    "a relationship ending",
    "moving house at short notice",
    "a financial crisis at home",
    "own illness (a long infection)",
    "caring for a younger sibling",
    "a parent losing their job",
)

DISCIPLINES: tuple[str, ...] = (
    "anatomy", "physiology", "biochemistry", "pathology", "pharmacology", "microbiology",
    "behavioral science",
)
#: disciplines weighted 7 : 11 : 5 : 11 : 8 : 5 : 3 (a uniform draw from this table)
_DISCIPLINE_DRAW = np.repeat(np.arange(7), [7, 11, 5, 11, 8, 5, 3])
_DISCIPLINE_OFFSET = np.array([2.0, 0.0, -3.0, 0.0, -4.0, -2.0, 4.0]) / 100
#: items in a question-bank session (equally likely; two in five sessions are full 40-item blocks)
_SESSION_ITEMS = np.array([20, 25, 30, 40, 40])
_YEAR2_QBANK = 1.5  # question banks take a larger part of retrieval time in year 2
_MEAN_SESSION_ITEMS = float(_SESSION_ITEMS.mean())


def _rng(seed: int, stream: str) -> np.random.Generator:
    return np.random.default_rng([_STREAMS.index(stream), seed])


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _logit(p: np.ndarray) -> np.ndarray:
    return np.log(p / (1.0 - p))


def _ar1(rng: np.random.Generator, n: int, w: int, *, rho: float, sd: float) -> np.ndarray:
    """Week-to-week correlated noise with stationary standard deviation ``sd``."""
    shocks = rng.normal(0.0, sd * np.sqrt(1 - rho**2), (n, w))
    out = np.empty((n, w))
    out[:, 0] = rng.normal(0.0, sd, n)
    for t in range(1, w):
        out[:, t] = rho * out[:, t - 1] + shocks[:, t]
    return out


def archetype_counts(config: CohortConfig) -> dict[str, int]:
    """Exact number of students per archetype: the mix times N, largest remainders rounded up."""
    shares = config.shares
    quotas = np.array(list(shares.values())) * config.students
    counts = np.floor(quotas).astype(int)
    order = np.argsort(-(quotas - counts), kind="stable")
    counts[order[: config.students - counts.sum()]] += 1
    return dict(zip(shares, counts.tolist(), strict=True))


@dataclass
class _Calendar:
    """Week-indexed views of the configured calendar."""

    weeks: np.ndarray
    block_of: np.ndarray  # block taught each week, -1 in breaks
    starts: np.ndarray
    exams: np.ndarray
    year2: np.ndarray  # bool per week
    year2_ramp: np.ndarray  # 0 before year 2, rising to 1 at the end
    week_dates: np.ndarray  # datetime64[D] Monday of each week

    @classmethod
    def build(cls, config: CohortConfig) -> _Calendar:
        cal = config.calendar
        w = cal.weeks
        weeks = np.arange(w)
        block_of = np.full(w, -1)
        for k, block in enumerate(cal.blocks):
            block_of[block.start_week : block.exam_week + 1] = k
        span = max(w - 1 - cal.year2_start_week, 1)
        return cls(
            weeks=weeks,
            block_of=block_of,
            starts=np.array([b.start_week for b in cal.blocks]),
            exams=np.array([b.exam_week for b in cal.blocks]),
            year2=weeks >= cal.year2_start_week,
            year2_ramp=np.clip((weeks - cal.year2_start_week) / span, 0, 1),
            week_dates=np.datetime64(cal.start_date, "D") + 7 * weeks,
        )


def _expected_accuracy(
    mastery: np.ndarray, prior: np.ndarray, halflife: np.ndarray, starts: np.ndarray,
    exams: np.ndarray, weeks: np.ndarray,
) -> np.ndarray:
    """Expected percent correct, shape (students, topics, len(weeks)).

    Before a topic is taught: the prior. While taught: a straight climb to mastery. After its
    exam: fading back towards the prior with the student's half-life.
    """
    t = weeks[None, None, :].astype(np.float32)
    start = starts[None, :, None].astype(np.float32)
    exam = exams[None, :, None].astype(np.float32)
    m = mastery[:, :, None].astype(np.float32)
    p = prior[:, :, None].astype(np.float32)
    climb = np.clip((t - start + 1) / (exam - start + 1), 0, 1)
    fade = np.exp2(-np.maximum(t - exam, 0) / halflife[:, None, None].astype(np.float32))
    return p + (m - p) * np.where(t <= exam, climb, fade)


def _percentile(values: np.ndarray) -> np.ndarray:
    """Cohort percentile of each value per column (mid-rank, ties averaged), 0-100."""
    ranks = pd.DataFrame(values).rank(axis=0, method="average").to_numpy()
    return np.rint(100 * (ranks - 0.5) / values.shape[0]).astype(np.int64)


def generate(config: CohortConfig | None = None) -> Cohort:
    """Generate a synthetic cohort from ``config`` (default: 60 students, seed 2024).

    Why a single function: every table is drawn from the same latent students, so the
    tables agree with each other (qbank hours in the study log are the sessions' time, goal
    outcomes are measured in the logs) and every documented effect is visible in the data.
    """
    if config is None:
        config = CohortConfig()
    if not isinstance(config, CohortConfig):
        raise InputError(f"generate() needs a CohortConfig, got {type(config).__name__}")
    eff = config.effects
    calcfg = config.calendar
    seed = config.seed
    n, w, nb = config.students, calcfg.weeks, len(calcfg.blocks)
    cal = _Calendar.build(config)

    # 1. archetypes and personal traits ------------------------------------------------
    counts = archetype_counts(config)
    arch_names = list(counts)
    arch = np.repeat(np.arange(len(arch_names)), list(counts.values()))
    _rng(seed, "assign").shuffle(arch)
    specs = [config.archetypes[a] for a in arch_names]

    def param(field: str) -> np.ndarray:
        return np.array([getattr(s, field) for s in specs], dtype=float)[arch]

    rt = _rng(seed, "traits")
    ability = param("ability_mean") + rt.normal(0, 0.8, n)
    confidence_bias = param("confidence_bias") + rt.normal(0, 3.0, n)
    study_hours = param("study_hours") * np.exp(rt.normal(0, 0.18, n))
    share_offset = rt.normal(0, 0.35, n)
    logit_start = _logit(param("retrieval_share_start")) + share_offset
    logit_end = _logit(param("retrieval_share_end")) + share_offset
    change = np.array([np.nan if s.change_week is None else s.change_week for s in specs],
                      dtype=float)[arch]
    change = change + rt.integers(0, 4, n)
    change[change >= w] = np.nan  # a change planned past the timeline never shows
    habit = _sigmoid((logit_start + logit_end) / 2)
    halflife = eff.halflife_weeks * (
        1 + eff.halflife_gain_per_10pp * 10 * (habit - eff.retrieval_reference)
    )
    halflife = np.maximum(halflife, 4.0)
    aptitude = rt.normal(0, eff.topic_aptitude_sd, (n, nb))
    spi = param("seconds_per_item") * np.exp(rt.normal(0, 0.12, n))
    qbank_fraction = np.clip(param("qbank_fraction") * np.exp(rt.normal(0, 0.25, n)), 0, 0.9)
    attendance_base = np.clip(param("attendance") + rt.normal(0, 0.04, n), 0.05, 1)
    admission = ability + rt.normal(0, 0.6, n)
    ids = _student_ids(rt, n)
    display, pronouns = names.draw_names(_rng(seed, "names"), n)

    # 2. stress, life events, sleep -----------------------------------------------------
    teaching = cal.block_of >= 0
    is_exam = np.isin(cal.weeks, cal.exams)
    pre_exam = np.isin(cal.weeks, cal.exams - 1)
    rs = _rng(seed, "stress")
    stress = (
        (param("stress_base") + rs.normal(0, 0.9, n))[:, None]
        + param("stress_rise")[:, None] * cal.year2_ramp[None, :]
        + 1.5 * is_exam + 0.8 * pre_exam - 1.0 * ~teaching
        + _ar1(rs, n, w, rho=0.7, sd=0.6)
    )
    re_ = _rng(seed, "events")
    has_event = re_.random(n) < param("life_event_probability")
    window = np.array([s.life_event_weeks for s in specs], dtype=float)[arch]
    event_week = np.floor(window[:, 0] + re_.random(n) * (window[:, 1] - window[:, 0] + 1))
    has_event &= event_week < w  # a window past the timeline means no event in the data
    event_week = np.minimum(event_week, w - 1).astype(int)
    event_kind = re_.integers(0, len(LIFE_EVENTS), n)
    severity = re_.uniform(2.5, 4.0, n)
    since = cal.weeks[None, :] - event_week[:, None]
    stress += np.where(has_event[:, None] & (since >= 0),
                       severity[:, None] * np.exp(-np.maximum(since, 0) / 8.0), 0.0)
    stress = np.clip(stress, 1, 10)
    over6 = np.maximum(stress - 6, 0)
    rsl = _rng(seed, "sleep")
    sleep = (7.3 + rsl.normal(0, 0.45, n))[:, None] - eff.sleep_per_stress * np.maximum(
        stress - 4, 0
    ) + rsl.normal(0, 0.35, (n, w))
    sleep = np.clip(sleep, 3.5, 9.5)

    # 3. study mix, hours, attendance ---------------------------------------------------
    t = cal.weeks[None, :].astype(float)
    ramp = np.where(np.isnan(change)[:, None], t / max(w - 1, 1),
                    _sigmoid((t - np.nan_to_num(change)[:, None]) / 0.8))
    share_logit = logit_start[:, None] + (logit_end - logit_start)[:, None] * ramp
    share_logit += _ar1(_rng(seed, "share"), n, w, rho=0.6, sd=0.25)
    share = np.clip(_sigmoid(share_logit) - eff.stress_retrieval_pull * over6, 0.03, 0.95)
    rh = _rng(seed, "hours")
    week_factor = np.where(is_exam, 1.25, np.where(pre_exam, 1.15, np.where(teaching, 1.0, 0.15)))
    hours = (study_hours[:, None] * week_factor[None, :]
             * np.clip(1 - eff.stress_hours_pull * over6, 0.3, 1)
             * np.exp(rh.normal(0, 0.12, (n, w))))
    hours = np.maximum(hours, 0.5)
    ra = _rng(seed, "attendance")
    p_attend = np.clip(attendance_base[:, None]
                       - param("attendance_year2_drop")[:, None] * cal.year2_ramp[None, :]
                       - 0.03 * over6, 0.02, 1.0)
    attended = ra.binomial(10, p_attend) / 10.0
    qbank_boost = np.ones((n, w))
    goal_topic = np.full((n, w), -1, dtype=np.int64)
    calibrating = np.zeros((n, w), dtype=bool)

    # 4. blocks in order: exam, calibration survey, coaching meeting, goal effects -----------
    rx = _rng(seed, "exam")
    rv = _rng(seed, "survey")
    rg = _rng(seed, "goals")
    growth = param("growth_per_block")
    year2_shift = param("year2_shift")
    prior = (eff.prior_accuracy + 0.4 * eff.ability_points * ability)[:, None] + 0.3 * aptitude
    mastery = np.zeros((n, nb))
    scores = np.zeros((n, nb))
    surveys: list[dict[str, np.ndarray]] = []
    plans: list[coaching.Plan] = []

    def agree_goals(meeting_week: int, due_week: int, survey: dict | None,
                    score: np.ndarray | None) -> None:
        """Choose each student's next goal from data up to ``meeting_week``; apply its effect."""
        recent = slice(max(meeting_week - 3, 0), meeting_week + 1)
        state = coaching.State(
            stress=stress[:, recent].mean(1),
            sleep=sleep[:, recent].mean(1),
            share=share[:, max(meeting_week - 5, 0) : meeting_week + 1].mean(1),
            qbank_items=(hours[:, recent] * share[:, recent] * qbank_boost[:, recent]
                         * np.where(cal.year2[recent], _YEAR2_QBANK, 1.0)).mean(1)
            * qbank_fraction * 3600 / spi,
            year2=bool(cal.year2[min(due_week, w - 1)]),
            score=score,
            accuracy=None if survey is None else survey["accuracy"],
            gap=None if survey is None else survey["gap"],
        )
        plan = coaching.choose(state, rng=rg, meeting_week=meeting_week, due_week=due_week)
        plans.append(plan)
        span = slice(meeting_week + 1, due_week + 1)
        kinds = plan.kind
        share[:, span] = np.clip(
            share[:, span] + eff.goal_retrieval_uptake * (kinds == "retrieval")[:, None],
            0.03, 0.95)
        sleep[:, span] = np.clip(
            sleep[:, span] + eff.goal_sleep_uptake * (kinds == "sleep")[:, None], 3.5, 9.5)
        qbank_boost[:, span] = 1 + eff.goal_qbank_uptake * (kinds == "qbank")[:, None]
        goal_topic[:, span] = np.where((kinds == "topic")[:, None], plan.topic[:, None], -1)
        calibrating[:, span] = (kinds == "calibration")[:, None]

    intake_week = min(2, int(cal.exams[0]) - 1)
    agree_goals(intake_week, int(cal.exams[0]), None, None)
    for k, block in enumerate(calcfg.blocks):
        s, e = block.start_week, block.exam_week
        mastery[:, k] = (
            eff.exam_mean + eff.ability_points * ability + aptitude[:, k] + block.difficulty
            + growth * k + year2_shift * cal.year2[s]
            + eff.retrieval_points_per_10pp * 10 * (share[:, s:e].mean(1) - eff.retrieval_reference)
            + eff.attendance_points_per_10pp * 10 * (attended[:, s:e].mean(1) - 0.85)
        )
        pre = slice(max(e - 2, 0), e + 1)
        scores[:, k] = np.clip(
            mastery[:, k]
            - eff.stress_points * (stress[:, pre].mean(1) - 4)
            - eff.sleep_points * np.maximum(0, 7 - sleep[:, pre].mean(1))
            + rx.normal(0, eff.exam_noise_sd, n), 0, 100).round(1)
        acc_now = _expected_accuracy(mastery[:, : k + 1], prior[:, : k + 1], halflife,
                                     cal.starts[: k + 1], cal.exams[: k + 1],
                                     np.array([e]))[:, :, 0]
        rereading = 1 - share[:, max(e - 8, 0) : e].mean(1)
        confidence = (eff.confidence_tracking * acc_now
                      + (1 - eff.confidence_tracking) * acc_now.mean(0)[None, :]
                      + confidence_bias[:, None]
                      + eff.rereading_confidence_per_10pp * 10 * (rereading[:, None] - 0.5)
                      - eff.goal_calibration_uptake * calibrating[:, e][:, None]
                      + rv.normal(0, eff.confidence_noise_sd, acc_now.shape))
        confidence = np.clip(np.rint(confidence), 5, 99)
        items = calcfg.quiz_items
        accuracy = (100 * rv.binomial(items, np.clip(acc_now / 100, 0.01, 0.99)) / items).round(1)
        survey = {"week": e, "confidence": confidence, "accuracy": accuracy,
                  "gap": confidence - accuracy}
        surveys.append(survey)
        # the last debrief agrees a goal for the board-study weeks beyond the data
        due = int(cal.exams[k + 1]) if k + 1 < nb else e + 6
        agree_goals(e, due, survey, scores[:, k])

    # 5. fine-grained observations ------------------------------------------------------
    expected = _expected_accuracy(mastery, prior, halflife, cal.starts, cal.exams, cal.weeks)
    qbank_hours = hours * share * np.clip(
        qbank_fraction[:, None] * np.where(cal.year2, _YEAR2_QBANK, 1.0)[None, :] * qbank_boost,
        0, 0.9)
    sessions, totals = _qbank_sessions(_rng(seed, "qbank"), qbank_hours, spi, expected,
                                       goal_topic, cal)
    del expected
    qb_items = totals["items"]
    hours_qbank = (totals["seconds"] / 3600).round(2)
    hours_retrieval = np.maximum(hours * share - qbank_hours, 0).round(2)
    hours_rereading = (hours * (1 - share)).round(2)
    hours_total = (hours_rereading + hours_retrieval + hours_qbank).round(2)
    observed_share = ((hours_retrieval + hours_qbank) / hours_total).round(3)

    practice = _practice_exams(_rng(seed, "practice"), config, cal, mastery, prior, halflife,
                               qb_items, stress, sleep)

    tables = _tables(
        config, cal, ids=ids, display=display, pronouns=pronouns, arch_names=arch_names,
        arch=arch, admission=admission, ability=ability, confidence_bias=confidence_bias,
        study_hours=study_hours, habit=habit, change=change, halflife=halflife,
        has_event=has_event, event_week=event_week, event_kind=event_kind, scores=scores,
        sessions=sessions, hours=(hours_rereading, hours_retrieval, hours_qbank, hours_total),
        observed_share=observed_share, qb_items=qb_items, attended=attended,
        surveys=surveys, stress=stress, sleep=sleep, practice=practice,
    )
    del sessions
    wb = tables["wellbeing"]
    pulses = np.arange(0, w, calcfg.wellbeing_every_weeks)
    observed = coaching.Observed(
        ids=ids,
        first_names=np.array([d.split()[0] for d in display], dtype=object),
        weeks=w,
        start=np.datetime64(calcfg.start_date, "D"),
        topic_labels=tuple(b.label for b in calcfg.blocks),
        share=observed_share,
        hours=hours_total,
        qbank_items=qb_items,
        topic_items=totals["topic_items"],
        topic_correct=totals["topic_correct"],
        pulse_weeks=pulses,
        stress=wb["stress"].to_numpy().reshape(n, pulses.size),
        sleep=wb["sleep_hours"].to_numpy().reshape(n, pulses.size),
        exam_weeks=cal.exams,
        scores=scores,
        percentiles=_percentile(scores),
        pass_mark=eff.block_pass_mark,
        year2_start_week=calcfg.year2_start_week,
        survey_gap=[sv["gap"] for sv in surveys],
        survey_accuracy=[sv["accuracy"] for sv in surveys],
    )
    goals, meetings = coaching.record(plans, observed)
    tables["goals"] = _frame(goals, "goals")
    tables["meetings"] = _frame(meetings, "meetings")
    return Cohort(config, tables)


def _student_ids(rng: np.random.Generator, n: int) -> np.ndarray:
    """Random, unique, fixed-width ids such as ``S40217`` (they carry no order)."""
    width = max(5, len(str(n * 10)))
    low = 10 ** (width - 1)
    numbers = np.sort(rng.choice(9 * low, size=n, replace=False)) + low
    return np.array([f"S{x}" for x in numbers.tolist()], dtype=object)


def _qbank_sessions(rng: np.random.Generator, qbank_hours: np.ndarray, spi: np.ndarray,
                    expected: np.ndarray, goal_topic: np.ndarray, cal: _Calendar
                    ) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Draw question-bank sessions from each student-week's planned question-bank time.

    Returns the per-session columns (compact integer types: this is the largest table) and
    per student-week totals: items, seconds, and cumulative items/correct per topic.
    """
    n, w = qbank_hours.shape
    nb = expected.shape[1]
    count = rng.poisson(qbank_hours * 3600 / spi[:, None] / _MEAN_SESSION_ITEMS).astype(np.int32)
    per_student = count.sum(1)
    count = count.ravel()
    m = int(per_student.sum())
    student = np.repeat(np.arange(n, dtype=np.int32), per_student)
    week = np.repeat(np.tile(np.arange(w, dtype=np.int32), n), count)
    # the j-th of c sessions in a week falls on day floor(7 (j + u) / c): spread out, in order
    rank = np.arange(m, dtype=np.int32) - np.repeat(np.cumsum(count) - count, count)
    day = (7 * (rank + rng.random(m, dtype=np.float32)) / np.repeat(count, count)).astype(np.int8)
    del rank
    items = _SESSION_ITEMS.astype(np.int16)[rng.integers(0, _SESSION_ITEMS.size, m)]
    taught = np.maximum(np.searchsorted(cal.starts, cal.weeks, side="right"), 1).astype(np.int8)
    current = cal.block_of.astype(np.int8)[week]
    stay = rng.random(m, dtype=np.float32) < np.where(cal.year2, 0.5, 0.7).astype(np.float32)[week]
    spread = (rng.random(m, dtype=np.float32) * taught[week]).astype(np.int8)
    topic = np.where((current >= 0) & stay, current, np.minimum(spread, nb - 1)).astype(np.int8)
    del current, stay, spread
    steer = goal_topic[student, week]
    topic = np.where((steer >= 0) & (rng.random(m, dtype=np.float32) < 0.3), steer,
                     topic).astype(np.int8)
    del steer
    discipline = _DISCIPLINE_DRAW.astype(np.int8)[rng.integers(0, _DISCIPLINE_DRAW.size, m)]
    p = (expected[student, topic, week] / 100 + _DISCIPLINE_OFFSET[discipline]
         + rng.normal(0, 0.05, m))
    correct = rng.binomial(items, np.clip(p, 0.05, 0.98)).astype(np.int16)
    del p
    seconds = (spi[student] * np.exp(rng.normal(0, 0.15, m))).round(1)
    first = np.searchsorted(student, np.arange(n))
    flat = student.astype(np.int64) * w + week
    cell = (flat + student + 1) * nb + topic  # (student, week + 1, topic) of (n, w + 1, nb)
    size = n * (w + 1) * nb
    totals = {
        "items": np.bincount(flat, weights=items, minlength=n * w).reshape(n, w),
        "seconds": np.bincount(flat, weights=items * seconds, minlength=n * w).reshape(n, w),
        "topic_items": np.bincount(cell, weights=items, minlength=size).astype(np.int32)
        .reshape(n, w + 1, nb).cumsum(1, dtype=np.int32),
        "topic_correct": np.bincount(cell, weights=correct, minlength=size).astype(np.int32)
        .reshape(n, w + 1, nb).cumsum(1, dtype=np.int32),
    }
    del flat, cell
    columns = {
        "student": student, "week": week, "day": day, "topic": topic,
        "discipline": discipline, "items": items, "correct": correct,
        "seconds_per_item": seconds, "session": np.arange(m, dtype=np.int32) - first[student] + 1,
    }
    return columns, totals


def _practice_exams(rng: np.random.Generator, config: CohortConfig, cal: _Calendar,
                    mastery: np.ndarray, prior: np.ndarray, halflife: np.ndarray,
                    qb_items: np.ndarray, stress: np.ndarray, sleep: np.ndarray
                    ) -> dict[str, np.ndarray]:
    eff = config.effects
    weeks = np.array(config.calendar.practice_exam_weeks, dtype=np.int64)
    n = mastery.shape[0]
    if weeks.size == 0:
        empty = np.zeros((n, 0))
        return {"weeks": weeks, "score": empty, "percentile": empty.astype(np.int64),
                "probability": empty}
    acc = _expected_accuracy(mastery, prior, halflife, cal.starts, cal.exams, weeks).mean(1)
    volume = np.stack([qb_items[:, max(wk - 8, 0) : wk].mean(1) if wk > 0
                       else np.zeros(n) for wk in weeks], axis=1)
    pre_stress = np.stack([stress[:, max(wk - 2, 0) : wk + 1].mean(1) for wk in weeks], axis=1)
    pre_sleep = np.stack([sleep[:, max(wk - 2, 0) : wk + 1].mean(1) for wk in weeks], axis=1)
    score = np.clip(acc + eff.qbank_points_per_100_items * volume / 100
                    - eff.stress_points * (pre_stress - 4)
                    - eff.sleep_points * np.maximum(0, 7 - pre_sleep)
                    + rng.normal(0, eff.practice_noise_sd, acc.shape), 0, 100).round(1)
    z = (score - eff.board_pass_mark) / eff.projection_sd
    probability = (1 / (1 + np.exp(-1.702 * z))).round(3)
    return {"weeks": weeks, "score": score, "percentile": _percentile(score),
            "probability": probability}


#: words for a projected board outcome, by pass probability: >= 0.8, >= 0.5, below
OUTCOMES: tuple[str, ...] = ("likely pass", "borderline", "at risk")


def _outcome_code(probability: np.ndarray) -> np.ndarray:
    return np.where(probability >= 0.8, 0, np.where(probability >= 0.5, 1, 2))


def _labels(vocabulary: object, codes: np.ndarray) -> object:
    """A text column from a small vocabulary and integer codes, without a Python object per row.

    With pyarrow (pandas' string storage) the column is decoded from a dictionary array in
    C++; without it, numpy's object take is used.
    """
    words = [str(v) for v in vocabulary]  # type: ignore[attr-defined]
    try:
        import pyarrow as pa
    except ImportError:
        return pd.array(np.array(words, dtype=object)[codes], dtype="str")
    encoded = pa.DictionaryArray.from_arrays(pa.array(np.asarray(codes, dtype=np.int32)),
                                             pa.array(words, pa.string()))
    return pd.array(encoded.cast(pa.string()), dtype="str")


def _category(vocabulary: object, codes: np.ndarray) -> pd.Categorical:
    """A categorical column whose categories are the used words, sorted (as a CSV read gives)."""
    words = np.array([str(v) for v in vocabulary], dtype=object)  # type: ignore[attr-defined]
    used = np.flatnonzero(np.bincount(np.asarray(codes, dtype=np.int64), minlength=words.size))
    order = used[np.argsort(words[used], kind="stable")]
    rank = np.full(words.size, -1, dtype=np.int64)
    rank[order] = np.arange(order.size)
    return pd.Categorical.from_codes(rank[codes], categories=list(words[order]))


def _frame(columns: dict[str, object], table_name: str) -> pd.DataFrame:
    """A table in the data dictionary's column order and types, without extra copies.

    Columns are converted one by one and handed to pandas as they are (``copy=False``), so
    the largest table is never held twice.
    """
    from coachkit.cohort.schema import DTYPES, table

    typed: dict[str, object] = {}
    for col in table(table_name).columns:
        value = columns[col.name]
        dtype = DTYPES[col.kind]
        if col.kind == "category":
            typed[col.name] = value if isinstance(value, pd.Categorical) else pd.Categorical(
                np.asarray(value, dtype=object))
        elif col.kind in ("str", "Int"):
            typed[col.name] = value if getattr(value, "dtype", None) == dtype else pd.array(
                value, dtype=dtype)
        else:
            typed[col.name] = np.asarray(value).astype(dtype, copy=False)
    return pd.DataFrame(typed, copy=False)


def _tables(config: CohortConfig, cal: _Calendar, **a: object) -> dict[str, pd.DataFrame]:
    eff = config.effects
    calcfg = config.calendar
    ids: np.ndarray = a["ids"]  # type: ignore[assignment]
    n, w = len(ids), calcfg.weeks
    topics = np.array(calcfg.topics, dtype=object)
    labels = np.array([b.label for b in calcfg.blocks], dtype=object)
    nb = len(topics)
    start = np.datetime64(calcfg.start_date, "D")
    tables: dict[str, pd.DataFrame] = {}

    arch_names = np.array(a["arch_names"], dtype=object)
    tables["students"] = _frame({
        "student_id": ids,
        "display_name": a["display"],
        "pronouns": a["pronouns"],
        "archetype": arch_names[a["arch"]],
        "admission_percentile": np.clip(_percentile(a["admission"][:, None])[:, 0], 1, 99),
        "start_date": np.full(n, start),
    }, "students")

    has_event: np.ndarray = a["has_event"]  # type: ignore[assignment]
    change: np.ndarray = a["change"]  # type: ignore[assignment]
    tables["latent"] = _frame({
        "student_id": ids,
        "ability": a["ability"].round(3),
        "confidence_bias": a["confidence_bias"].round(2),
        "study_hours": a["study_hours"].round(2),
        "retrieval_share_habit": a["habit"].round(3),
        "change_week": pd.array([None if np.isnan(c) else int(c) for c in change],
                                dtype="Int64"),
        "halflife_weeks": a["halflife"].round(1),
        "life_event_week": pd.array([int(wk) if e else None
                                     for wk, e in zip(a["event_week"], has_event, strict=True)],
                                    dtype="Int64"),
    }, "latent")

    scores: np.ndarray = a["scores"]  # type: ignore[assignment]
    exam_weeks = np.tile(cal.exams, n)
    tables["exams"] = _frame({
        "student_id": _labels(ids, np.repeat(np.arange(n), nb)),
        "block": np.tile(np.arange(1, nb + 1), n),
        "topic": _category(topics, np.tile(np.arange(nb), n)),
        "block_label": _category(labels, np.tile(np.arange(nb), n)),
        "week": exam_weeks,
        "date": start + 7 * exam_weeks + 4,
        "score": scores.ravel(),
        "cohort_percentile": _percentile(scores).ravel(),
        "passed": scores.ravel() >= eff.block_pass_mark,
    }, "exams")

    s = a["sessions"]
    tables["qbank_sessions"] = _frame({
        "student_id": _labels(ids, s["student"]),
        "session": s["session"],
        "week": s["week"],
        "date": start + 7 * s["week"] + s["day"],
        "topic": _category(topics, s["topic"]),
        "discipline": _category(DISCIPLINES, s["discipline"]),
        "items": s["items"],
        "correct": s["correct"],
        "pct_correct": (100 * s["correct"] / s["items"]).round(1),
        "seconds_per_item": s["seconds_per_item"],
    }, "qbank_sessions")

    pr = a["practice"]
    k = pr["weeks"].size
    pweeks = np.tile(pr["weeks"], n)
    tables["practice_exams"] = _frame({
        "student_id": _labels(ids, np.repeat(np.arange(n), k)),
        "attempt": np.tile(np.arange(1, k + 1), n),
        "week": pweeks,
        "date": start + 7 * pweeks + 5,
        "score": pr["score"].ravel(),
        "cohort_percentile": pr["percentile"].ravel(),
        "pass_probability": pr["probability"].ravel(),
        "projected_outcome": _category(OUTCOMES, _outcome_code(pr["probability"].ravel())),
    }, "practice_exams")

    reread, retrieval, qbank, total = a["hours"]
    attended: np.ndarray = a["attended"]  # type: ignore[assignment]
    teaching = cal.block_of >= 0
    tables["study_log"] = _frame({
        "student_id": _labels(ids, np.repeat(np.arange(n), w)),
        "week": np.tile(cal.weeks, n),
        "week_start": np.tile(cal.week_dates, n),
        "phase": _category([*topics, "break"], np.tile(np.where(teaching, cal.block_of, nb), n)),
        "hours_rereading": reread.ravel(),
        "hours_retrieval": retrieval.ravel(),
        "hours_qbank": qbank.ravel(),
        "hours_total": total.ravel(),
        "retrieval_share": a["observed_share"].ravel(),
        "qbank_items": a["qb_items"].astype(np.int64).ravel(),
        "attendance_pct": np.where(teaching[None, :], 100 * attended, np.nan).round(0).ravel(),
    }, "study_log")

    parts = []
    for number, survey in enumerate(a["surveys"], start=1):
        kk = survey["confidence"].shape[1]
        wk = survey["week"]
        parts.append({
            "student_id": np.repeat(np.arange(n), kk),
            "survey": np.full(n * kk, number),
            "week": np.full(n * kk, wk),
            "date": np.full(n * kk, start + 7 * wk + 3),
            "topic": np.tile(np.arange(kk), n),
            "confidence": survey["confidence"].astype(np.int64).ravel(),
            "accuracy": survey["accuracy"].ravel(),
            "items": np.full(n * kk, calcfg.quiz_items),
            "gap": survey["gap"].round(1).ravel(),
        })
    merged = {c: np.concatenate([p[c] for p in parts]) for c in parts[0]}
    order = np.lexsort((merged["survey"], merged["student_id"]))
    merged = {c: v[order] for c, v in merged.items()}
    merged["student_id"] = _labels(ids, merged["student_id"])
    merged["topic"] = _category(topics, merged["topic"])
    tables["calibration"] = _frame(merged, "calibration")

    stress: np.ndarray = a["stress"]  # type: ignore[assignment]
    sleep: np.ndarray = a["sleep"]  # type: ignore[assignment]
    every = calcfg.wellbeing_every_weeks
    pulses = np.arange(0, w, every)
    reported = np.searchsorted(pulses, a["event_week"])  # first pulse at/after the event
    event_col = np.full((n, pulses.size), None, dtype=object)
    rows = np.flatnonzero(has_event & (reported < pulses.size))
    event_col[rows, reported[rows]] = np.array(LIFE_EVENTS, dtype=object)[a["event_kind"][rows]]
    sleep_mean = np.stack(
        [sleep[:, max(p - every + 1, 0) : p + 1].mean(1) for p in pulses], axis=1)
    tables["wellbeing"] = _frame({
        "student_id": _labels(ids, np.repeat(np.arange(n), pulses.size)),
        "week": np.tile(pulses, n),
        "date": np.tile(cal.week_dates[pulses] + 2, n),
        "stress": np.clip(np.rint(stress[:, pulses]), 1, 10).astype(np.int64).ravel(),
        "sleep_hours": sleep_mean.round(1).ravel(),
        "life_event": event_col.ravel(),
    }, "wellbeing")
    return tables
