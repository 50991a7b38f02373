"""Learner archetypes: the latent patterns synthetic students follow.

A coach never sees a student's archetype; it is the hidden story that the data tells and
that a trainee is meant to discover (an instructor and a scenario can ask for one). Each
archetype is a set of parameters of the generative model (`coachkit.cohort.generator`):
where the student starts, how their study mix moves over the two years, how sure of
themselves they are, and how much strain they are under. Everything else (scores,
calibration, goals) follows from these through the model's documented effects, so an
archetype is recognisable in the data without being written into it.
"""

from __future__ import annotations

from types import MappingProxyType

from pydantic import Field, model_validator

from coachkit.cohort._validated import Validated


class ArchetypeSpec(Validated):
    """Parameters of one learner archetype (all in plain units; see the data dictionary)."""

    label: str = Field(min_length=1, description="plain-language name for people")
    description: str = Field(min_length=1, description="what the pattern looks like in the data")
    ability_mean: float = Field(
        ge=-3, le=3, description="mean incoming ability, in standard deviations of the cohort"
    )
    study_hours: float = Field(
        ge=2, le=70, description="mean self-study hours a teaching week (outside class)"
    )
    retrieval_share_start: float = Field(
        ge=0.02, le=0.95, description="share of study time on retrieval practice at the start"
    )
    retrieval_share_end: float = Field(
        ge=0.02, le=0.95, description="share of study time on retrieval practice at the end"
    )
    change_week: int | None = Field(
        None,
        ge=0,
        description="week of a deliberate strategy change (a step from start to end share; "
        "past the end of the timeline: no change); None means a gradual drift",
    )
    qbank_fraction: float = Field(
        ge=0, le=1, description="part of retrieval time spent in question banks in year 1"
    )
    confidence_bias: float = Field(
        ge=-40, le=40, description="points a student's confidence sits above their accuracy"
    )
    stress_base: float = Field(ge=1, le=10, description="usual stress on a 1-10 scale")
    stress_rise: float = Field(
        ge=-5, le=8, description="stress points added gradually over year 2"
    )
    life_event_probability: float = Field(
        ge=0, le=1, description="chance of a disruptive life event in the two years"
    )
    life_event_weeks: tuple[int, int] = Field(
        (8, 88), description="first and last week a life event can start (weeks past the "
        "end of the timeline: no event)"
    )
    attendance: float = Field(ge=0.2, le=1, description="share of required sessions attended")
    attendance_year2_drop: float = Field(
        0.0, ge=0, le=0.8, description="attendance lost by the end of year 2"
    )
    growth_per_block: float = Field(
        ge=-5, le=5, description="exam points gained per block from growing expertise"
    )
    year2_shift: float = Field(
        ge=-20, le=20, description="exam points added to every year-2 block (content load)"
    )
    seconds_per_item: float = Field(
        ge=20, le=300, description="mean time per question-bank item, in seconds"
    )

    @model_validator(mode="after")
    def _event_window(self) -> ArchetypeSpec:
        first, last = self.life_event_weeks
        if not 0 <= first <= last:
            raise ValueError(
                f"life_event_weeks must be two weeks (first <= last, >= 0), got {first}, {last}"
            )
        return self


def _spec(**fields: object) -> ArchetypeSpec:
    return ArchetypeSpec.model_validate(fields)


#: The built-in archetypes, by id. Ids are what scenarios and ``Cohort.find`` use.
ARCHETYPES = MappingProxyType(
    {
        "steady": _spec(
            label="steady worker",
            description=(
                "Works consistently with a balanced mix of rereading and self-testing. Scores "
                "sit near the middle of the cohort and rise slowly; confidence roughly "
                "matches accuracy."
            ),
            ability_mean=0.0, study_hours=26, retrieval_share_start=0.45,
            retrieval_share_end=0.50, qbank_fraction=0.26, confidence_bias=3,
            stress_base=4.0, stress_rise=0.5, life_event_probability=0.2, attendance=0.9,
            growth_per_block=0.8, year2_shift=0, seconds_per_item=85,
        ),
        "improving": _spec(
            label="improving after a strategy change",
            description=(
                "Starts below the middle while relying on rereading. Around week 33, after a "
                "coaching conversation, switches to retrieval practice and spaced repetition; "
                "scores climb over the following blocks."
            ),
            ability_mean=-0.4, study_hours=27, retrieval_share_start=0.2,
            retrieval_share_end=0.6, change_week=33, qbank_fraction=0.22, confidence_bias=5,
            stress_base=4.5, stress_rise=0.0, life_event_probability=0.2, attendance=0.88,
            growth_per_block=0.8, year2_shift=0, seconds_per_item=88,
        ),
        "declining_under_stress": _spec(
            label="declining under stress",
            description=(
                "Does well in year 1. A life event early in year 2 and rising stress cut sleep, "
                "study time and self-testing, and exam scores slide."
            ),
            ability_mean=0.3, study_hours=27, retrieval_share_start=0.45,
            retrieval_share_end=0.35, change_week=58, qbank_fraction=0.26, confidence_bias=3,
            stress_base=4.0, stress_rise=3.5, life_event_probability=1.0,
            life_event_weeks=(53, 66), attendance=0.9, attendance_year2_drop=0.2,
            growth_per_block=0.8, year2_shift=0, seconds_per_item=85,
        ),
        "overconfident": _spec(
            label="overconfident (illusion of knowing)",
            description=(
                "Rereads a lot and feels sure of the material: rates confidence far above "
                "measured accuracy and is surprised by exam results. Answers questions fast."
            ),
            ability_mean=-0.2, study_hours=28, retrieval_share_start=0.15,
            retrieval_share_end=0.2, qbank_fraction=0.3, confidence_bias=14,
            stress_base=3.5, stress_rise=0.3, life_event_probability=0.15, attendance=0.85,
            growth_per_block=0.5, year2_shift=0, seconds_per_item=66,
        ),
        "high_plateau": _spec(
            label="high performer on a plateau",
            description=(
                "Scores well above the cohort median from the start but stops improving while "
                "the cohort catches up. Works long hours; slightly underconfident."
            ),
            ability_mean=1.3, study_hours=32, retrieval_share_start=0.5,
            retrieval_share_end=0.5, qbank_fraction=0.3, confidence_bias=-4,
            stress_base=4.5, stress_rise=0.5, life_event_probability=0.15, attendance=0.95,
            growth_per_block=0.0, year2_shift=0, seconds_per_item=80,
        ),
        "late_struggler": _spec(
            label="late struggler",
            description=(
                "Keeps up in year 1. In year 2, as the content load grows, falls back on "
                "rereading, misses sessions and slips towards the pass mark."
            ),
            ability_mean=-0.1, study_hours=25, retrieval_share_start=0.42,
            retrieval_share_end=0.2, change_week=52, qbank_fraction=0.2, confidence_bias=6,
            stress_base=4.0, stress_rise=1.0, life_event_probability=0.2, attendance=0.88,
            attendance_year2_drop=0.2, growth_per_block=0.6, year2_shift=-4,
            seconds_per_item=95,
        ),
    }
)

#: The default archetype mix: share of the cohort following each archetype.
DEFAULT_MIX = MappingProxyType(
    {
        "steady": 0.30,
        "improving": 0.15,
        "declining_under_stress": 0.12,
        "overconfident": 0.15,
        "high_plateau": 0.13,
        "late_struggler": 0.15,
    }
)
