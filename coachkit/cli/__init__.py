"""The ``coachkit`` command: one thin subcommand per library capability.

Each subcommand lives in its own module in this package and exposes ``add_parser`` (declare
its options) and ``run`` (call the library, return an exit status). Heavy libraries are
imported inside ``run`` only, so ``coachkit score`` starts fast.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from coachkit.errors import CoachKitError

#: Subcommand name -> module in this package that implements it.
COMMANDS: dict[str, str] = {
    "score": "score",
    "serve": "serve",
    "simulate": "simulate",
    "train": "train",
    "cohort": "cohort",
    "course": "course",
}


def build_parser() -> argparse.ArgumentParser:
    """Return the top-level parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="coachkit",
        description="CoachKit: practise academic coaching with feedback on your language.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(f"coachkit.cli.{module_name}")
        command = module.add_parser(sub)
        command.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one ``coachkit`` command; returns the process exit status (for callers and tests)."""
    return _dispatch(build_parser().parse_args(argv))


def console() -> NoReturn:
    """Entry point of the console script and of ``python -m coachkit``.

    A command that has written all its output and has nothing left to save sets the
    ``_quick_exit`` default (``score`` does): the process then ends without tearing the
    interpreter down. After a batch, freeing every cached object one by one took about 25 ms
    of a 0.43 s run of 2,000 utterances.
    """
    args = build_parser().parse_args()
    status = _dispatch(args)
    if getattr(args, "_quick_exit", False):
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except OSError:  # the reader went away: leave the ordinary way, which reports it
            pass
        else:
            os._exit(status)
    sys.exit(status)


def _dispatch(args: argparse.Namespace) -> int:
    try:
        return int(args._run(args) or 0)
    except CoachKitError as exc:
        print(f"coachkit {args.command}: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover - exercised through the console script
    console()
