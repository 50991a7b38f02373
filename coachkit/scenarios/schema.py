"""The shape of a scenario file (``simulations/*.yaml``), as pydantic models.

A scenario is a small graph. The simulated person says an ``opening`` line; every reply
the trainee writes is analysed, and the current node's ``responses`` are tried in order:
the first whose ``when`` holds gives the simulated person's next line (one of its ``say``
variants) and the node to ``goto``. A node with an ``ending`` closes the conversation;
``end.max_exchanges`` closes it when time runs out. The models forbid unknown fields so a
typo ("respones") is reported, with its line, instead of silently ignored.

``simulations/scenario.schema.json`` is exported from :class:`Scenario` (editors use it for
completion); ``simulations/README.md`` is the annotated guide for educators.
"""

from __future__ import annotations

from string import Formatter
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from coachkit.analyzer.acts import ACTS, MI_CODES
from coachkit.scenarios.persona import PLACEHOLDERS
from coachkit.workdir import safe_id

FORMAT_VERSION = 1

#: The handbook skills a scenario can train: id -> plain title.
SKILLS: dict[str, str] = {
    "supportive-climate": "Creating a supportive, inclusive climate",
    "data-driven-reflection": "Facilitating data-driven reflection",
    "metacognition": "Helping a learner see the illusion of knowing",
    "coaching-for-growth": "Coaching for growth, not only remediation",
    "professional-identity": "Fostering professional identity",
    "smart-goals": "Co-creating SMART goals for the learning plan",
    "longitudinal-coaching": "Following up over time",
    "inquiry-over-advice": "Staying curious when pulled to give advice",
    "limits-of-coaching": "Knowing the limits of coaching and referring",
    "being-a-coachee": "Being a good coachee: preparing and bringing your data",
}

#: Counters the engine keeps, usable in ``when: {at_least: ..., at_most: ...}``.
COUNTERS: dict[str, str] = {
    "exchanges": "replies the trainee has sent so far (including this one)",
    "directive": "replies that told, advised or pushed",
    "directive_streak": "directive replies in a row, ending with this one",
    "inquiry": "replies that invited the other person's thinking (not directive, index > 0)",
    "inquiry_streak": "inquiry-based replies in a row, ending with this one",
    "reflections": "replies that reflected what the other person said",
    "data_refs": "replies that referred to the student's data",
}

Role = Literal["coach", "student"]
Act = Literal[ACTS]  # type: ignore[valid-type]
MiCode = Literal[MI_CODES]  # type: ignore[valid-type]
Counter = Literal[tuple(COUNTERS)]  # type: ignore[valid-type]
Outcome = Literal["success", "partial", "stuck"]


def _check_placeholders(text: str) -> str:
    try:
        fields = [name for _, name, spec, conv in Formatter().parse(text) if name is not None]
    except ValueError as exc:
        raise ValueError(
            f"{exc}; write {{{{ and }}}} for a literal brace, {{name}} for a placeholder"
        ) from None
    for name in fields:
        if name not in PLACEHOLDERS:
            known = ", ".join(f"{{{p}}}" for p in PLACEHOLDERS)
            raise ValueError(f"unknown placeholder {{{name}}}; known placeholders: {known}")
    return text


def _no_placeholders(text: str) -> str:
    if "{" in text or "}" in text:
        raise ValueError("placeholders such as {name} are not filled here (no student is "
                         "chosen yet when the scenario list is shown); write plain text")
    return text


def _check_id(value: str) -> str:
    return safe_id(value, what="scenario id")


#: A line the simulated person says; placeholders are checked when the file loads.
Line = Annotated[str, Field(min_length=1, max_length=1200), AfterValidator(_check_placeholders)]
Variants = Annotated[list[Line], Field(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Roles(_Strict):
    """Who plays whom. Coach scenarios: trainee=coach; coachee scenarios: trainee=student."""

    trainee: Role = "coach"
    simulated: Role = "student"

    @model_validator(mode="after")
    def _different(self) -> "Roles":
        if self.trainee == self.simulated:
            raise ValueError("trainee and simulated must be different roles (coach / student)")
        return self


class PersonaSpec(_Strict):
    """Which synthetic student the scenario is about (looked up in the cohort)."""

    archetype: str | None = Field(None, description="learner pattern, as named by the cohort")
    topic: str | None = Field(None, description="prefer a student whose weakest topic is this")
    seed: int | None = Field(
        0, ge=0, description="picks one of the best-matching students, reproducibly; "
        "null = the single best match")


class When(_Strict):
    """Conditions on the trainee's reply; all given conditions must hold."""

    directive: bool | None = Field(None, description="the reply tells, advises or pushes")
    act: list[Act] | None = Field(None, description="any sentence has one of these acts")
    mi_code: list[MiCode] | None = Field(None, description="the reply's main behaviour")
    reflects: bool | None = Field(
        None, description="reflects the last line (a reflection, or shares its content words)"
    )
    uses_data: bool | None = Field(None, description="mentions the student's data")
    mentions: list[Annotated[str, Field(min_length=2)]] | None = Field(
        None, description="any of these words/phrases (matched at the start of a word)"
    )
    inquiry_at_least: float | None = Field(None, ge=-1, le=1)
    inquiry_below: float | None = Field(None, ge=-1, le=1)
    at_least: dict[Counter, int] = Field(default_factory=dict)
    at_most: dict[Counter, int] = Field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        """True when the rule matches every reply (a catch-all)."""
        return not self.model_dump(exclude_defaults=True)


class Response(_Strict):
    """One rule of a node: if ``when`` holds, say one of ``say`` and go to ``goto``."""

    when: When = Field(default_factory=When)
    say: Variants
    goto: str | None = Field(None, description="next node; absent = stay in this node")
    note: str | None = Field(None, description="why this path exists (shown in the debrief)")


class Ending(_Strict):
    """Reaching the node ends the conversation with this outcome."""

    outcome: Outcome
    note: str = Field(min_length=1, description="what happened, told to the trainee")


class Node(_Strict):
    """A point in the conversation: rules for the next reply, or an ending."""

    description: str | None = None
    responses: list[Response] = Field(default_factory=list)
    ending: Ending | None = None

    @model_validator(mode="after")
    def _responses_or_ending(self) -> "Node":
        if self.ending is not None and self.responses:
            raise ValueError("a node with an ending has no responses (the conversation stops)")
        if self.ending is None:
            if not self.responses:
                raise ValueError("a node needs responses (or an ending)")
            if not self.responses[-1].when.is_empty:
                raise ValueError(
                    "the last response of a node must have no 'when' (a catch-all), so every "
                    "reply gets an answer"
                )
        return self


class EndRules(_Strict):
    """When time runs out: after ``max_exchanges`` replies the simulated person closes."""

    max_exchanges: int = Field(10, ge=1, le=60)
    say: Variants
    outcome: Outcome = "partial"
    note: str = Field(min_length=1)


class Scenario(_Strict):
    """A whole scenario file."""

    format: Literal[1] = FORMAT_VERSION
    id: Annotated[str, AfterValidator(_check_id)]
    title: str = Field(min_length=3, max_length=120)
    skill: Literal[tuple(SKILLS)]  # type: ignore[valid-type]
    summary: Annotated[str, Field(min_length=10), AfterValidator(_no_placeholders)] = Field(
        description="one paragraph for the scenario list (no placeholders)")
    setting: Annotated[Line, Field(min_length=10)] = Field(
        description="what the trainee knows before starting (placeholders allowed)")
    objectives: list[Annotated[str, Field(min_length=5)]] = Field(min_length=1)
    rubric: str = "coaching-conversation"
    roles: Roles = Field(default_factory=Roles)
    persona: PersonaSpec = Field(default_factory=PersonaSpec)
    opening: Variants
    start: str | None = Field(None, description="first node; default: the first one listed")
    nodes: dict[str, Node] = Field(min_length=1)
    end: EndRules
    debrief: list[Annotated[Line, Field(min_length=5)]] = Field(min_length=1)

    @property
    def start_node(self) -> str:
        """The node the conversation starts in."""
        return self.start or next(iter(self.nodes))

    @property
    def skill_title(self) -> str:
        """The handbook skill in plain words."""
        return SKILLS[self.skill]

    @property
    def trainee_role(self) -> str:
        """"coach" or "student": the part the trainee plays."""
        return self.roles.trainee

    @property
    def simulated_role(self) -> str:
        """"coach" or "student": the part the engine plays."""
        return self.roles.simulated


def json_schema() -> dict:
    """The JSON Schema of a scenario file (shipped as ``simulations/scenario.schema.json``)."""
    schema = Scenario.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "CoachKit scenario"
    return schema
