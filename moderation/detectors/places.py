"""Find towns and cities: a GeoNames gazetteer, weighted by the context a place is named in.

"I grew up in Muncie", "from Bhiwandi", "the Swindon police" name a place for sure; a town's
name alone is too often a surname or a word to count; a metropolis identifies less, so it
weighs less, even when the context names it ("in Paris": 0.55). A place that is also a given
name ("in Florence") stays a hint; months and everyday words are never places.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

from moderation.detectors._normalize import (
    NOT_PRIVATE,
    latin_only,
    looks_german,
    non_overlapping,
    normalize,
)
from moderation.detectors.spans import Span

KIND = "place"

PLACES_FILE = Path(__file__).resolve().parent.parent / "data" / "places.tsv"
REGIONS_FILE = Path(__file__).resolve().parent.parent / "data" / "regions.txt"

# Above this many people a city names a crowd rather than a person's surroundings.
METROPOLIS = 1_000_000
# Words right before a place: "in", "from", "near", "moved to"; en, es, fr, de.
_BEFORE_LIST = """
    in from near to outside around towards toward of en desde cerca hacia a à près vers aus nach
    bei von nahe im
"""
_BEFORE = frozenset(_BEFORE_LIST.split())
# Where a capitalised word follows one of them: the start of a place, maybe.
_CONTEXT_BEFORE = re.compile(
    r"(?i)\b(?:"
    + "|".join(sorted(_BEFORE, key=len, reverse=True))
    + r")[ \t]+(?-i:(?=[^\W\d_a-z]))"
)
# Police and courts named after their town: "la policía de Teruel", "la police de Calais".
_BEFORE_PHRASE_ANYWHERE = re.compile(
    r"(?i)\b(?:police|policía|policia|comisaría|comisaria|gendarmerie|commissariat|polizei"
    r"|wache|guardia civil|mairie|ayuntamiento|tribunal|juzgado|gericht)[ \t]+"
    r"(?:de|du|d'|in|von|en|à)[ \t]*(?-i:(?=[^\W\d_a-z]))"
)
# Words right after a place: "the Swindon police", "Muncie PD".
_AFTER_ANYWHERE = re.compile(r"[ \t]+(?:police|Police|PD|sheriff|Sheriff|county|County)\b")
# Capitalised words (and their possessive) ending a window of text.
_TRAILING_CAPS = re.compile(r"(?:[^\W\d_a-z][\w'\u2019-]*[ \t]){0,3}[^\W\d_a-z][\w'\u2019-]*$")
# Capitalised words that are towns somewhere but far more often something else.
_NOT_PLACES_LIST = """
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday enero febrero marzo abril mayo junio
    julio agosto septiembre octubre noviembre diciembre janvier fevrier mars avril mai juin
    juillet aout septembre octobre novembre decembre januar februar marz juni juli oktober
    dezember god christ jesus heaven hell church school work home court english spanish french
    german hindi arabic university college police hospital office christmas easter ramadan
    diwali hope grace faith joy will mercy liberty unity victory concord harmony justice
    independence friendship paradise eden zion bethlehem goshen lebanon jordan orange
    mobile reading bath split nice marathon buy sale sales deal kind mission phoenix the der
    die das el la le les los las mal trainer era mon pen
"""
_NOT_PLACES = frozenset(_NOT_PLACES_LIST.split()) | NOT_PRIVATE

_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
_MAX_WORDS = 4


@lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("\u2019", "'")


@cache
def gazetteer() -> dict[str, int]:
    """Folded place name -> the largest population of a place so named, read once; regions
    count as metropolises."""
    places: dict[str, int] = {}
    for line in PLACES_FILE.read_text(encoding="utf-8").splitlines():
        if not line or line[0] == "#":
            continue
        name, _, population = line.partition("\t")
        folded = _fold(name)
        places[folded] = max(places.get(folded, 0), int(population or 0))
    # A region narrows a writer down as much as a metropolis does.
    for line in REGIONS_FILE.read_text(encoding="utf-8").splitlines():
        if line and line[0] != "#":
            folded = _fold(line.strip())
            places[folded] = max(places.get(folded, 0), METROPOLIS)
    return places


def _strip_possessive(phrase: str) -> str:
    return phrase[:-2] if phrase[-2:] in ("'s", "\u2019s") else phrase


def _lookup(text: str, words: list[re.Match], places: dict[str, int]):
    """The longest place named by the first words of ``words`` (joined by single spaces):
    (end offset, folded name), or None."""
    for j in range(len(words) - 1, -1, -1):
        if not words[j].group()[0].isupper():
            continue
        phrase = _strip_possessive(text[words[0].start() : words[j].end()])
        folded = _fold(phrase)
        if folded in places:
            return words[0].start() + len(phrase), folded
    return None


def _words_from(text: str, start: int) -> list[re.Match]:
    """Up to four words from ``start``, separated by single spaces."""
    words = []
    position = start
    while len(words) < _MAX_WORDS:
        word = _WORD.match(text, position)
        if word is None:
            break
        words.append(word)
        if text[word.end() : word.end() + 1] != " ":
            break
        position = word.end() + 1
    return words


def _unknown_german(word: str, given: frozenset[str]) -> bool:
    from moderation.detectors.names import is_common

    folded = _fold(word)
    return (
        len(word) >= 4
        and word[1:].islower()
        and word.isalpha()
        and folded not in given
        and folded not in _NOT_PLACES
        and not is_common(word)
    )


def _confidence(folded: str, population: int, given: frozenset[str]) -> float:
    if folded in _NOT_PLACES:
        return 0.0
    if folded in given:
        return 0.4  # "in Florence", "to Austin": maybe a place, maybe a person
    return 0.8 if population < METROPOLIS else 0.55


def find(text: str) -> list[Span]:
    """Towns and cities in ``text``, sorted by start and non-overlapping.

    Only where a place is expected: after "in", "from", "near"... or "la policía de", or before
    "police"; without such context a town's name is too often a surname or a word. The work is
    a few dictionary look-ups per such context, whatever the text.
    """
    from moderation.detectors.names import given_names

    norm = normalize(text)
    t = latin_only(norm.text)
    places = gazetteer()
    given = given_names()
    spans = []
    starts = {m.end() for m in _CONTEXT_BEFORE.finditer(t)}
    starts |= {m.end() for m in _BEFORE_PHRASE_ANYWHERE.finditer(t)}
    german = looks_german(t)
    for start in sorted(starts):
        words = _words_from(t, start)
        found = _lookup(t, words, places)
        if not found and german and words and _unknown_german(words[0].group(), given):
            # "nach Beilngries gezogen": a capitalised word no German dictionary knows, where a
            # place is expected, in a language that capitalises nouns (so no names detector's
            # guess covers it).
            spans.append(norm.span(KIND, start, words[0].end(), 0.5))
        if found:
            end, folded = found
            confidence = _confidence(folded, places[folded], given)
            if confidence:
                spans.append(norm.span(KIND, start, end, confidence))
    for after in _AFTER_ANYWHERE.finditer(t):
        # "the Swindon police": the place ends right before " police".
        window = t[max(0, after.start() - 80) : after.start()]
        lead = _TRAILING_CAPS.search(window)
        if lead is None:
            continue
        first = after.start() - len(window) + lead.start()
        words = _words_from(t, first)
        # Shorter runs from the right: "Nobody at the Swindon police" tries "Swindon" alone too.
        for k in range(len(words)):
            found = _lookup(t, words[k:], places)
            if found and found[0] == after.start():
                folded = found[1]
                confidence = _confidence(folded, places[folded], given)
                if confidence:
                    spans.append(norm.span(KIND, words[k].start(), found[0], confidence))
                break
    return non_overlapping(spans)
