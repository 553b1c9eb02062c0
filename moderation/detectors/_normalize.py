"""Unicode normalisation for the detectors that remembers where each character came from."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain, repeat

from moderation.detectors.spans import Span

# Characters people slip between letters to dodge filters; they render as nothing.
_FILLERS = frozenset("\u115f\u1160\u17b4\u17b5\u180e\u3164\uffa0")


def is_invisible(char: str) -> bool:
    """True for format controls (zero-width joiners, bidi marks, BOM...) and selectors."""
    if char in _FILLERS:
        return True
    code = ord(char)
    if 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF or 0x180B <= code <= 0x180F:
        return True
    return unicodedata.category(char) == "Cf"


def _joins_previous(char: str) -> bool:
    # Combining marks belong to the character before them; invisible ones are dropped with it.
    return unicodedata.category(char)[0] == "M" or is_invisible(char)


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalised copy of a text; character ``i`` came from ``original[starts[i]:ends[i]]``."""

    original: str
    text: str
    starts: Sequence[int]
    ends: Sequence[int]

    def span(self, kind: str, start: int, end: int, confidence: float = 1.0) -> Span:
        """The span of the original text that produced ``text[start:end]`` (``end > start``)."""
        first, last = self.starts[start], self.ends[end - 1]
        return Span(kind, first, last, self.original[first:last], confidence)


def normalize(
    text: str,
    *,
    casefold: bool = False,
    table: Mapping[str, str] | None = None,
    strip_marks: bool = False,
) -> Normalized:
    """NFKC ``text`` without invisible characters; optionally casefolded, remapped, unaccented.

    Each base character is normalised together with the combining marks that follow it, so
    "e" + U+0301 becomes "é" and both map back to the same two original characters. The
    detectors each normalise the same text: the last few results are kept, so a long story is
    walked once, not once per detector.
    """
    return _normalize_cached(text, casefold, strip_marks, _table_key(table))


# The tables are the detectors' module constants; each is known by its id, and kept here so
# that the id can never be given to another dict.
_TABLES: dict[int, Mapping[str, str]] = {}


def _table_key(table: Mapping[str, str] | None) -> int | None:
    if table is None:
        return None
    _TABLES.setdefault(id(table), table)
    return id(table)


@lru_cache(maxsize=8)
def _normalize_cached(
    text: str, casefold: bool, strip_marks: bool, table_key: int | None
) -> Normalized:
    table = None if table_key is None else _TABLES[table_key]
    return _normalize(text, casefold=casefold, table=table, strip_marks=strip_marks)


# Long non-Latin texts (Arabic, emoji) go through the loop below a character at a time: the
# answers for each character and cluster are remembered, so each is worked out once per process.
_is_invisible_cached = lru_cache(maxsize=65536)(is_invisible)
_joins_previous_cached = lru_cache(maxsize=65536)(_joins_previous)


@lru_cache(maxsize=65536)
def _cluster(cluster: str, casefold: bool, strip_marks: bool, table_key: int | None) -> str:
    """A base character with its combining marks, normalised as ``_normalize`` asks."""
    piece = unicodedata.normalize("NFKC", "".join(c for c in cluster if not is_invisible(c)))
    if casefold:
        piece = piece.casefold()
    if strip_marks:
        decomposed = unicodedata.normalize("NFKD", piece)
        piece = "".join(c for c in decomposed if not unicodedata.combining(c))
    if table_key is not None:
        table = _TABLES[table_key]
        piece = "".join(table.get(c, c) for c in piece)
    return piece


def _normalize(
    text: str, *, casefold: bool, table: Mapping[str, str] | None, strip_marks: bool
) -> Normalized:
    n = len(text)
    if text.isascii() and table is None:
        # The common case: nothing to normalise, offsets are the identity.
        out = text.lower() if casefold else text
        return Normalized(text, out, range(n), range(1, n + 1))
    table_key = _table_key(table)
    distinct = set(text)
    if not any(_joins_previous_cached(c) for c in distinct):
        # No combining marks or invisible characters, as in most prose in any script: each
        # character is normalised alone, once per distinct character rather than per place.
        pieces = {c: _cluster(c, casefold, strip_marks, table_key) for c in distinct}
        if all(len(piece) == 1 for piece in pieces.values()):
            changed = {ord(c): piece for c, piece in pieces.items() if piece != c}
            out = text.translate(changed) if changed else text
            return Normalized(text, out, range(n), range(1, n + 1))
    # A cluster is a character with the combining marks and invisible characters after it;
    # an invisible character that follows nothing is a cluster that normalises to nothing.
    # Every output character maps back to its whole cluster. The walk is done by re and map,
    # not a Python loop: a story full of marks (vowelled Arabic) has ten thousand clusters.
    joiners = "".join(re.escape(c) for c in distinct if _joins_previous_cached(c))
    invisible = "".join(re.escape(c) for c in distinct if _is_invisible_cached(c))
    marks = f"[{joiners}]*" if joiners else ""
    pattern = f"[{invisible}]|[^{invisible}]{marks}" if invisible else f"(?s:.){marks}"
    clusters = re.findall(pattern, text)
    normalised = {c: _cluster(c, casefold, strip_marks, table_key) for c in set(clusters)}
    pieces = list(map(normalised.__getitem__, clusters))
    widths = list(map(len, pieces))
    bounds = list(accumulate(map(len, clusters), initial=0))
    starts = list(chain.from_iterable(map(repeat, bounds, widths)))
    ends = list(chain.from_iterable(map(repeat, bounds[1:], widths)))
    return Normalized(text, "".join(pieces), starts, ends)


# What stands in for a letter of another script in latin_only(): neither a word character
# nor a space, so no pattern reads it as part of a word or joins the words on either side.
OTHER_SCRIPT = "\u00a4"


@lru_cache(maxsize=65536)
def _other_script(char: str) -> bool:
    if char < "\u0370" or unicodedata.category(char)[0] not in "LM":
        return False
    name = unicodedata.name(char, "")
    return not name.startswith(("LATIN", "COMBINING"))


@lru_cache(maxsize=8)
def latin_only(text: str) -> str:
    """``text`` (already normalised) with each letter or mark of a script other than Latin
    replaced by OTHER_SCRIPT, offsets unchanged.

    For the detectors whose patterns are written for Latin script (names, addresses, places,
    workplaces): to them an Arabic or Chinese word is a run of capital letters, which cost a
    long story in those scripts a hundred milliseconds and found nothing that was there.
    """
    if text.isascii():
        return text
    other = {ord(c): OTHER_SCRIPT for c in set(text) if _other_script(c)}
    return text.translate(other) if other else text


def non_overlapping(spans: Iterable[Span]) -> list[Span]:
    """Keep the earliest, then longest, of overlapping spans; result sorted by start."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, s.start - s.end, -s.confidence)):
        if span.end <= span.start:
            continue
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return kept


_GERMAN = re.compile(
    r"(?i)\b(?:und|ich|nicht|der|die|das|mit|ist|war|sie|er|mein|meine|ein|eine|auf|wurde)\b"
)


def looks_german(text: str) -> bool:
    """Whether ``text`` reads as German, which capitalises every noun: two of its commonest
    words in the first 2,000 characters."""
    return len(_GERMAN.findall(text, 0, 2000)) >= 2


# Capitalised words that are proper nouns but name no private person or place: holidays,
# faiths and nationalities, and the platforms, apps and big firms everyone uses.
_NOT_PRIVATE_LIST = """
    christmas xmas easter ramadan eid diwali holi hanukkah chanukah passover thanksgiving
    halloween valentine valentine's navidad nochebuena nochevieja reyes pascua noel noël paques
    pâques toussaint weihnachten ostern silvester pfingsten fasching karneval carnival
    catholic catholique católica católico katholisch katholische muslim muslims musulman
    christian christians jewish jew hindu sikh buddhist protestant evangelical mormon
    english british american indian spanish french german mexican irish scottish welsh
    european asian african latina latino inglés ingles francés frances alemán aleman anglais
    allemand espagnol englisch deutsch französisch spanisch
    netflix uber lyft zoom skype whatsapp google facebook instagram snapchat tiktok twitter
    reddit youtube tinder bumble hinge grindr amazon apple iphone ipad android microsoft teams
    spotify airbnb deliveroo glovo ubereats telegram signal discord linkedin pinterest tumblr
    onlyfans twitch gmail hotmail outlook yahoo icloud messenger imessage facetime paypal
    venmo cashapp disney hbo hulu playstation xbox nintendo fortnite roblox minecraft wikipedia
    chatgpt bluesky threads mastodon kik wechat viber tesla ikea starbucks mcdonald's mcdonalds
    walmart tesco primark zara mercadona carrefour lidl aldi
"""
NOT_PRIVATE = frozenset(_NOT_PRIVATE_LIST.split())
