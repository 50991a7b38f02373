"""``coachkit train``: rebuild the analyzer's model from AnnoMI-format transcripts."""

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
    parser.add_argument("--tier", default="fast", choices=("fast", "quality"),
                        help="fast (default), or quality: the fast model plus a main head over a sentence encoder")
    parser.add_argument("--encoder", metavar="DIR", default=None,
                        help="with --tier quality: take encoder.onnx and tokenizer.json from DIR (default: the shipped ones)")
    parser.add_argument("--export-encoder", action="store_true",
                        help="with --tier quality: rebuild the encoder from all-MiniLM-L6-v2 (needs coachkit[train])")
    parser.add_argument("--without-fast", action="store_true",
                        help="with --tier quality: write only the quality files; the package's fast model then "
                             "supplies the other heads (as in the shipped quality model)")
    return parser


def run(args: argparse.Namespace) -> int:
    from coachkit.analyzer.training import read_annomi, read_replies, train
    from coachkit.paths import dataset_path

    utterances = read_annomi(args.data)
    sentences = read_replies(args.replies or dataset_path("coaching_replies", "train.csv"))
    if args.tier == "quality":
        from coachkit.analyzer.quality_training import build

        directory = build(utterances, sentences, out=args.out, encoder_from=args.encoder, export=args.export_encoder,
                          with_fast=not args.without_fast)
    else:
        directory = train(utterances + sentences).save(args.out)
    print(f"trained the {args.tier} tier on {len(utterances)} AnnoMI utterances and {len(sentences)} written coaching "
          f"sentences; model written to {directory}")
    return 0
