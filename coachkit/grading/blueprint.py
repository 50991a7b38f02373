"""Assignment blueprints: how each nbgrader source notebook is built from a module.

``grading/assignments.yaml`` says, for each graded assignment, which module it follows
(its knowledge checks and reflection prompt come from ``modules/checks/<module>.yaml``),
which written replies the trainee drafts (the student's words and data, the rubric, the
points), an optional ILP goal, and which practice conversation's transcript is handed in.
``build_notebook`` turns one blueprint into an nbgrader *source* notebook (model answers
between ``### BEGIN SOLUTION`` / ``### END SOLUTION``, knowledge-check answers in hidden
tests), and ``write_sources`` writes them to ``grading/source/<id>/<id>.ipynb``. The
generated files are committed; a test checks they match the blueprints and modules.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import nbformat
import yaml
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from coachkit.errors import ConfigError

BLUEPRINT_FILE = "assignments.yaml"
_ID = r"^[a-z0-9][a-z0-9-]*$"
Points = Annotated[float, Field(gt=0, le=100)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ReplyExercise(_Strict):
    """A student's message the trainee answers in writing, scored with a rubric."""

    id: str = Field(pattern=_ID)
    situation: str = Field(min_length=1, description="What the trainee knows before the student speaks.")
    student_says: str = Field(min_length=1)
    student_data: list[str | int | float] = Field(default_factory=list)
    model_reply: str = Field(min_length=1, description="A reply that earns full credit (the source's solution).")
    rubric: str = "coaching-reply"
    points: Points = 4


class GoalExercise(_Strict):
    """An ILP goal the trainee writes from a student's data, scored with the SMART rubric."""

    situation: str = Field(min_length=1)
    student_data: list[str | int | float] = Field(default_factory=list)
    model_goal: str = Field(min_length=1)
    rubric: str = "ilp-goal"
    points: Points = 5


class ScenarioTask(_Strict):
    """The practice conversation whose transcript is handed in with the notebook."""

    id: str = Field(pattern=_ID)
    rubric: str = "coaching-conversation"
    points: Points = 10


class Blueprint(_Strict):
    """One graded assignment."""

    id: str = Field(pattern=_ID, description="nbgrader assignment id (also the notebook name).")
    module: str = Field(description="Module id in modules/curriculum.yaml.")
    check_points: Points = 1
    replies: list[ReplyExercise] = Field(default_factory=list)
    goal: GoalExercise | None = None
    scenario: ScenarioTask | None = None
    reflection_points: Points = 4


class _BlueprintFile(_Strict):
    assignments: list[Blueprint] = Field(min_length=1)


def grading_dir() -> Path:
    """The kit's nbgrader course directory (``grading/``)."""
    return Path(__file__).resolve().parents[2] / "grading"


def load_blueprints(path: str | Path | None = None) -> list[Blueprint]:
    """Read and validate ``grading/assignments.yaml`` (errors name the file and field)."""
    file = Path(path) if path else grading_dir() / BLUEPRINT_FILE
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        return _BlueprintFile.model_validate(data).assignments
    except FileNotFoundError:
        raise ConfigError(f"{file}: file not found") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{file}: not valid YAML ({exc})") from None
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
        raise ConfigError(f"{file}: {problems}") from None


def _meta(grade_id: str, *, grade: bool, solution: bool, locked: bool, points: float | None = None) -> dict[str, Any]:
    meta: dict[str, Any] = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3,
                            "solution": solution, "task": False}
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def _md(cell_id: str, text: str) -> Any:
    cell = new_markdown_cell(text.strip(), metadata=_meta(cell_id, grade=False, solution=False, locked=True))
    cell.id = cell_id
    return cell


def _code(cell_id: str, source: str, **meta: Any) -> Any:
    cell = new_code_cell(source.strip(), metadata=_meta(cell_id, **meta))
    cell.id = cell_id
    return cell


def _answer(cell_id: str, variable: str, solution: str, hint: str) -> Any:
    source = f'# {hint}\n{variable} = """\n### BEGIN SOLUTION\n{solution.strip()}\n### END SOLUTION\n"""'
    return _code(cell_id, source, grade=False, solution=True, locked=False)


def _call(function: str, *args: str, **kwargs: Any) -> str:
    parts = list(args) + [f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in kwargs.items()]
    return f"from coachkit.grading.cells import {function}\n{function}({', '.join(parts)})"


def _data_line(data: list[str | int | float]) -> str:
    return ", ".join(str(d) for d in data) if data else "(none)"


INTRO = """
# {title}: graded practice

This notebook is handed in and graded with nbgrader. Answer **between the triple quotes**
(`\"\"\"`) in the cells marked *your answer*; leave the other cells as they are.

- **Knowledge checks** are graded automatically: type the letter of your answer.
- **Written replies** are rated with a rubric (open questions, reflections, asking before
  advising, using the student's data); you get partial credit. Run the cell under your reply
  to see the rubric table and improve your reply before handing in.
{goal_line}{scenario_line}- **Your reflection** is read and graded by your facilitator.
"""


def build_notebook(blueprint: Blueprint, *, curriculum: Any = None) -> Any:
    """The nbgrader source notebook of one blueprint (model answers included)."""
    if curriculum is None:
        from coachkit.curriculum import load_curriculum

        curriculum = load_curriculum()
    module = curriculum.module(blueprint.module)
    activities = curriculum.activities[blueprint.module]
    cells = [_md("intro", INTRO.format(
        title=module.title,
        goal_line="- **Your SMART goal** is checked for each SMART component; partial credit.\n" if blueprint.goal else "",
        scenario_line=("- **Your practice conversation** is rated from its transcript with the "
                       "conversation rubric; partial credit.\n") if blueprint.scenario else "",
    ))]
    cells.append(_md("checks-heading", "## Knowledge checks"))
    for number, question in enumerate(activities.questions, start=1):
        variable = "answer_" + question.id.replace("-", "_")
        options = "\n".join(f"- **{chr(65 + i)}.** {o.text.strip()}" for i, o in enumerate(question.options))
        cells.append(_md(f"check-{question.id}-question", f"**{number}.** {question.prompt.strip()}\n\n{options}"))
        cells.append(_answer(f"check-{question.id}-answer", variable, chr(65 + question.answer),
                             "Your answer: one letter between the quotes."))
        hidden = _call("knowledge_check", variable, module=blueprint.module, question=question.id,
                       points=blueprint.check_points)
        cells.append(_code(f"check-{question.id}", f"# Checked when your notebook is graded.\n"
                           f"### BEGIN HIDDEN TESTS\n{hidden}\n### END HIDDEN TESTS",
                           grade=True, solution=False, locked=True, points=blueprint.check_points))
    if blueprint.replies:
        cells.append(_md("replies-heading", "## Written replies"))
    for reply in blueprint.replies:
        variable = "reply_" + reply.id.replace("-", "_")
        cells.append(_md(f"reply-{reply.id}-prompt", (
            f"**Situation.** {reply.situation.strip()}\n\n**The student says:** “{reply.student_says.strip()}”\n\n"
            f"*The student's data:* {_data_line(reply.student_data)}\n\nWrite your reply as you would say it."
        )))
        cells.append(_answer(f"reply-{reply.id}-answer", variable, reply.model_reply, "Your answer: your reply."))
        cells.append(_code(f"reply-{reply.id}", _call("score_reply", variable, points=reply.points,
                                                      rubric=reply.rubric, student_data=reply.student_data,
                                                      label=f"Written reply: {reply.id.replace('-', ' ')}"),
                           grade=True, solution=False, locked=True, points=reply.points))
    if blueprint.goal:
        goal = blueprint.goal
        cells.append(_md("goal-heading", "## A SMART goal for the learning plan"))
        cells.append(_md("goal-prompt", (
            f"**Situation.** {goal.situation.strip()}\n\n*The student's data:* {_data_line(goal.student_data)}\n\n"
            "Write the goal as the student would put it in their Individualized Learning Plan: "
            "Specific, Measurable, Achievable, Relevant, Time-bound."
        )))
        cells.append(_answer("goal-answer", "goal", goal.model_goal, "Your answer: the goal."))
        cells.append(_code("goal", _call("score_goal", "goal", points=goal.points, rubric=goal.rubric,
                                         student_data=goal.student_data),
                           grade=True, solution=False, locked=True, points=goal.points))
    if blueprint.scenario:
        task = blueprint.scenario
        from coachkit.scenarios import load_scenario

        scenario = load_scenario(task.id)
        cells.append(_md("scenario-heading", "## Practice conversation"))
        cells.append(_md("scenario-prompt", (
            f"Practise the conversation **“{scenario.title}”** in the module *{module.title}*. "
            "When you are happy with an attempt, run the next cell: it copies your transcript next "
            "to this notebook so that it is handed in with it. Your latest attempt is rated."
        )))
        cells.append(_code("scenario-attach", _call("attach_transcript", json.dumps(task.id)),
                           grade=False, solution=False, locked=True))
        cells.append(_code("scenario", _call("score_transcript", json.dumps(task.id), points=task.points,
                                             rubric=task.rubric),
                           grade=True, solution=False, locked=True, points=task.points))
    cells.append(_md("reflection-heading", "## Reflection"))
    hint = f"\n\n*Hint:* {activities.reflection.hint.strip()}" if activities.reflection.hint else ""
    cells.append(_md("reflection-prompt", activities.reflection.prompt.strip() + hint))
    reflection = new_markdown_cell(
        "### BEGIN SOLUTION\nA thoughtful answer names a concrete situation, what the trainee would "
        "do, and why, in their own words.\n### END SOLUTION",
        metadata=_meta("reflection", grade=True, solution=True, locked=False, points=blueprint.reflection_points),
    )
    reflection.id = "reflection"
    cells.append(reflection)
    nb = new_notebook(cells=cells, metadata={
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    })
    return nb


def write_sources(*, grading: str | Path | None = None, blueprints: list[Blueprint] | None = None) -> list[Path]:
    """Write every blueprint's source notebook to ``<grading>/source/<id>/<id>.ipynb``."""
    root = Path(grading) if grading else grading_dir()
    written = []
    for blueprint in blueprints or load_blueprints(root / BLUEPRINT_FILE):
        path = root / "source" / blueprint.id / f"{blueprint.id}.ipynb"
        path.parent.mkdir(parents=True, exist_ok=True)
        text = nbformat.writes(build_notebook(blueprint)) + "\n"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
