"""The model: trained deterministically, saved as plain arrays, loaded without running code."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from coachkit.analyzer import analyze, load_model
from coachkit.analyzer.features import char_block, raw_features, weight
from coachkit.analyzer.model import SHIPPED_MODEL_DIR
from coachkit.analyzer.training import read_annomi, read_replies, train
from coachkit.errors import InputError, ModelError
from coachkit.paths import dataset_path


@pytest.fixture(scope="module")
def small_training_csv(csv_subset) -> Path:
    """The first 12 AnnoMI transcripts: enough for every head, quick to train on."""
    return csv_subset("annomi", "annomi_dev.csv", lambda _, row: int(row["transcript_id"]) < 12)


@pytest.fixture(scope="module")
def small_examples(small_training_csv):
    return read_annomi(small_training_csv) + read_replies(dataset_path("coaching_replies", "train.csv"))[:300]


def test_training_is_deterministic(small_examples, tmp_path) -> None:
    first = train(small_examples).save(tmp_path / "a")
    second = train(small_examples).save(tmp_path / "b")
    for name in ("model.json", "weights.npz"):
        assert (first / name).read_bytes() == (second / name).read_bytes()


def test_scoring_matches_the_training_matrix(small_examples) -> None:
    """The fast scoring path (cached word projections) computes exactly what was trained."""
    from scipy.sparse import csr_matrix

    model = train(small_examples)
    texts = ["You should start using flashcards.", "It sounds like it stung, it really stung.", ""]
    contexts = ["I reread everything.", "", "hello"]
    rules = [["cue:obligation"], [], []]
    raw = raw_features(texts, contexts, rules)
    blocks = [weight(raw, 3, vocabulary=model.vocabulary, idf=model.idf, block_weights=model.block_weights),
              char_block(raw, vocabulary=model.vocabulary, idf=model.idf, weight_c=model.block_weights["c"])]
    matrix = csr_matrix((np.concatenate([b.values for b in blocks]),
                         (np.concatenate([b.rows for b in blocks]), np.concatenate([b.columns for b in blocks]))),
                        shape=(3, len(model.vocabulary)))
    logits = matrix @ model.weights.astype(float) + model.bias
    head = model.head("main")
    expected = logits[:, head.first_column : head.first_column + len(head.classes)]
    expected = np.exp(expected - expected.max(axis=1, keepdims=True))
    expected /= expected.sum(axis=1, keepdims=True)
    np.testing.assert_allclose(model.predict(texts, contexts, rules)["main"], expected, atol=1e-6)


def test_the_word_table_changes_no_score(small_examples, tmp_path) -> None:
    """The precomputed word projections are a cache: with or without them, the same scores."""
    from dataclasses import replace

    trained = train(small_examples)
    assert "you" in trained.table_words.tolist()
    loaded = load_model(trained.save(tmp_path / "model"))
    bare = replace(trained, table_words=np.zeros(0, dtype=str), word_cache={})
    texts = ["You should start using flashcards.", "Zyxwv qwertyuiop, you said?", "Okay."]
    contexts = ["I reread everything.", "", ""]
    for model in (trained, loaded):
        for name, probabilities in model.predict(texts, contexts).items():
            # The table keeps its projections in float32 (half the file), so scores agree to
            # float32 precision: a wrong or stale table would move them by far more.
            np.testing.assert_allclose(probabilities, bare.predict(texts, contexts)[name], rtol=1e-6, atol=1e-8)


def test_a_word_table_that_does_not_fit_is_refused(small_examples, tmp_path) -> None:
    directory = train(small_examples).save(tmp_path / "model")
    with np.load(directory / "weights.npz") as arrays:
        kept = {name: arrays[name] for name in arrays.files}
    kept["table_projections"] = kept["table_projections"][:, :3]
    np.savez(directory / "weights.npz", **kept)
    with pytest.raises(ModelError, match="word table"):
        load_model(directory)


def test_a_saved_model_loads_and_is_used(small_examples, tmp_path) -> None:
    directory = train(small_examples).save(tmp_path / "model")
    analysis = analyze("What would you like to work on?", model=str(directory))
    assert analysis.mi_code == "question"


def test_the_shipped_model_loads() -> None:
    model = load_model()
    assert {h.name for h in model.heads} == {"main", "question", "reflection", "input", "directive", "act"}
    assert json.loads((SHIPPED_MODEL_DIR / "model.json").read_text())["training"]["examples"] > 3000


def test_missing_model_directory_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(ModelError, match="not a CoachKit model directory"):
        load_model(tmp_path / "nowhere")


def test_model_of_another_format_is_refused(tmp_path) -> None:
    (tmp_path / "model.json").write_text(json.dumps({"format_version": 99, "n_buckets": 1, "heads": []}))
    np.savez(tmp_path / "weights.npz", vocabulary=np.zeros(1))
    with pytest.raises(ModelError, match="another version"):
        load_model(tmp_path)


def test_pickled_objects_in_the_weights_are_never_loaded(tmp_path) -> None:
    meta = json.loads((SHIPPED_MODEL_DIR / "model.json").read_text())
    (tmp_path / "model.json").write_text(json.dumps(meta))
    np.savez(tmp_path / "weights.npz", vocabulary=np.array([object()], dtype=object), idf=np.zeros(1),
             weights=np.zeros((1, 1)), bias=np.zeros(1))
    with pytest.raises(ModelError, match="cannot read the weights"):
        load_model(tmp_path)


def test_feature_buckets_out_of_range_are_refused_at_load(tmp_path) -> None:
    shutil.copytree(SHIPPED_MODEL_DIR, tmp_path / "model")
    with np.load(tmp_path / "model" / "weights.npz") as npz:
        arrays = dict(npz)
    arrays["vocabulary"] = arrays["vocabulary"].copy()
    arrays["vocabulary"][-1] = 1 << 40
    np.savez(tmp_path / "model" / "weights.npz", **arrays)
    with pytest.raises(ModelError, match="feature buckets outside"):
        load_model(tmp_path / "model")


def test_training_data_without_annomi_columns_is_refused(tmp_path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n")
    with pytest.raises(InputError, match="missing column"):
        read_annomi(bad)
