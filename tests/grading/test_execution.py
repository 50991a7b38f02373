"""Do the faster executors run notebooks the way nbgrader's kernel would, and keep them apart?"""

from __future__ import annotations

import nbformat
import pytest
from nbgrader.utils import determine_grade

from coachkit.grading.execution import InProcessExecute, SharedKernelExecute, shutdown_shared_kernels


def _grade(source: str, points: float = 2) -> nbformat.NotebookNode:
    return nbformat.v4.new_code_cell(source, metadata={"nbgrader": {
        "grade": True, "solution": False, "points": points, "grade_id": "g", "schema_version": 3}})


def _notebook(*sources: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "language": "python",
                                                           "display_name": "Python 3"}})
    nb.cells = [_grade(s) if s.startswith("#grade") else nbformat.v4.new_code_cell(s) for s in sources]
    return nb


@pytest.fixture(params=["in-process", "shared-kernel"])
def executor(request):
    ex = InProcessExecute(timeout=2) if request.param == "in-process" else SharedKernelExecute(timeout=5)
    yield ex
    shutdown_shared_kernels()


def _run(executor, nb, tmp_path):
    nb, _ = executor.preprocess(nb, {"metadata": {"path": str(tmp_path)}})
    return nb


def test_outputs_are_recorded_like_a_kernel_sends_them(executor, tmp_path):
    nb = _run(executor, _notebook("print('hi')\n1 + 1", "from IPython.display import HTML, display\n"
                                  "display(HTML('<b>x</b>'))", "#grade\n1.5", "#grade\nraise ValueError('no')"), tmp_path)
    out = [c.outputs for c in nb.cells]
    assert out[0][0]["output_type"] == "stream" and out[0][0]["text"] == "hi\n"
    assert out[0][1]["output_type"] == "execute_result" and out[0][1]["data"]["text/plain"] == "2"
    assert out[1][0]["output_type"] == "display_data" and "text/html" in out[1][0]["data"]
    assert determine_grade(nb.cells[2]) == (1.5, 2.0)  # partial credit
    assert out[3][-1]["output_type"] == "error" and out[3][-1]["ename"] == "ValueError"
    assert determine_grade(nb.cells[3]) == (0, 2.0)


def test_stderr_costs_the_cell_its_points_as_in_nbgrader(executor, tmp_path):
    nb = _run(executor, _notebook("#grade\nimport sys\nprint('oops', file=sys.stderr)"), tmp_path)
    assert determine_grade(nb.cells[0]) == (0, 2.0)


def test_notebooks_do_not_see_each_others_variables(executor, tmp_path):
    _run(executor, _notebook("secret = 'answer of trainee one'"), tmp_path)
    nb = _run(executor, _notebook("#grade\nsecret"), tmp_path)
    assert nb.cells[0].outputs[-1]["ename"] == "NameError"


def test_cells_run_in_the_notebook_folder(executor, tmp_path):
    (tmp_path / "first-meeting.jsonl").write_text("{}\n")
    nb = _run(executor, _notebook("import os\nsorted(os.listdir('.'))"), tmp_path)
    assert "first-meeting.jsonl" in nb.cells[0].outputs[0]["data"]["text/plain"]


def test_input_does_not_hang(tmp_path):
    nb = _run(InProcessExecute(timeout=2), _notebook("input('name?')"), tmp_path)
    assert nb.cells[0].outputs[-1]["output_type"] == "error"


def test_a_cell_that_runs_too_long_is_interrupted_and_the_next_runs(tmp_path):
    nb = _run(InProcessExecute(timeout=1), _notebook("while True:\n    pass", "#grade\n2"), tmp_path)
    assert nb.cells[0].outputs[-1]["output_type"] == "error"
    assert determine_grade(nb.cells[1]) == (2.0, 2.0)
