"""Integrity of the hand-labelled coaching-replies dataset (``datasets/coaching_replies/``).

The detector of directive vs. inquiry-based language is trained on ``train.csv`` and judged
on ``test.csv`` and, for a writer it has never read, ``dev.csv``; these checks keep the labels
self-consistent and the splits apart, so a score measured on a held-out split means what the
README says it means.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "datasets" / "coaching_replies"
SPLITS = ("train", "dev", "test")
HELD_OUT = ("dev", "test")
COLUMNS = ["id", "situation", "context", "text", "act", "directive", "mi_code", "sentence_labels"]
SITUATIONS = {
    "first_meeting",
    "failed_exam",
    "illusion_of_knowing",
    "high_performer",
    "professional_identity",
    "smart_goals",
    "missed_goal_followup",
    "just_tell_me",
    "wellbeing",
    "coachee_preparation",
}
DIRECTIVE_ACTS = {"advice", "leading_question", "persuasion", "reassurance"}
INQUIRY_ACTS = {
    "open_question",
    "closed_question",
    "simple_reflection",
    "complex_reflection",
    "affirmation",
    "seeking_collaboration",
    "emphasizing_autonomy",
    "structuring",
    "information",
    "options",
    "other",
}
ACTS = DIRECTIVE_ACTS | INQUIRY_ACTS
# The AnnoMI main behaviour each reply-level act may carry (README, "mi_code").
MI_FOR_ACT = {
    "open_question": {"question"},
    "closed_question": {"question"},
    "leading_question": {"therapist_input", "question"},
    "simple_reflection": {"reflection"},
    "complex_reflection": {"reflection"},
    "affirmation": {"other"},
    "seeking_collaboration": {"question"},
    "emphasizing_autonomy": {"other"},
    "structuring": {"other", "question"},
    "information": {"therapist_input"},
    "options": {"therapist_input"},
    "advice": {"therapist_input"},
    "persuasion": {"therapist_input"},
    "reassurance": {"other"},
    "other": {"other"},
}
# Sentence units as the README defines them: split after . ! ? (and any closing quote).
SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+|\n+")


def _read(split: str) -> tuple[list[str], list[dict[str, str]]]:
    with (DATA / f"{split}.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


ROWS = {split: _read(split)[1] for split in SPLITS}
ALL_ROWS = [row for split in SPLITS for row in ROWS[split]]


def _sentences(text: str) -> list[str]:
    return [part for part in SENTENCE_BREAK.split(text.strip()) if part.strip()]


def _labels(row: dict[str, str]) -> list[str]:
    return row["sentence_labels"].split("|")


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


@pytest.mark.parametrize("split", SPLITS)
def test_file_parses_with_the_documented_header_and_no_empty_cells(split: str) -> None:
    header, rows = _read(split)
    assert header == COLUMNS
    assert rows, f"{split}.csv has no rows"
    empty = [(row["id"], key) for row in rows for key in COLUMNS if not (row[key] or "").strip()]
    assert not empty


def _bad_rows(split: str, check: Callable[[dict[str, str]], bool]) -> list[str]:
    """Ids of the rows of ``split`` for which ``check(row)`` is false (listed on failure)."""
    return [row["id"] for row in ROWS[split] if not check(row)]


@pytest.mark.parametrize("split", SPLITS)
def test_labels_come_from_the_vocabulary(split: str) -> None:
    assert not _bad_rows(
        split,
        lambda row: row["situation"] in SITUATIONS
        and row["act"] in ACTS
        and row["directive"] in {"true", "false"}
        and row["mi_code"] in {"question", "reflection", "therapist_input", "other"}
        and set(_labels(row)) <= ACTS,
    )


@pytest.mark.parametrize("split", SPLITS)
def test_directive_agrees_with_act_and_sentence_labels(split: str) -> None:
    def agrees(row: dict[str, str]) -> bool:
        labels = _labels(row)
        directive = row["directive"] == "true"
        return (
            directive == any(label in DIRECTIVE_ACTS for label in labels)
            and row["act"] in labels
            and (row["act"] in DIRECTIVE_ACTS) == directive
        )

    assert not _bad_rows(split, agrees)


@pytest.mark.parametrize("split", SPLITS)
def test_mi_code_fits_the_reply_act(split: str) -> None:
    assert not _bad_rows(split, lambda row: row["mi_code"] in MI_FOR_ACT.get(row["act"], set()))


@pytest.mark.parametrize("split", SPLITS)
def test_one_sentence_label_per_sentence_and_short_messages(split: str) -> None:
    assert not _bad_rows(
        split,
        lambda row: 1 <= len(_labels(row)) <= 4
        and len(_labels(row)) == len(_sentences(row["text"]))
        and 1 <= len(_sentences(row["context"])) <= 3,
    )


def test_ids_are_unique_and_well_formed() -> None:
    ids = [row["id"] for row in ALL_ROWS]
    assert all(re.fullmatch(r"cr\d{4}", value) for value in ids)
    assert len(ids) == len(set(ids))


def test_no_reply_appears_twice_in_or_across_splits() -> None:
    counts = Counter(_norm(row["text"]) for row in ALL_ROWS)
    assert max(counts.values()) == 1


@pytest.mark.parametrize("split", HELD_OUT)
def test_no_train_reply_paraphrases_a_held_out_reply(split: str) -> None:
    # Later training batches were written after the held-out splits; a close rewording of a
    # held-out reply in train would let a model memorise its answer. 0.6 is above every pair of
    # independently written replies that merely share a stock phrase ("That's a lot to carry").
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    train = [row["text"] for row in ROWS["train"]]
    held_out = [row["text"] for row in ROWS[split]]
    vectorizer = TfidfVectorizer().fit(train + held_out)
    closest = cosine_similarity(vectorizer.transform(held_out), vectorizer.transform(train)).max(axis=1)
    assert not [row["id"] for row, value in zip(ROWS[split], closest) if value >= 0.6]


@pytest.mark.parametrize("split", SPLITS)
def test_every_situation_has_directive_and_inquiry_rows(split: str) -> None:
    seen = {(row["situation"], row["directive"]) for row in ROWS[split]}
    missing = {(s, d) for s in SITUATIONS for d in ("true", "false")} - seen
    assert not missing


def test_test_split_is_large_enough_with_similar_directive_share() -> None:
    # The test split is fixed (README: later batches went to train only); what keeps it useful is
    # its size and balance, not its share of the rows.
    n_train, n_test = len(ROWS["train"]), len(ROWS["test"])
    assert n_test >= 200 and n_train > 2 * n_test
    shares = [
        sum(row["directive"] == "true" for row in ROWS[split]) / len(ROWS[split]) for split in SPLITS
    ]
    assert all(0.35 <= share <= 0.55 for share in shares)
    assert abs(shares[0] - shares[1]) <= 0.05
