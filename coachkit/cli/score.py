"""``coachkit score``: analyse coaching replies from the command line.

Three forms: ``coachkit score "text"`` prints a readable per-sentence table (``--json`` for
one JSON object); ``coachkit score --jsonl`` reads request lines ``{"id", "text", "context"}``
on standard input and writes one result line per request, in order. A bad line gets
``{"id": ..., "error": "..."}`` and the stream goes on; the exit status is 2 if any line
failed, else 0.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from typing import Any, TextIO

BATCH_LINES = 2000


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "score",
        help="analyse coaching replies: inquiry-based or directive, sentence by sentence",
        description=__doc__.split("\n\n")[1],
    )
    parser.add_argument("text", nargs="?", help="the reply to analyse (omit it to read standard input)")
    parser.add_argument("--context", default="", help="what the student said just before the reply")
    parser.add_argument("--json", action="store_true", help="print the full analysis as one JSON object")
    parser.add_argument("--jsonl", action="store_true", help="read request lines as JSON on standard input")
    parser.add_argument("--full", action="store_true", help="with --jsonl: write the full analysis of each reply")
    parser.add_argument("--model", metavar="DIR", help="a model directory built by `coachkit train`")
    parser.add_argument("--tier", default="fast", choices=("fast", "quality"),
                        help="which analyzer to use (default: fast; quality: slower, better AnnoMI codes)")
    parser.set_defaults(_quick_exit=True)  # it only writes to standard output (see coachkit.cli.console)
    return parser


def run(args: argparse.Namespace) -> int:
    from coachkit.analyzer import analyze, load_model

    if args.tier == "quality":
        from coachkit.analyzer.quality import load_quality_model

        model = load_quality_model(args.model)
    else:
        model = load_model(args.model)
    if args.jsonl:
        return score_stream(sys.stdin, sys.stdout, model=model, tier=args.tier, full=args.full)
    text = args.text if args.text is not None else sys.stdin.read()
    analysis = analyze(text, args.context, model=model, tier=args.tier)
    if args.json:
        print(json.dumps(analysis.to_dict(), ensure_ascii=False))
    else:
        print(format_table(analysis))
    return 0


def _request(line: str) -> tuple[Any, str, str]:
    """Parse one request line; raise ValueError with a user-facing reason if it is malformed."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(obj, dict):
        raise ValueError("a request must be a JSON object with \"id\" and \"text\"")
    ident = obj.get("id")
    if "text" not in obj:
        raise _Bad(ident, "missing \"text\"")
    text, context = obj["text"], obj.get("context", "")
    if context is None:
        context = ""
    if not isinstance(text, str):
        raise _Bad(ident, f"\"text\" must be a string, not {type(text).__name__}")
    if not isinstance(context, str):
        raise _Bad(ident, f"\"context\" must be a string, not {type(context).__name__}")
    return ident, text, context


class _Bad(ValueError):
    def __init__(self, ident: Any, reason: str) -> None:
        super().__init__(reason)
        self.ident = ident


def score_stream(source: TextIO, sink: TextIO, *, model, tier: str = "fast", full: bool = False) -> int:
    """Score JSONL requests from ``source`` into ``sink``; return the exit status."""
    failed = False
    batch: list[tuple[Any, str | None, str, str]] = []  # (id, error, text, context)

    def flush() -> None:
        good = [(ident, text, context) for ident, error, text, context in batch if error is None]
        with closing(score_lines(good, model=model, tier=tier, full=full)) as lines:
            for ident, error, _, _ in batch:
                sink.write(_encode({"id": ident, "error": error}) + "\n" if error is not None else next(lines))
        sink.flush()
        batch.clear()

    for number, line in enumerate(source, start=1):
        if not line.strip():
            continue
        try:
            ident, text, context = _request(line)
            batch.append((ident, None, text, context))
        except _Bad as exc:
            batch.append((exc.ident, f"line {number}: {exc}", "", ""))
            failed = True
        except ValueError as exc:
            batch.append((None, f"line {number}: {exc}", "", ""))
            failed = True
        if len(batch) >= BATCH_LINES:
            flush()
    flush()
    return 2 if failed else 0


def score_lines(requests: list[tuple[Any, str, str]], *, model, tier: str = "fast",
                full: bool = False) -> Iterator[str]:
    """One JSON result line per ``(id, text, context)`` request, in order.

    Large batches of the fast tier are split across the processors this program may use:
    scoring is pure Python and numpy in one thread, so a second core doubles throughput.
    Children are forked after the model is loaded and share it (copy-on-write); each writes
    its finished lines to a pipe. Meanwhile this process scores the first share, and its
    lines are handed out (and written) before it waits for the children, whose lines are
    then passed on as they are. A plain fork and a pipe, not a process pool: importing
    ``multiprocessing.pool`` alone costs ~20 ms of a ~0.4 s run.
    """
    options = {"model": model, "tier": tier, "full": full}
    workers = _usable_cpus() if tier == "fast" and len(requests) >= PARALLEL_MIN_REQUESTS else 1
    with _collector_paused():
        if workers < 2:
            yield from _lines(requests, **options)
            return
        size = -(-len(requests) // workers)
        chunks = [requests[i : i + size] for i in range(0, len(requests), size)]
        children = [(chunk, _fork_scorer(chunk, options)) for chunk in chunks[1:]]
        try:
            yield from _lines(chunks[0], **options)
            while children:
                chunk, child = children.pop(0)
                yield from _collect(child, chunk, options)
        finally:  # the reader stopped early: leave no child behind
            for _, (pid, read_end) in children:
                os.close(read_end)
                os.waitpid(pid, 0)


#: Below this many requests, starting a second process costs more than it saves.
PARALLEL_MIN_REQUESTS = 400
_encode = json.JSONEncoder(ensure_ascii=False).encode


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a batch is scored (forked children inherit it).

    Scoring allocates many small dicts and tuples and creates no reference cycles, so the
    collector only walked live objects: about 3 % of the scoring time. A batch is at most
    ``BATCH_LINES`` requests, so memory stays bounded.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _usable_cpus() -> int:
    """Processors this process may run on (at most 4); 1 where fork is unavailable."""
    if not hasattr(os, "fork"):
        return 1
    available = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return min(available, 4)


def _fork_scorer(chunk: list[tuple[Any, str, str]], options: dict) -> tuple[int, int]:
    """Fork a child that scores ``chunk`` and writes its result lines to a pipe."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: score, write, and leave without running the parent's cleanup
        status = 1
        try:
            os.close(read_end)
            with os.fdopen(write_end, "w", encoding="utf-8") as pipe:
                pipe.write("".join(_lines(chunk, **options)))
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    return pid, read_end


def _collect(child: tuple[int, int], chunk: list[tuple[Any, str, str]], options: dict) -> list[str]:
    """A forked child's lines; if it failed, the chunk is scored here instead (nothing is lost)."""
    pid, read_end = child
    with os.fdopen(read_end, encoding="utf-8") as pipe:
        payload = pipe.read()
    _, status = os.waitpid(pid, 0)
    lines = [line + "\n" for line in payload.split("\n")[:-1]]  # JSON escapes newlines, not U+2028
    if status == 0 and len(lines) == len(chunk):
        return lines
    return _lines(chunk, **options)


def _lines(requests: list[tuple[Any, str, str]], *, model, tier: str, full: bool) -> list[str]:
    results = _results([(text, context) for _, text, context in requests], model=model, tier=tier, full=full)
    return [_encode({"id": ident, **result}) + "\n" for (ident, _, _), result in zip(requests, results)]


def _results(requests: list[tuple[str, str]], *, model, tier: str, full: bool) -> list[dict]:
    from coachkit.analyzer import analyze_many

    analyses = analyze_many([r[0] for r in requests], [r[1] for r in requests], model=model, tier=tier,
                            with_readability=full)
    if full:
        return [a.to_dict() for a in analyses]
    return [{"mi_code": a.mi_code, "act": a.act, "directive": a.directive, "inquiry_index": a.inquiry_index,
             "probabilities": a.probabilities, "notes": list(a.notes)} for a in analyses]


def format_table(analysis) -> str:
    """A plain-text, per-sentence view of an analysis for the terminal."""
    from coachkit.analyzer import ACT_LABEL

    lines = []
    verdict = "DIRECTIVE" if analysis.directive else "inquiry-based"
    lines.append(f"Reply: {verdict} - {ACT_LABEL[analysis.act]} (AnnoMI: {analysis.mi_code}); "
                 f"inquiry index {analysis.inquiry_index:+.2f}")
    if analysis.notes:
        lines.append("Notes: " + ", ".join(analysis.notes))
    lines.append("")
    lines.append(f"{'#':>2}  {'act':<30} {'kind':<10} {'index':>6}  sentence")
    for number, s in enumerate(analysis.sentences, start=1):
        kind = "directive" if s.directive else "inquiry"
        lines.append(f"{number:>2}  {ACT_LABEL[s.act]:<30.30} {kind:<10} {s.inquiry_index:>+6.2f}  {s.text}")
        for ev in s.evidence:
            lines.append(f"{'':>4}cue \"{ev.text}\": {ev.explanation}")
        if s.suggestion:
            lines.append(f"{'':>4}try instead: {s.suggestion}")
    if analysis.readability:
        r = analysis.readability
        lines.append("")
        lines.append(f"{r.words} words, {r.sentences} sentence(s); Flesch reading ease {r.flesch_reading_ease:.0f}, "
                     f"grade {r.flesch_kincaid_grade:.1f}")
    return "\n".join(lines)
