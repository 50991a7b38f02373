"""The quality tier: loads offline without torch, same contract as the fast tier, deterministic."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from coachkit.analyzer import MI_CODES, TIERS, analyze, analyze_many, load_model
from coachkit.analyzer.acts import is_directive
from coachkit.analyzer.quality import SHIPPED_QUALITY_DIR, QualityModel, load_quality_model
from coachkit.analyzer.quality_training import LAYERS, build
from coachkit.analyzer.training import read_annomi, read_replies
from coachkit.cli import main
from coachkit.errors import ModelError

REPLIES = [
    ("So the renal block felt like it came out of nowhere.", "I failed the renal exam and I studied so hard."),
    ("What would a good week of studying look like for you?", "I never know where to start."),
    ("You should start using flashcards. What do you think?", "I keep forgetting the drugs."),
    ("Thanks for coming in today.", ""),
    ("", ""),
    ("Tu devrais dormir davantage avant l'examen.", ""),
]


def _run_python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


def test_quality_is_a_tier() -> None:
    assert TIERS == ("fast", "quality")


def test_the_quality_tier_runs_without_torch() -> None:
    proc = _run_python(
        "import sys; from coachkit.analyzer import analyze; "
        "a = analyze('It sounds like the score stung.', 'I failed renal.', tier='quality'); "
        "print(a.mi_code, 'torch' in sys.modules, 'onnxruntime' in sys.modules)"
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["reflection", "False", "True"]


def test_the_fast_tier_never_imports_the_encoder_runtime() -> None:
    proc = _run_python(
        "import sys; from coachkit.analyzer import analyze; analyze('You should sleep more.'); "
        "print(sorted(m for m in ('onnxruntime', 'tokenizers', 'torch') if m in sys.modules))"
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


@pytest.mark.parametrize(("text", "context"), REPLIES)
def test_output_contract_matches_the_fast_tier(text: str, context: str) -> None:
    fast, quality = analyze(text, context), analyze(text, context, tier="quality")
    assert set(quality.to_dict()) == set(fast.to_dict())
    assert (fast.tier, quality.tier) == ("fast", "quality")  # each analysis says which tier made it
    assert quality.notes == fast.notes
    assert [s.text for s in quality.sentences] == [s.text for s in fast.sentences]
    assert set(quality.probabilities) == set(MI_CODES)
    assert sum(quality.probabilities.values()) == pytest.approx(1.0, abs=1e-3)
    assert -1.0 <= quality.inquiry_index <= 1.0
    # the quality tier's own directive head decides; the act always agrees with it
    assert all(s.directive == is_directive(s.act) for s in quality.sentences)
    assert quality.directive == any(s.directive for s in quality.sentences)


@pytest.mark.parametrize(("text", "context", "code"), [
    ("So you're worried the next block will go the same way.", "I failed renal and cardio is next.", "reflection"),
    ("What do you make of that score?", "I got a 61 on the practice test.", "question"),
    ("Many students find spaced repetition helps with pharmacology.", "I can't keep the drugs straight.",
     "therapist_input"),
    ("Mm-hmm.", "And then I just stopped going to lectures.", "other"),
])
def test_clear_replies_get_their_code(text: str, context: str, code: str) -> None:
    assert analyze(text, context, tier="quality").mi_code == code


def test_scoring_is_deterministic_and_independent_of_the_batch() -> None:
    texts, contexts = [r[0] for r in REPLIES], [r[1] for r in REPLIES]
    batch = [a.to_dict() for a in analyze_many(texts, contexts, tier="quality")]
    alone = [analyze(t, c, tier="quality").to_dict() for t, c in zip(texts, contexts)]
    assert batch == alone
    assert batch == [a.to_dict() for a in analyze_many(texts[::-1], contexts[::-1], tier="quality")][::-1]


@pytest.fixture(scope="module")
def small_csv(csv_subset) -> Path:
    """The first 8 AnnoMI transcripts: enough for every head, quick to train on."""
    return csv_subset("annomi", "annomi_dev.csv", lambda _, row: int(row["transcript_id"]) < 8)


@pytest.fixture(scope="module")
def replies_csv(csv_subset) -> Path:
    return csv_subset("coaching_replies", "train.csv", lambda index, _: index < 150)


@pytest.fixture(scope="module")
def trained(small_csv, replies_csv, tmp_path_factory) -> Path:
    """A quality model trained through the CLI on the small data."""
    out = tmp_path_factory.mktemp("models") / "cli"
    assert main(["train", "--tier", "quality", "--data", str(small_csv), "--replies", str(replies_csv),
                 "--out", str(out)]) == 0
    return out


def test_training_through_the_cli_and_the_library_is_byte_identical(trained, small_csv, replies_csv, tmp_path) -> None:
    again = build(read_annomi(small_csv), read_replies(replies_csv), out=tmp_path / "lib", encoder_from=trained)
    files = sorted(p.relative_to(trained) for p in trained.rglob("*") if p.is_file())
    assert {"quality.json", "dense.npz", "joint/weights.npz", "encoder.onnx", "model.json"} <= {str(f) for f in files}
    for name in files:
        assert (trained / name).read_bytes() == (again / name).read_bytes(), name


def test_a_trained_model_is_loaded_and_used(trained) -> None:
    model = load_quality_model(trained)
    assert isinstance(model, QualityModel)
    assert model.fast is load_model(trained)
    assert model.encoder.layers == LAYERS
    text, context = REPLIES[0]
    assert (analyze(text, context, tier="quality", model=str(trained)).to_dict()
            == analyze(text, context, tier="quality", model=model).to_dict())
    probs, fast = model.predict([text], [context]), model.fast.predict([text], [context])
    for head in ("main", "directive"):  # the joint heads replace the fast model's
        assert np.allclose(probs[head].sum(axis=1), 1.0)
        assert not np.allclose(probs[head], fast[head])
    assert np.array_equal(probs["act"], fast["act"])


def test_the_shipped_quality_model_uses_the_shipped_fast_heads() -> None:
    model = load_quality_model()
    assert not (SHIPPED_QUALITY_DIR / "model.json").exists()
    assert model.fast is load_model()
    assert (SHIPPED_QUALITY_DIR / "encoder.onnx").stat().st_size < 40_000_000


def test_score_cli_streams_jsonl_with_the_quality_tier() -> None:
    lines = '{"id": 1, "text": "It sounds like the score stung.", "context": "I failed."}\nnot json\n{"id": 3, "text": ""}\n'
    proc = subprocess.run([sys.executable, "-m", "coachkit", "score", "--tier", "quality", "--jsonl"], input=lines,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o["id"] for o in out] == [1, None, 3]
    assert out[0]["mi_code"] == "reflection" and "error" in out[1] and out[2]["notes"] == ["empty"]


def _copy_shipped(tmp_path: Path) -> Path:
    target = tmp_path / "model"
    shutil.copytree(SHIPPED_QUALITY_DIR, target)
    return target


@pytest.mark.parametrize(("breakage", "message"), [
    ("empty", "not a CoachKit quality model directory"),
    ("no_encoder", "has no quality-tier encoder"),
    ("format", "another version of CoachKit"),
    ("dense_shape", "does not match the encoder"),
    ("pickle", "cannot read the weights"),
])
def test_a_bad_quality_model_directory_is_a_clear_error(breakage: str, message: str, tmp_path) -> None:
    if breakage == "empty":
        directory = tmp_path
    else:
        directory = _copy_shipped(tmp_path)
        if breakage == "no_encoder":
            (directory / "encoder.onnx").unlink()
        elif breakage == "format":
            manifest = json.loads((directory / "quality.json").read_text())
            (directory / "quality.json").write_text(json.dumps({**manifest, "format_version": 99}))
        elif breakage == "dense_shape":
            np.savez(directory / "dense.npz", mean=np.zeros(3), scale=np.ones(3), weights=np.zeros((3, 4)))
        else:
            np.savez(directory / "dense.npz", mean=np.array([object()], dtype=object), scale=np.ones(1),
                     weights=np.zeros((1, 4)))
    with pytest.raises(ModelError, match=message):
        load_quality_model(directory)


def test_a_fast_model_is_refused_for_the_quality_tier() -> None:
    with pytest.raises(ModelError, match="needs a quality model directory"):
        analyze("Hello.", tier="quality", model=load_model())


def test_score_cli_reports_a_bad_quality_model_in_one_line(capsys, tmp_path) -> None:
    assert main(["score", "--tier", "quality", "--model", str(tmp_path), "Hi"]) == 2
    assert "not a CoachKit quality model directory" in capsys.readouterr().err
