"""Find towns and cities: a GeoNames gazetteer, weighted by the context a place is named in.

"I grew up in Muncie", "from Bhiwandi", "the Swindon police" name a place for sure; a town's
name alone is too often a surname or a word to count; a metropolis identifies less, so it
weighs less, even when the context names it ("in Paris": 0.55). Names that are also given names, months or everyday
words need the context.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

from moderation.detectors._normalize import NOT_PRIVATE, non_overlapping, normalize
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
# Police and courts named after their town: "la policía de Teruel", "la police de Calais".
_BEFORE_PHRASE = re.compile(
    r"(?i)(?:police|policía|policia|comisaría|comisaria|gendarmerie|commissariat|polizei"
    r"|wache|guardia civil|mairie|ayuntamiento|tribunal|juzgado|gericht)[ \t]+"
    r"(?:de|du|d'|in|von|en|à)[ \t]*$"
)
# Words right after a place: "the Swindon police", "Muncie PD".
_AFTER = re.compile(r"[ \t]+(?:police|Police|PD|sheriff|Sheriff|county|County|station)\b")
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
_SENTENCE_ENDS = ".!?…:;\n\r\"\u201c("
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


def _capitalised(word: str) -> bool:
    return word[0].isupper()


def _previous_word(text: str, start: int) -> str:
    i = start
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    j = i
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "'"):
        j -= 1
    return _fold(text[j:i]).split("'")[-1]


def _sentence_start(text: str, start: int) -> bool:
    i = start
    while i > 0 and text[i - 1] in " \t'\u2018*-":
        i -= 1
    return i == 0 or text[i - 1] in _SENTENCE_ENDS


def _strip_possessive(phrase: str) -> str:
    return phrase[:-2] if phrase[-2:] in ("'s", "\u2019s") else phrase


def find(text: str) -> list[Span]:
    """Towns and cities in ``text``, sorted by start and non-overlapping."""
    from moderation.detectors.names import given_names

    norm = normalize(text)
    words = list(_WORD.finditer(norm.text))
    places = gazetteer()
    spans = []
    i = 0
    while i < len(words):
        if not _capitalised(words[i].group()):
            i += 1
            continue
        # The longest run of up to four words, joined by single spaces, that is a known place.
        best = None
        last = i
        while last + 1 < len(words) and last - i + 1 < _MAX_WORDS:
            gap = norm.text[words[last].end() : words[last + 1].start()]
            if gap != " ":
                break
            last += 1
        for j in range(last, i - 1, -1):
            start, end = words[i].start(), words[j].end()
            phrase = _strip_possessive(norm.text[start:end])
            folded = _fold(phrase)
            if folded in places and words[j].group()[0].isupper():
                best = (j, start, start + len(phrase), folded)
                break
        if best is None:
            i += 1
            continue
        j, start, end, folded = best
        population = places[folded]
        context = (
            _previous_word(norm.text, start) in _BEFORE
            or _AFTER.match(norm.text, end) is not None
            or _BEFORE_PHRASE.search(norm.text, max(0, start - 30), start) is not None
        )
        everyday = folded in _NOT_PLACES or folded in given_names()
        if context and not everyday:
            confidence = 0.8 if population < METROPOLIS else 0.55
        elif context and folded not in _NOT_PLACES:
            confidence = 0.4  # "in Florence", "to Austin": maybe a place, maybe a person
        else:
            # Without "in", "from", "police"... a town's name is too often a surname or a word.
            confidence = 0.0
        if confidence:
            spans.append(norm.span(KIND, start, end, confidence))
        i = j + 1
    return non_overlapping(spans)
