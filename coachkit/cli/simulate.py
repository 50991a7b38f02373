"""``coachkit simulate``: play a coaching scenario in the terminal.

Type one reply per line; each gets sentence-by-sentence feedback and the other person's
answer. Piped input works too (one reply per line), which is how tests drive it. Every turn
is saved as it happens; ``--resume`` carries on an attempt that was interrupted.
"""

from __future__ import annotations

import argparse
import json
import sys


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Declare the ``simulate`` subcommand."""
    parser = subparsers.add_parser(
        "simulate",
        help="practise a coaching conversation with a simulated student",
        description="Practise a coaching conversation with a simulated student. Type one "
        "reply per line; /quit (or Ctrl-D) stops and keeps your work.",
    )
    parser.add_argument("scenario", nargs="?", help="scenario id (see --list) or a .yaml file")
    parser.add_argument("--list", action="store_true", help="list the scenarios and exit")
    parser.add_argument("--resume", action="store_true",
                        help="carry on your last unfinished attempt of this scenario")
    parser.add_argument("--seed", type=int, default=0,
                        help="varies the other person's lines reproducibly (default 0)")
    parser.add_argument("--trainee", help="your name for saving work (remembered)")
    parser.add_argument("--schema", action="store_true",
                        help="print the JSON Schema of scenario files and exit")
    return parser


def _read_reply(prompt: str) -> str | None:
    if sys.stdin.isatty():
        try:
            return input(prompt)
        except EOFError:
            return None
    print(prompt, end="", flush=True)
    line = sys.stdin.readline()
    if not line:
        return None
    print(line.rstrip("\n"))  # echo piped replies so the transcript on screen reads well
    return line.rstrip("\n")


def _trainee_folder(args: argparse.Namespace):
    from coachkit.errors import ConfigError
    from coachkit.workdir import known_trainee_id, remember_trainee_id, workdir

    if args.trainee:
        return workdir(trainee_id=remember_trainee_id(args.trainee))
    if known_trainee_id() is None and sys.stdin.isatty():
        name = input("What name should your work be saved under? ").strip()
        if not name:
            raise ConfigError("no name given; your work needs a name to be saved under")
        remember_trainee_id(name)
    return workdir()


def run(args: argparse.Namespace) -> int:
    """List scenarios, or play one until it ends or input runs out."""
    from coachkit.errors import InputError
    from coachkit.scenarios import (
        ReplyRejected,
        json_schema,
        list_scenarios,
        load_scenario,
        open_session,
    )
    from coachkit.scenarios.debrief import build_debrief
    from coachkit.ui.text import debrief_text, feedback_text

    if args.schema:
        print(json.dumps(json_schema(), indent=2))
        return 0
    if args.list:
        for scenario in list_scenarios():
            role = " (you play the student)" if scenario.trainee_role == "student" else ""
            print(f"{scenario.id:24} {scenario.title}{role}\n{'':24} skill: "
                  f"{scenario.skill_title}")
        return 0
    if not args.scenario:
        raise InputError("name a scenario to play (see: coachkit simulate --list)")

    scenario = load_scenario(args.scenario)
    session = open_session(scenario, resume=args.resume, seed=args.seed,
                           folder=_trainee_folder(args))
    you, them = scenario.trainee_role, scenario.simulated_role
    name = session.persona.values["name"]
    print(f"=== {scenario.title} ===  (attempt {session.attempt})")
    print(session.persona.fill(scenario.setting).strip())
    print("Aims:\n" + "\n".join(f"  - {o}" for o in scenario.objectives))
    print(f"You are the {you}. One reply per line; /quit stops (your work is saved).\n")
    for turn in session.turns:
        if turn.speaker == them:
            print(f"{name if them == 'student' else 'Coach'}: {turn.text}")
        elif turn.speaker == you:
            print(f"You: {turn.text}")
    while not session.ended:
        text = _read_reply(f"You ({you}): ")
        if text is None or text.strip() in {"/quit", "/exit"}:
            print(f"\nYour conversation is saved. Carry on later with: coachkit simulate "
                  f"{scenario.id} --resume")
            return 0
        try:
            exchange = session.reply(text)
        except ReplyRejected as exc:
            print(f"  {exc}")
            continue
        print(feedback_text(exchange.analysis))
        for line in exchange.responses:
            print(f"{name if them == 'student' else 'Coach'}: {line}")
    print()
    print(debrief_text(build_debrief(session)))
    return 0
