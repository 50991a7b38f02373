"""Time and peak memory of ``coachkit.cohort.generate`` (target: 10,000 students, the full
two-year timeline, under 10 s and under 2 GB on a 2-core machine).

Each run is a fresh Python process, so the peak resident memory it reports is that of one
generation (plus the interpreter, numpy and pandas, about 150 MB). Prints the median of the
runs for each size: wall time and CPU time (the CPU time is the fairer figure when other
jobs share the cores); ``--write`` also times writing the tables (CSV + Parquet) to a temporary
folder, ``--load`` times ``load_default()``.

    .venv/bin/python benchmarks/cohort_bench.py [--sizes 1000 10000] [--runs 3] [--write]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

_CHILD = """
import json, resource, sys, tempfile, time
from coachkit.cohort import CohortConfig, generate
n, seed, write = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "1"
start, cpu = time.perf_counter(), time.process_time()
cohort = generate(CohortConfig(students=n, seed=seed))
generated, cpu = time.perf_counter() - start, time.process_time() - cpu
written = None
if write:
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        cohort.write(folder)
        written = time.perf_counter() - start
rows = sum(len(t) for t in cohort.tables.values())
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"generate_s": generated, "cpu_s": cpu, "write_s": written, "peak_mb": peak_mb,
                  "rows": rows, "sessions": len(cohort.qbank_sessions)}))
"""

_LOAD = """
import json, time
start = time.perf_counter()
import pandas  # noqa: F401  (the scenario engine has it loaded already)
imported = time.perf_counter() - start
start = time.perf_counter()
from coachkit.cohort import load_default
cohort = load_default()
print(json.dumps({"pandas_import_s": imported, "load_default_s": time.perf_counter() - start}))
"""


def _run(code: str, *args: str) -> dict:
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3, help="runs per size (median shown)")
    parser.add_argument("--write", action="store_true", help="also time Cohort.write")
    parser.add_argument("--load", action="store_true", help="also time load_default()")
    args = parser.parse_args()

    print(f"{'students':>9} {'generate s':>11} {'cpu s':>6} {'write s':>8} {'peak MB':>8} "
          f"{'rows':>11} {'sessions':>10}")
    for size in args.sizes:
        runs = [_run(_CHILD, str(size), str(seed), "1" if args.write else "0")
                for seed in range(1, args.runs + 1)]
        med = {key: statistics.median(r[key] for r in runs)
               for key in ("generate_s", "cpu_s", "peak_mb", "rows", "sessions")}
        write = (f"{statistics.median(r['write_s'] for r in runs):8.2f}" if args.write
                 else f"{'-':>8}")
        print(f"{size:9,d} {med['generate_s']:11.2f} {med['cpu_s']:6.2f} {write} "
              f"{med['peak_mb']:8.0f} "
              f"{int(med['rows']):11,d} {int(med['sessions']):10,d}", flush=True)
    if args.load:
        runs = [_run(_LOAD) for _ in range(args.runs)]
        print(f"load_default(): {statistics.median(r['load_default_s'] for r in runs):.3f} s "
              f"(pandas import before it: "
              f"{statistics.median(r['pandas_import_s'] for r in runs):.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
