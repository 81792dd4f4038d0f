"""Names typed nearly right: one fuzzy matcher for every command that takes a name.

``best_matches(query, candidates)`` scores each candidate's texts against *query* by their
characters and by their toneless pinyin (双含 sounds like 双涵, 李万忠 like 李万中) with
rapidfuzz, and returns the best, best first. It compares what it is given: callers pick a
bounded candidate set first (``members.service`` asks SQL for names sharing characters
with the query), never a whole roster.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from typing import TypeVar

from rapidfuzz import fuzz

from assoc_cli.i18n.sorting import pinyin_key

K = TypeVar("K", bound=Hashable)

# A score (0–100) below this is no near miss worth suggesting.
CUTOFF = 70.0
# A match by sound only counts a little less than one by characters.
PINYIN_WEIGHT = 0.95


def similarity(query: str, text: str) -> float:
    """How near *text* is to *query*, 0–100: the better of the characters and the pinyin,
    each by rapidfuzz's WRatio (which also finds a short query inside a long name)."""
    query, text = query.strip(), text.strip()
    if not query or not text:
        return 0.0
    by_characters = float(fuzz.WRatio(query, text))
    if by_characters >= 100:
        return by_characters
    by_sound = float(fuzz.WRatio(pinyin_key(query), pinyin_key(text))) * PINYIN_WEIGHT
    return max(by_characters, by_sound)


def best_matches(
    query: str,
    candidates: Iterable[tuple[K, Sequence[str | None]]],
    *,
    limit: int = 3,
    cutoff: float = CUTOFF,
) -> list[tuple[K, float]]:
    """The keys of the *candidates* nearest *query*, best first, at most *limit*, each with
    its score (0–100, at least *cutoff*). A candidate is (key, its texts): a member's
    number, name, short name, representative…; it scores as its best text. Keys seen
    twice keep their best score; ties keep the candidates' order."""
    best: dict[K, float] = {}
    for key, texts in candidates:
        score = max((similarity(query, text) for text in texts if text), default=0.0)
        if score >= cutoff and score > best.get(key, -1.0):
            best[key] = score
    ranked = sorted(best.items(), key=lambda item: -item[1])
    return ranked[:limit]
