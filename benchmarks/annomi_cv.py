#!/usr/bin/env python3
# The project's copy of the shared benchmark harness (shared/bench/annomi_cv.py), reading the
# kit's own copy of AnnoMI so the figures can be reproduced from a clone alone.
"""Transcript-grouped cross-validation of the kit's language analyzer on AnnoMI.

For each of K folds (transcripts assigned to folds by id, never by utterance) it
  1. writes the other folds' rows to a CSV and runs the project's training command
     `coachkit train --data TRAIN.csv --out MODEL_DIR`,
  2. sends every therapist utterance of the held-out fold, with the preceding client
     utterance as context, as JSONL to `coachkit score --jsonl --model MODEL_DIR`,
and prints, pooled over folds:
  - 4-class macro-F1 of `mi_code` against the experts' main behaviour
    (question / reflection / therapist_input / other; majority label where
    several experts coded an utterance),
  - F1 of flagging advice (`act` in {advice, leading_question}) against
    therapist_input_subtype == advice,
  - session-level ROC AUC of the mean `inquiry_index` against mi_quality,
  - scoring throughput in utterances per second (whole process, start-up included).
Last line: `macroF1=... adviceF1=... sessionAUC=... utt_per_s=...`.

Usage (from the project root, with the kit installed in .venv):
  python benchmarks/annomi_cv.py [--data CSV] [--folds 5]
      [--coachkit .venv/bin/coachkit] [--min-macro X] [--min-auc Y] [--min-rate Z]
Exit status 1 where a --min-* bound is not met or the kit fails.
"""
import argparse, csv, json, os, subprocess, sys, tempfile, time
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DATA = os.path.join(HERE, "..", "datasets", "annomi", "annomi_dev.csv")
LABELS = ["question", "reflection", "therapist_input", "other"]
DIRECTIVE = {"advice", "leading_question"}


def utterances(rows):
    by_utt = defaultdict(list)
    for r in rows:
        by_utt[(r["transcript_id"], int(r["utterance_id"]))].append(r)
    out, prev_client = [], ""
    for key in sorted(by_utt, key=lambda k: (int(k[0]), k[1])):
        rs = by_utt[key]
        r0 = rs[0]
        if r0["interlocutor"] == "client":
            prev_client = r0["utterance_text"]
            continue
        main = Counter(r["main_therapist_behaviour"] for r in rs).most_common(1)[0][0]
        adv = Counter(r["therapist_input_subtype"] == "advice" for r in rs).most_common(1)[0][0]
        out.append(dict(id=f"{key[0]}:{key[1]}", tid=key[0], text=r0["utterance_text"],
                        context=prev_client, quality=r0["mi_quality"], main=main, advice=adv))
        prev_client = ""
    return out


def f1(pairs, lab):
    tp = sum(1 for g, p in pairs if g == lab and p == lab)
    fp = sum(1 for g, p in pairs if g != lab and p == lab)
    fn = sum(1 for g, p in pairs if g == lab and p != lab)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def auc(pos, neg):
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def run(cmd, **kw):
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if p.returncode != 0:
        print(p.stderr[-2000:])
        print(f"FAIL: {' '.join(cmd[:3])} ... exited {p.returncode}")
        sys.exit(1)
    return p


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--coachkit", default=".venv/bin/coachkit")
    ap.add_argument("--min-macro", type=float, default=0.0)
    ap.add_argument("--min-auc", type=float, default=0.0)
    ap.add_argument("--min-rate", type=float, default=0.0)
    a = ap.parse_args()
    with open(a.data, newline="") as fh:
        rows = list(csv.DictReader(fh))
    fields = list(rows[0].keys())
    tids = sorted({r["transcript_id"] for r in rows}, key=int)
    fold_of = {t: i % a.folds for i, t in enumerate(tids)}
    out, gold, n_scored, t_scoring = {}, {}, 0, 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(a.folds):
            train_csv = os.path.join(tmp, f"train{k}.csv")
            with open(train_csv, "w", newline="") as fh:
                w = csv.DictWriter(fh, fieldnames=fields)
                w.writeheader()
                w.writerows(r for r in rows if fold_of[r["transcript_id"]] != k)
            model = os.path.join(tmp, f"model{k}")
            run([a.coachkit, "train", "--data", train_csv, "--out", model])
            test = utterances([r for r in rows if fold_of[r["transcript_id"]] == k])
            lines = "".join(json.dumps({"id": u["id"], "text": u["text"], "context": u["context"]}) + "\n"
                            for u in test)
            t0 = time.perf_counter()
            p = run([a.coachkit, "score", "--jsonl", "--model", model], input=lines)
            t_scoring += time.perf_counter() - t0
            for ln in p.stdout.splitlines():
                if ln.strip():
                    o = json.loads(ln)
                    out[o["id"]] = o
            for u in test:
                gold[u["id"]] = u
            n_scored += len(test)
    missing = [i for i in gold if i not in out]
    if missing:
        print(f"FAIL: {len(missing)} utterances missing from the output, e.g. {missing[:3]}")
        sys.exit(1)
    pairs = [(gold[i]["main"], out[i]["mi_code"]) for i in gold]
    per = {l: round(f1(pairs, l), 3) for l in LABELS}
    macro = sum(per.values()) / len(LABELS)
    adv = f1([(gold[i]["advice"], out[i]["act"] in DIRECTIVE) for i in gold], True)
    sess = defaultdict(list)
    for i in gold:
        sess[(gold[i]["tid"], gold[i]["quality"])].append(float(out[i]["inquiry_index"]))
    hi = [sum(v) / len(v) for (t, q), v in sess.items() if q == "high"]
    lo = [sum(v) / len(v) for (t, q), v in sess.items() if q == "low"]
    s_auc = auc(hi, lo) if hi and lo else float("nan")
    rate = n_scored / t_scoring
    print("per-class F1", per)
    print("confusion (gold -> predicted):")
    for g in LABELS:
        print(f"  {g:16s}", dict(Counter(p for gg, p in pairs if gg == g)))
    ok = macro >= a.min_macro and s_auc >= a.min_auc and rate >= a.min_rate
    print(f"macroF1={macro:.3f} adviceF1={adv:.3f} sessionAUC={s_auc:.3f} utt_per_s={rate:.0f} n={n_scored}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
