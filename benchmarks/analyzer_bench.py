#!/usr/bin/env python3
"""Speed and written-coaching accuracy of the analyzer's fast tier.

Prints (medians over repeated runs; these machines are noisy, so compare ratios):
  - start-up: ``coachkit score --jsonl`` on empty input, whole process;
  - throughput: the same command on 2,000 AnnoMI therapist utterances, whole process, on all
    the processors it may use (it splits large batches across them) and pinned to one
    (``taskset -c 0``), so the single-core figure is on record too;
  - latency: one ``analyze()`` call in a warm process (median and p95);
  - directive precision / recall / F1 and act accuracy on the held-out written-coaching test
    set (``datasets/coaching_replies/test.csv``) and on the dev set by a writer the detector has
    never read (``dev.csv``); neither is used for training or rules.
Last line: ``startup_s=... utt_per_s=... reply_ms=... directive_P=... directive_R=... directive_F1=...
dev_directive_F1=...``

Usage (from the project root, kit installed in .venv): python benchmarks/analyzer_bench.py [--runs 5]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from annomi_cv import utterances  # noqa: E402  (the harness's own reading of AnnoMI)
from written_sets import HELD_OUT, directive_figures  # noqa: E402


def timed_run(command: list[str], stdin: str) -> float:
    start = time.perf_counter()
    subprocess.run(command, input=stdin, capture_output=True, text=True, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--coachkit", default=str(ROOT / ".venv" / "bin" / "coachkit"))
    args = parser.parse_args()

    with (ROOT / "datasets" / "annomi" / "annomi_dev.csv").open(newline="") as handle:
        requests = utterances(list(csv.DictReader(handle)))[:2000]
    lines = "".join(json.dumps({"id": u["id"], "text": u["text"], "context": u["context"]}) + "\n" for u in requests)
    command = [args.coachkit, "score", "--jsonl"]
    startup = statistics.median(timed_run(command, "") for _ in range(args.runs))
    batch = statistics.median(timed_run(command, lines) for _ in range(args.runs))
    rate = len(requests) / batch
    print(f"start-up (empty input, whole process): median {startup:.3f} s")
    print(f"{len(requests)} utterances, whole process: median {batch:.3f} s = {rate:.0f} utterances/s "
          f"({os.cpu_count()} processors)")
    if shutil.which("taskset"):
        single = statistics.median(timed_run(["taskset", "-c", "0", *command], lines) for _ in range(args.runs))
        print(f"{len(requests)} utterances, whole process on one processor: median {single:.3f} s = "
              f"{len(requests) / single:.0f} utterances/s")

    from coachkit.analyzer import analyze

    replies = [u["text"] for u in requests[:300]]
    analyze(replies[0])  # warm: model loaded, caches primed
    times = []
    for text in replies:
        start = time.perf_counter()
        analyze(text)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    median_ms, p95_ms = statistics.median(times), times[int(0.95 * len(times)) - 1]
    print(f"one reply in a warm process: median {median_ms:.1f} ms, p95 {p95_ms:.1f} ms")

    figures = {split: directive_figures(split) for split in HELD_OUT}
    for split, fig in figures.items():
        print(f"written-coaching {split} set ({fig.replies} replies): directive precision {fig.precision:.3f}, "
              f"recall {fig.recall:.3f}, F1 {fig.f1:.3f}; reply act accuracy {fig.act_accuracy:.3f}")
    test = figures["test"]
    print(f"startup_s={startup:.3f} utt_per_s={rate:.0f} reply_ms={median_ms:.1f} directive_P={test.precision:.3f} "
          f"directive_R={test.recall:.3f} directive_F1={test.f1:.3f} dev_directive_F1={figures['dev'].f1:.3f}")


if __name__ == "__main__":
    main()
