"""The worked examples still show what the modules say they show.

Each module contrasts two replies run through the analyzer (``explain(...)``): first the
reply that tells, then the coaching reply. The prose around them comments on what the
analysis shows, so when the analyzer is retrained this test tells an author that a comment
may no longer match the page: the coaching reply must read as more inquiring than the one
it is contrasted with, and none of its sentences may be flagged as directive.
"""

from __future__ import annotations

import ast

import nbformat
import pytest

from coachkit.analyzer import analyze
from coachkit.curriculum import load_curriculum

COURSE = load_curriculum()


def worked_examples(module_id: str) -> list[tuple[str, str]]:
    """``(text, context)`` of every ``explain`` call in a module, in page order."""
    notebook = nbformat.read(COURSE.folder / f"{module_id}.ipynb", as_version=4)
    examples = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "explain":
                context = next((k.value.value for k in node.keywords if k.arg == "context"), "")
                examples.append((node.args[0].value, context))
    return examples


@pytest.mark.parametrize("module", COURSE.modules, ids=lambda m: m.id)
def test_every_module_runs_a_worked_example_through_the_analyzer(module):
    assert worked_examples(module.id)


PAIRS = [m.id for m in COURSE.modules if len(worked_examples(m.id)) == 2]


@pytest.mark.parametrize("module_id", PAIRS)
def test_the_coaching_reply_reads_as_more_inquiring_than_the_one_it_is_contrasted_with(
        module_id):
    (told, told_context), (coached, coached_context) = worked_examples(module_id)
    telling = analyze(told, told_context)
    coaching = analyze(coached, coached_context)
    assert coaching.inquiry_index > telling.inquiry_index
    flagged = [s.text for s in coaching.sentences if s.directive]
    assert flagged == [], f"the coaching example of {module_id} is flagged as directive"


def test_most_modules_contrast_two_replies():
    assert len(PAIRS) >= 8
