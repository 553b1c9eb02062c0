"""Combine a text's findings into one risk score between 0 and 1 for the moderation queue."""

from __future__ import annotations

import math
from collections.abc import Iterable

from moderation.detectors.spans import Span

# How much one certain finding of each kind raises the risk on its own (weighed on the labelled
# corpus in tests/moderation/corpus; see `make eval-screening`):
# - email, phone, address: reach the writer (or the person named) directly.
# - handle, name, workplace: a social account, a private name or an employer identify as surely
#   as a street once the reader knows the town.
# - place, link, banned: a town narrows it down, links can be harmless, a banned term is the
#   admins' call.
# - duplicate: a repeated long story is more likely a flood than a danger.
# - suspect: a word the admins want a second look at, no more.
# - public: a public figure identifies no survivor; shown to moderators, never weighed.
KIND_WEIGHTS: dict[str, float] = {
    "email": 0.9,
    "phone": 0.9,
    "address": 0.85,
    "handle": 0.8,
    "name": 0.8,
    "workplace": 0.8,
    "place": 0.7,
    "link": 0.7,
    "banned": 0.7,
    "duplicate": 0.4,
    "suspect": 0.3,
    "public": 0.0,
}

# Findings less sure than this are hints for the moderator: highlighted, never counted.
HINT_BELOW = 0.5

# A kind some newer detector reports before it is given a weight here.
DEFAULT_WEIGHT = 0.5


def risk_score(spans: Iterable[Span]) -> float:
    """``1 - prod(1 - weight * confidence)`` over the findings of confidence >= HINT_BELOW: each
    adds risk, never past 1; hints add none.

    Two 0.5 findings give 0.75, not 1: independent chances that something identifying slipped
    through, rather than a sum.
    """
    safe = 1.0
    for span in spans:
        if span.confidence < HINT_BELOW:
            continue
        weight = KIND_WEIGHTS.get(span.kind, DEFAULT_WEIGHT)
        confidence = min(max(span.confidence, 0.0), 1.0)
        safe *= 1.0 - weight * confidence
    score = 1.0 - safe
    return min(max(score, 0.0), 1.0) if math.isfinite(score) else 1.0
