"""Pairs of near-identical texts that belong to different owners (entries), scored by rapidfuzz."""

from collections.abc import Sequence

import numpy as np
from pydantic import BaseModel, ConfigDict
from rapidfuzz import fuzz, process, utils

DEFAULT_THRESHOLD = 90
# Rows scored per cdist call: bounds memory to _CHUNK x len(texts) bytes on large knowledge bases.
_CHUNK = 1024


class NearDuplicate(BaseModel):
    """The most similar pair of texts between two owners."""

    model_config = ConfigDict(frozen=True)

    owner: str
    text: str
    other_owner: str
    other_text: str
    score: int


def near_duplicates(texts: Sequence[tuple[str, str]], threshold: int = DEFAULT_THRESHOLD) -> list[NearDuplicate]:
    """Best-scoring pair per pair of owners whose texts score at least ``threshold`` (0-100).

    ``texts`` are ``(owner, text)`` pairs. token_sort_ratio rather than token_set_ratio: the latter
    scores 100 whenever one text's words are a subset of another's ("start trial" against "why do I
    need a card to start the trial"), which would flag most short phrasings.
    """
    owners = [owner for owner, _ in texts]
    strings = [text for _, text in texts]
    numbering: dict[str, int] = {}
    owner_ids = [numbering.setdefault(owner, len(numbering)) for owner in owners]
    best: dict[tuple[int, int], tuple[int, int, int]] = {}
    for start in range(0, len(strings), _CHUNK):
        scores = process.cdist(
            strings[start : start + _CHUNK],
            strings,
            scorer=fuzz.token_sort_ratio,
            processor=utils.default_process,
            score_cutoff=threshold,
            dtype=np.uint8,
            workers=-1,
        )
        for row, column in zip(*np.nonzero(scores), strict=True):
            i, j = start + int(row), int(column)
            a, b = owner_ids[i], owner_ids[j]
            if i >= j or a == b:
                continue
            key = (min(a, b), max(a, b))
            score = int(scores[row, column])
            if key not in best or score > best[key][0]:
                best[key] = (score, i, j)
    pairs = [
        NearDuplicate(owner=owners[i], text=strings[i], other_owner=owners[j], other_text=strings[j], score=score)
        for score, i, j in best.values()
    ]
    return sorted(pairs, key=lambda p: (-p.score, p.owner, p.other_owner))


def normalised(text: str) -> str:
    """The form two texts are compared in: lower-case, punctuation removed, spaces trimmed."""
    return utils.default_process(text)
