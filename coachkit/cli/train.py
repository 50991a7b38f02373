"""``coachkit train``: rebuild the fast tier's model from AnnoMI-format transcripts."""

from __future__ import annotations

import argparse


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "train",
        help="train the analyzer's model from AnnoMI-format transcripts",
        description="Train the analyzer (deterministic: the same data gives the same model).",
    )
    parser.add_argument("--data", required=True, metavar="CSV", help="AnnoMI-format CSV (e.g. datasets/annomi/annomi_dev.csv)")
    parser.add_argument("--out", required=True, metavar="DIR", help="directory to write the model to")
    return parser


def run(args: argparse.Namespace) -> int:
    from coachkit.analyzer.training import read_annomi, train

    examples = read_annomi(args.data)
    directory = train(examples).save(args.out)
    print(f"trained on {len(examples)} utterances; model written to {directory}")
    return 0
