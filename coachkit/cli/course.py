"""``coachkit course``: run an nbgrader course without knowing nbgrader's commands.

    coachkit course init my-course
    coachkit course trainees add --csv roster.csv
    coachkit course release supportive-climate --due "2025-03-14 17:00"
    coachkit course collect supportive-climate --from downloads.zip
    coachkit course autograde supportive-climate
    coachkit course feedback supportive-climate
    coachkit course report

Every step reports problems trainee by trainee and goes on with the others; running a step
again is safe. Run the commands inside the course folder, or give ``--course FOLDER``.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def _common(course_option: bool = True) -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    if course_option:
        parent.add_argument("--course", type=Path, default=Path("."), metavar="FOLDER",
                            help="the course folder (default: the current folder)")
    return parent


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Declare ``coachkit course`` and its steps."""
    parser = subparsers.add_parser(
        "course", help="grade a cohort with nbgrader: release, collect, autograde, feedback, report",
        description="Run a workshop's nbgrader course: set it up, add trainees, release an "
        "assignment, collect submissions (exchange, folder or LMS zip), autograde with the "
        "rubrics, write feedback, and report on the cohort.",
    )
    steps = parser.add_subparsers(dest="step", metavar="STEP", required=True)
    common = _common()

    p = steps.add_parser("init", help="create a course folder from the kit's assignments")
    p.add_argument("folder", type=Path, help="folder to create (or complete)")
    p.add_argument("--course-id", default=None, help="course id used by the nbgrader exchange")

    p = steps.add_parser("build-sources", parents=[common],
                         help="rebuild source/ notebooks from assignments.yaml and the modules")

    p = steps.add_parser("trainees", parents=[common], help="add or list trainees")
    p.add_argument("action", choices=("add", "list"))
    p.add_argument("ids", nargs="*", metavar="ID", help="trainee ids to add")
    p.add_argument("--csv", type=Path, default=None, metavar="FILE",
                   help="roster with columns id, first_name, last_name, email")

    p = steps.add_parser("release", parents=[common], help="make the trainee version of an assignment")
    p.add_argument("assignment")
    p.add_argument("--due", default=None, metavar="WHEN", help='due date, e.g. "2025-03-14 17:00"')
    p.add_argument("--exchange", action="store_true", help="also hand it out through nbgrader's exchange")

    p = steps.add_parser("collect", parents=[common], help="collect submissions")
    p.add_argument("assignment")
    p.add_argument("--from", dest="source", type=Path, default=None, metavar="FOLDER|ZIP",
                   help="a folder (one sub-folder per trainee) or an LMS zip; default: the exchange")

    p = steps.add_parser("autograde", parents=[common], help="grade the collected submissions")
    p.add_argument("assignment")
    p.add_argument("--trainee", action="append", default=None, metavar="ID", help="only this trainee (repeatable)")
    p.add_argument("--execution", choices=("in-process", "shared-kernel", "fresh-kernels"), default="in-process",
                   help="how notebooks run: in this process (fastest, default), in one shared kernel, "
                   "or one new kernel per notebook (nbgrader's own way; slowest, fully isolated)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")

    p = steps.add_parser("feedback", parents=[common], help="write feedback pages for each trainee")
    p.add_argument("assignment")
    p.add_argument("--release", action="store_true", help="also hand it out through nbgrader's exchange")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")

    p = steps.add_parser("report", parents=[common], help="cohort report (HTML) and grades (CSV)")
    p.add_argument("--out", type=Path, default=None, metavar="FILE", help="report file (default reports/cohort-report.html)")
    p.add_argument("--csv", type=Path, default=None, metavar="FILE", help="grades file (default reports/grades.csv)")

    p = steps.add_parser("sample", parents=[common], help="write rehearsal submissions to practise the workflow")
    p.add_argument("assignment")
    p.add_argument("--out", type=Path, required=True, metavar="FOLDER", help="where to write them")
    p.add_argument("--trainees", type=int, default=30, metavar="N")
    p.add_argument("--seed", type=int, default=0)
    return parser


def run(args: argparse.Namespace) -> int:
    """Run one step; problems are printed by trainee, errors exit with status 2."""
    from coachkit import grading

    if args.step == "init":
        course, added = grading.init_course(args.folder, course_id=args.course_id)
        print(f"course folder {course.root}: " + (f"added {', '.join(added)}" if added else "already complete"))
        print(f"assignments: {', '.join(course.assignments())}")
        return 0
    course = grading.Course.open(args.course)
    if args.step == "build-sources":
        for path in grading.write_sources(grading=course.root):
            print(path.relative_to(course.root))
        return 0
    if args.step == "trainees":
        if args.action == "list":
            for t in grading.list_trainees(course):
                names = " ".join(filter(None, (t.first_name, t.last_name)))
                print("\t".join(filter(None, (t.id, names, t.email))))
            return 0
        roster = grading.read_roster(args.csv) if args.csv else []
        added, present = grading.add_trainees(course, [*roster, *args.ids])
        print(f"{len(added)} added, {len(present)} already on the roster")
        return 0
    if args.step == "report":
        report = grading.write_report(course, out=args.out)
        grades = grading.export_grades(course, out=args.csv)
        print(f"report: {report}\ngrades: {grades}")
        return 0
    if args.step == "sample":
        from coachkit.grading.sample import write_cohort

        trainees = write_cohort(course, course.check_assignment(args.assignment), args.out,
                                n=args.trainees, seed=args.seed)
        print(f"{len(trainees)} rehearsal submissions in {args.out}; collect them with "
              f"'coachkit course collect {args.assignment} --from {args.out}'")
        return 0
    if args.step == "release":
        outcome = grading.release(course, args.assignment, due=args.due, to_exchange=args.exchange)
    elif args.step == "collect":
        outcome = grading.collect(course, args.assignment, source=args.source)
    elif args.step == "autograde":
        outcome = grading.autograde(course, args.assignment, trainees=args.trainee,
                                    execution=args.execution, progress=not args.no_progress)
    else:
        outcome = grading.generate_feedback(course, args.assignment, release=args.release,
                                            progress=not args.no_progress)
    print(outcome.summary())
    return 0
