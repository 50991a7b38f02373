"""``coachkit cohort``: generate a synthetic student cohort and write its tables.

    coachkit cohort --students 500 --seed 7 --out my-cohort
    coachkit cohort --out demo --mix steady=1,overconfident=1 --dashboard overconfident
"""

from __future__ import annotations

import argparse
from pathlib import Path

from coachkit.errors import InputError


def _mix(text: str) -> dict[str, float]:
    """Parse ``name=share,name=share`` (shares are normalised later)."""
    mix: dict[str, float] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, sep, value = part.partition("=")
        try:
            mix[name.strip()] = float(value) if sep else 1.0
        except ValueError:
            raise argparse.ArgumentTypeError(f"bad share {value!r} for {name!r}") from None
    if not mix:
        raise argparse.ArgumentTypeError("give at least one archetype, e.g. steady=0.5")
    return mix


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Declare ``coachkit cohort`` and its options."""
    parser = subparsers.add_parser(
        "cohort",
        help="generate a synthetic student cohort (CSV/Parquet tables + data dictionary)",
        description="Generate synthetic pre-clerkship students (exams, question-bank sessions, "
        "practice exams, study log, calibration, wellbeing, coaching meetings, ILP goals) and "
        "write them with a README data dictionary. The same options give identical files.",
    )
    parser.add_argument("--students", type=int, default=None, metavar="N",
                        help="number of students (default 60, or the config file's)")
    parser.add_argument("--seed", type=int, default=None, metavar="S",
                        help="random seed (default 2024, or the config file's)")
    parser.add_argument("--out", required=True, type=Path, metavar="DIR",
                        help="folder to write (created if missing)")
    parser.add_argument("--mix", type=_mix, default=None, metavar="NAME=SHARE,...",
                        help="archetype mix, e.g. steady=0.6,overconfident=0.4")
    parser.add_argument("--config", type=Path, default=None, metavar="FILE",
                        help="YAML/JSON file with CohortConfig fields (options above win)")
    parser.add_argument("--format", choices=("csv", "parquet", "both"), default=None,
                        help="table files to write (default: both when pyarrow is installed)")
    parser.add_argument("--dashboard", action="append", default=[], metavar="ID|ARCHETYPE",
                        help="also save the dashboard PNG and SVG of this student id, or of "
                        "the clearest student of this archetype (repeatable)")
    return parser


def run(args: argparse.Namespace) -> int:
    """Generate, write, report; errors surface as ``CoachKitError`` (exit 2)."""
    import time

    from coachkit.cohort import CohortConfig, dashboard, generate
    from coachkit.cohort.figure import save_figure

    started = time.perf_counter()
    overrides = {key: value for key, value in (("students", args.students), ("seed", args.seed),
                                               ("mix", args.mix)) if value is not None}
    if args.config is not None:
        config = CohortConfig.from_file(args.config, **overrides)
    else:
        config = CohortConfig(**overrides)
    cohort = generate(config)
    formats = {None: None, "csv": ("csv",), "parquet": ("parquet",),
               "both": ("csv", "parquet")}[args.format]
    out = cohort.write(args.out, formats=formats)
    figures = []
    for wanted in args.dashboard:
        if wanted in config.archetypes:
            student_id = cohort.find(archetype=wanted)
        elif wanted in cohort.student_ids:
            student_id = wanted
        else:
            raise InputError(
                f"--dashboard {wanted!r} is neither a student id nor an archetype "
                f"({', '.join(sorted(config.archetypes))})"
            )
        fig = dashboard(cohort, student_id)
        for suffix in ("png", "svg"):
            figures.append(save_figure(fig, out / f"dashboard-{student_id}.{suffix}").name)
    elapsed = time.perf_counter() - started
    print(f"Wrote {len(cohort)} students (seed {config.seed}) to {out} in {elapsed:.1f} s: "
          f"{len(cohort.tables)} tables, README.md, config.json"
          + (f", {', '.join(figures)}" if figures else ""))
    return 0
