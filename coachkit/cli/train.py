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
    parser.add_argument("--replies", metavar="CSV", default=None,
                        help="labelled written coaching replies (default: datasets/coaching_replies/train.csv)")
    return parser


def run(args: argparse.Namespace) -> int:
    from coachkit.analyzer.training import read_annomi, read_replies, train
    from coachkit.paths import dataset_path

    utterances = read_annomi(args.data)
    sentences = read_replies(args.replies or dataset_path("coaching_replies", "train.csv"))
    directory = train(utterances + sentences).save(args.out)
    print(f"trained on {len(utterances)} AnnoMI utterances and {len(sentences)} written coaching sentences; "
          f"model written to {directory}")
    return 0
