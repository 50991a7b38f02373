"""Grading benchmark: autograde time per submission, and cohort report time for 500 trainees.

    .venv/bin/python benchmarks/grading_bench.py                 # defaults below
    .venv/bin/python benchmarks/grading_bench.py --compare       # also shared kernel and fresh kernels
    .venv/bin/python benchmarks/grading_bench.py --trainees 1000 --real 12

1. A course with every assignment released; a rehearsal cohort (``--real`` trainees, every
   style) is collected and autograded for real with nbgrader: seconds per submission.
2. The cohort is scaled up to ``--trainees``: each made-up trainee gets a copy of a real
   autograded submission and its grades in nbgrader's gradebook. Then the cohort report is
   written with an empty records cache (cold) and again (warm), and the grades exported.
   Target: the report under 5 s for 500 trainees.

Everything happens in a temporary folder (Jupyter's folders included); nothing is kept.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path


def _autograde(course, assignment: str, inbox: Path, real: int, execution: str) -> tuple[float, int]:
    from coachkit.grading import autograde, collect
    from coachkit.grading.sample import write_cohort

    write_cohort(course, assignment, inbox, n=real)
    collect(course, assignment, source=inbox)
    started = time.perf_counter()
    report = autograde(course, assignment, execution=execution, progress=False)
    return time.perf_counter() - started, len(report.done)


def _scale(course, assignments: list[str], trainees: int) -> None:
    """Copy real autograded submissions (files and gradebook grades) to made-up trainees."""
    with course.gradebook() as gb:
        for assignment in assignments:
            sources = [s for s in gb.find_assignment(assignment).submissions]
            template = [(s.student.id, s.timestamp, {g.name: (g.auto_score, g.needs_manual_grade)
                                                     for nb in s.notebooks for g in nb.grades}) for s in sources]
            for i in range(trainees):
                trainee = f"b{i:04d}"
                source, timestamp, grades = template[i % len(template)]
                if i == 0 or assignment == assignments[0]:
                    gb.update_or_create_student(trainee)
                submission = gb.add_submission(assignment, trainee, timestamp=timestamp)
                for nb in submission.notebooks:
                    for g in nb.grades:
                        g.auto_score, g.needs_manual_grade = grades.get(g.name, (None, True))
                shutil.copytree(course.path("autograded", source, assignment),
                                course.path("autograded", trainee, assignment))
            gb.db.commit()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trainees", type=int, default=500, help="cohort size for the report (default 500)")
    parser.add_argument("--real", type=int, default=9, help="trainees really autograded per assignment (default 9)")
    parser.add_argument("--execution", default="in-process", help="how notebooks run while autograding")
    parser.add_argument("--compare", action="store_true", help="also time shared-kernel and fresh-kernels")
    parser.add_argument("--keep-report", type=Path, default=None, metavar="FILE", help="copy the report here")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="coachkit-bench-") as tmp:
        base = Path(tmp)
        for var, sub in (("JUPYTER_CONFIG_DIR", "jcfg"), ("JUPYTER_DATA_DIR", "jdata"),
                         ("JUPYTER_RUNTIME_DIR", "jrun"), ("IPYTHONDIR", "ipy"), ("COACHKIT_WORK", "work")):
            os.environ[var] = str(base / sub)
        from coachkit.grading import init_course, release, write_report
        from coachkit.grading.report import export_grades

        started = time.perf_counter()
        course, _ = init_course(base / "course")
        assignments = course.assignments()
        for assignment in assignments:
            release(course, assignment, due="2025-03-14 17:00")
        print(f"set-up (course, gradebook, {len(assignments)} releases): {time.perf_counter() - started:.1f} s")

        print(f"\nautograde, {args.real} rehearsal trainees per assignment (one malformed, not graded):")
        total_time = total_done = 0
        for assignment in assignments:
            seconds, done = _autograde(course, assignment, base / f"inbox-{assignment}", args.real, args.execution)
            total_time += seconds
            total_done += done
            print(f"  {assignment:24s} {done:3d} graded  {seconds / max(done, 1):.3f} s per submission ({args.execution})")
        print(f"  {'all':24s} {total_done:3d} graded  {total_time / max(total_done, 1):.3f} s per submission")
        if args.compare:
            for execution in ("shared-kernel", "fresh-kernels"):
                copy = init_course(base / f"course-{execution}")[0]
                release(copy, assignments[0], due="2025-03-14 17:00")
                seconds, done = _autograde(copy, assignments[0], base / f"inbox-{execution}", args.real, execution)
                print(f"  {assignments[0]:24s} {done:3d} graded  {seconds / max(done, 1):.3f} s per submission ({execution})")

        started = time.perf_counter()
        _scale(course, assignments, args.trainees)
        print(f"\nscaled to {args.trainees} trainees x {len(assignments)} assignments in {time.perf_counter() - started:.1f} s")
        shutil.rmtree(course.reports / "records", ignore_errors=True)
        for label in ("cold (reads every autograded notebook)", "warm (records cache)"):
            started = time.perf_counter()
            path = write_report(course)
            print(f"report, {label}: {time.perf_counter() - started:.2f} s ({path.stat().st_size / 1e6:.1f} MB)")
        started = time.perf_counter()
        export_grades(course)
        print(f"grades CSV: {time.perf_counter() - started:.2f} s")
        if args.keep_report:
            shutil.copyfile(path, args.keep_report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
