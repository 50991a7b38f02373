"""``coachkit score``: the readable table, --json, and the JSONL stream contract."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from coachkit.analyzer import load_model
from coachkit.cli import main
from coachkit.cli.score import score_stream


def _stream(lines: str) -> tuple[int, list[dict]]:
    out = io.StringIO()
    status = score_stream(io.StringIO(lines), out, model=load_model())
    return status, [json.loads(line) for line in out.getvalue().splitlines()]


def test_every_good_line_gets_a_result_with_the_contract_fields() -> None:
    status, results = _stream('{"id": "a", "text": "Why don\'t you join a study group?", "context": "I feel alone"}\n'
                              '{"id": 7, "text": "What matters most to you this year?"}\n')
    assert status == 0
    assert [r["id"] for r in results] == ["a", 7]
    for r in results:
        assert {"id", "mi_code", "act", "directive", "inquiry_index"} <= r.keys()
    assert results[0]["directive"] is True and results[0]["act"] == "leading_question"
    assert results[1]["directive"] is False and results[1]["mi_code"] == "question"


@pytest.mark.parametrize(
    ("line", "ident", "message"),
    [
        ("not json", None, "not valid JSON"),
        ('["a list"]', None, "must be a JSON object"),
        ('{"id": 3}', 3, 'missing "text"'),
        ('{"id": 4, "text": 12}', 4, '"text" must be a string'),
        ('{"id": 5, "text": "hi", "context": 1}', 5, '"context" must be a string'),
    ],
)
def test_a_malformed_line_gets_an_error_and_the_stream_goes_on(line: str, ident, message: str) -> None:
    status, results = _stream(line + '\n{"id": "next", "text": "How are you?"}\n')
    assert status == 2
    assert results[0]["id"] == ident and message in results[0]["error"]
    assert results[1]["id"] == "next" and "mi_code" in results[1]


@pytest.mark.parametrize("text", ["", "x" * 20000, "これは日本語の文です。", "Deberías estudiar más."])
def test_odd_texts_never_crash(text: str) -> None:
    status, results = _stream(json.dumps({"id": 1, "text": text}) + "\n")
    assert status == 0 and results[0]["mi_code"] in {"question", "reflection", "therapist_input", "other"}


def test_blank_lines_are_skipped() -> None:
    status, results = _stream('\n{"id": 1, "text": "Hi"}\n\n')
    assert status == 0 and len(results) == 1


def test_table_names_the_cue_and_offers_a_rewrite(capsys) -> None:
    assert main(["score", "You should start using flashcards. What do you think?"]) == 0
    out = capsys.readouterr().out
    assert "DIRECTIVE" in out and 'cue "You should"' in out and "try instead:" in out


def test_json_prints_one_full_analysis(capsys) -> None:
    assert main(["score", "--json", "--context", "I failed", "What happened?"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["context"] == "I failed" and data["sentences"][0]["act"] == "open_question"


def test_a_missing_model_exits_2_with_one_line(capsys, tmp_path) -> None:
    assert main(["score", "--model", str(tmp_path), "Hi"]) == 2
    assert "not a CoachKit model directory" in capsys.readouterr().err


def test_console_script_streams_jsonl() -> None:
    proc = subprocess.run([sys.executable, "-m", "coachkit", "score", "--jsonl"], input='{"id": 1, "text": "Hm?"}\nbad\n',
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert [json.loads(line)["id"] for line in proc.stdout.splitlines()] == [1, None]


def test_large_batches_are_scored_in_forked_processes_with_the_same_results(monkeypatch) -> None:
    import os

    import coachkit.cli.score as score

    replies = ["You should sleep more.", "What worked last time?", "Why don't you join a group?",
               "It sounds like the score stung.", "OK."] * 40
    requests = [(n, text, "I failed renal.") for n, text in enumerate(replies)]
    monkeypatch.setattr(score, "_usable_cpus", lambda: 1)
    sequential = [json.loads(line) for line in score.score_lines(requests, model=load_model())]

    real_results = score._results
    monkeypatch.setattr(score, "_results", lambda chunk, **kw: [{**r, "pid": os.getpid()} for r in real_results(chunk, **kw)])
    monkeypatch.setattr(score, "_usable_cpus", lambda: 3)
    monkeypatch.setattr(score, "PARALLEL_MIN_REQUESTS", 10)
    forked = [json.loads(line) for line in score.score_lines(requests, model=load_model())]
    pids = {r.pop("pid") for r in forked}
    assert len(pids) == 3 and os.getpid() in pids  # two forked workers and this process
    assert forked == sequential


def test_a_forked_worker_that_fails_costs_no_result(monkeypatch) -> None:
    import os

    import coachkit.cli.score as score

    requests = [(n, f"What happened in week {n}?", "") for n in range(30)]
    parent, real_results = os.getpid(), score._results

    def failing_in_children(chunk, **kw):
        if os.getpid() != parent:
            raise MemoryError("a worker ran out of memory")
        return real_results(chunk, **kw)

    monkeypatch.setattr(score, "_results", failing_in_children)
    monkeypatch.setattr(score, "_usable_cpus", lambda: 2)
    monkeypatch.setattr(score, "PARALLEL_MIN_REQUESTS", 10)
    results = [json.loads(line) for line in score.score_lines(requests, model=load_model())]
    assert [r["id"] for r in results] == list(range(30)) and all(r["mi_code"] == "question" for r in results)


def test_the_console_writes_every_line_of_a_forked_batch_before_it_exits_quickly() -> None:
    # ``coachkit score`` leaves with os._exit after flushing (coachkit.cli.console): nothing
    # written by this process or its forked workers may be lost on the way out.
    requests = "".join(json.dumps({"id": n, "text": f"You should review lecture {n}.", "context": "I failed."}) + "\n"
                       for n in range(900))
    proc = subprocess.run([sys.executable, "-m", "coachkit", "score", "--jsonl"], input=requests,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == list(range(900))
    assert all(json.loads(line)["directive"] for line in lines)


@pytest.mark.parametrize("enabled_before", [True, False])
def test_scoring_a_batch_leaves_the_cycle_collector_as_it_found_it(enabled_before: bool) -> None:
    import gc

    import coachkit.cli.score as score

    (gc.enable if enabled_before else gc.disable)()
    try:
        list(score.score_lines([(1, "You should sleep more.", "")], model=load_model()))
        assert gc.isenabled() is enabled_before
    finally:
        gc.enable()


def test_the_console_reports_errors_of_other_commands_with_their_exit_status(tmp_path) -> None:
    proc = subprocess.run([sys.executable, "-m", "coachkit", "train", "--data", str(tmp_path / "missing.csv"),
                           "--out", str(tmp_path / "model")], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "coachkit train: cannot read training data" in proc.stderr and "missing.csv" in proc.stderr


def test_a_reader_that_stops_early_leaves_no_forked_worker_behind(monkeypatch) -> None:
    import gc
    import os

    import coachkit.cli.score as score

    forked, real_fork = [], score._fork_scorer
    monkeypatch.setattr(score, "_fork_scorer", lambda chunk, options: forked.append(real_fork(chunk, options)) or forked[-1])
    monkeypatch.setattr(score, "_usable_cpus", lambda: 2)
    monkeypatch.setattr(score, "PARALLEL_MIN_REQUESTS", 10)
    lines = score.score_lines([(n, "What helped last time?", "") for n in range(40)], model=load_model())
    assert json.loads(next(lines))["id"] == 0
    lines.close()
    assert len(forked) == 1 and gc.isenabled()
    with pytest.raises(ChildProcessError):  # already waited for
        os.waitpid(forked[0][0], os.WNOHANG)
