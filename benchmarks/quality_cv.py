#!/usr/bin/env python3
"""The quality tier next to the fast tier: transcript-grouped CV on AnnoMI, latency, directive.

Same protocol as ``benchmarks/annomi_cv.py``: transcripts are assigned to folds by their
sorted id (``i % folds``), every therapist utterance of the held-out fold is scored with the
preceding client utterance as context, and labels are the experts' majority. For each fold
both tiers are trained on the other folds with the library functions ``coachkit train``
calls (``training.train`` for the fast model, ``quality_training.train_joint`` for the quality
tier's joint heads) and scored with ``analyze_many(..., tier=...)``. One encoder instance serves every
fold: the encoder is frozen (the same ``encoder.onnx`` the CLI copies), so caching each
text's embedding changes no number, only the time taken (about 10-40 minutes on 2 cores).

Prints, pooled over folds and for each tier: 4-class macro-F1 of ``mi_code``, per-class F1,
advice F1 (``act`` in advice / leading_question against the advice subtype), session AUC
(mean inquiry index, high- against low-quality sessions); then per-reply latency (median and
p95 of one ``analyze()`` call in a warm process with the shipped models, the encoder's cache
empty) and directive precision / recall / F1 on the held-out written-coaching test set and
on the dev set by a writer the detector has never read.
Last line: ``folds=... fast_macroF1=... quality_macroF1=... ...``.

Usage (from the project root, kit installed in .venv): python benchmarks/quality_cv.py [--folds 5]
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from annomi_cv import LABELS, auc, f1, utterances  # noqa: E402  (the harness's own reading and scores)
from written_sets import HELD_OUT, directive_figures  # noqa: E402

TIERS = ("fast", "quality")


def cross_validate(rows: list[dict], folds: int) -> dict[str, dict[str, dict]]:
    """Per tier, the pooled held-out output ``{utterance id: {mi_code, act, inquiry_index}}``."""
    from coachkit.analyzer import analyze_many
    from coachkit.analyzer.encoder import Encoder
    from coachkit.analyzer.quality import SHIPPED_QUALITY_DIR, QualityModel
    from coachkit.analyzer.quality_training import LAYERS, train_joint
    from coachkit.analyzer.training import read_annomi, read_replies, train
    from coachkit.paths import dataset_path

    encoder = Encoder(SHIPPED_QUALITY_DIR, layers=LAYERS, cache_size=100_000)
    sentences = read_replies(dataset_path("coaching_replies", "train.csv"))
    tids = sorted({r["transcript_id"] for r in rows}, key=int)
    fold_of = {t: i % folds for i, t in enumerate(tids)}
    out: dict[str, dict[str, dict]] = {tier: {} for tier in TIERS}
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(folds):
            started = time.perf_counter()
            train_csv = os.path.join(tmp, f"train{k}.csv")
            with open(train_csv, "w", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
                writer.writeheader()
                writer.writerows(r for r in rows if fold_of[r["transcript_id"]] != k)
            annomi = read_annomi(train_csv)
            fast = train(annomi + sentences)
            parts = train_joint(annomi + sentences, encoder=encoder)
            quality = QualityModel(fast, parts["joint"], parts["mean"], parts["scale"], parts["weights"], encoder)
            test = utterances([r for r in rows if fold_of[r["transcript_id"]] == k])
            texts, contexts = [u["text"] for u in test], [u["context"] for u in test]
            for tier, model in (("fast", fast), ("quality", quality)):
                for u, a in zip(test, analyze_many(texts, contexts, tier=tier, model=model, with_readability=False)):
                    out[tier][u["id"]] = {"mi_code": a.mi_code, "act": a.act, "inquiry_index": a.inquiry_index}
            print(f"fold {k + 1}/{folds}: {len(test)} utterances, {time.perf_counter() - started:.0f} s", flush=True)
    return out


def scores(gold: dict[str, dict], out: dict[str, dict]) -> dict:
    pairs = [(gold[i]["main"], out[i]["mi_code"]) for i in gold]
    per = {label: f1(pairs, label) for label in LABELS}
    advice = f1([(gold[i]["advice"], out[i]["act"] in {"advice", "leading_question"}) for i in gold], True)
    sessions = defaultdict(list)
    for i in gold:
        sessions[(gold[i]["tid"], gold[i]["quality"])].append(float(out[i]["inquiry_index"]))
    high = [sum(v) / len(v) for (_, q), v in sessions.items() if q == "high"]
    low = [sum(v) / len(v) for (_, q), v in sessions.items() if q == "low"]
    confusion = {g: dict(Counter(p for gg, p in pairs if gg == g)) for g in LABELS}
    return {"macro": sum(per.values()) / len(per), "per": per, "advice": advice, "auc": auc(high, low),
            "confusion": confusion}


def latency(texts: list[str], contexts: list[str], tier: str) -> tuple[float, float]:
    """Median and p95 milliseconds of one ``analyze()`` call (shipped model, warm process)."""
    from coachkit.analyzer import analyze

    analyze("Thanks for coming in today.", "Hi.", tier=tier)  # load the model
    times = []
    for text, context in zip(texts, contexts):
        started = time.perf_counter()
        analyze(text, context, tier=tier)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * len(times)) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(ROOT / "datasets" / "annomi" / "annomi_dev.csv"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--latency-replies", type=int, default=200)
    args = parser.parse_args()
    with open(args.data, newline="") as handle:
        rows = list(csv.DictReader(handle))
    gold = {u["id"]: u for u in utterances(rows)}
    out = cross_validate(rows, args.folds)
    results = {tier: scores(gold, out[tier]) for tier in TIERS}
    print(f"\nAnnoMI, transcript-grouped {args.folds}-fold CV, {len(gold)} therapist utterances "
          "(majority labels, preceding client utterance as context):")
    for tier in TIERS:
        r = results[tier]
        print(f"  {tier:8s} macro-F1 {r['macro']:.3f}  per class "
              + ", ".join(f"{k} {v:.3f}" for k, v in r["per"].items())
              + f"  advice F1 {r['advice']:.3f}  session AUC {r['auc']:.3f}")
        for g, row in r["confusion"].items():
            print(f"      {g:16s} -> {row}")
    sample = list(gold.values())[:: max(1, len(gold) // args.latency_replies)][: args.latency_replies]
    lat = {tier: latency([u["text"] for u in sample], [u["context"] for u in sample], tier) for tier in TIERS}
    dirs = {tier: {split: directive_figures(split, tier) for split in HELD_OUT} for tier in TIERS}
    for tier in TIERS:
        test, dev = dirs[tier]["test"], dirs[tier]["dev"]
        print(f"  {tier:8s} one reply in a warm process: median {lat[tier][0]:.1f} ms, p95 {lat[tier][1]:.1f} ms; "
              f"written-coaching directive P {test.precision:.3f} R {test.recall:.3f} F1 {test.f1:.3f} "
              f"(dev: P {dev.precision:.3f} R {dev.recall:.3f} F1 {dev.f1:.3f})")
    print(" ".join(
        [f"folds={args.folds}"]
        + [f"{tier}_macroF1={results[tier]['macro']:.3f} {tier}_adviceF1={results[tier]['advice']:.3f} "
           f"{tier}_sessionAUC={results[tier]['auc']:.3f} {tier}_reply_ms={lat[tier][0]:.1f} "
           f"{tier}_directiveF1={dirs[tier]['test'].f1:.3f} {tier}_devDirectiveF1={dirs[tier]['dev'].f1:.3f}"
           for tier in TIERS]
    ))


if __name__ == "__main__":
    main()
