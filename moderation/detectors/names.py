"""Find likely personal names: known given names mid-sentence, and titles such as "Mr Smith"."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

from moderation.detectors._normalize import non_overlapping, normalize
from moderation.detectors.spans import Span

KIND = "name"

NAMES_FILE = Path(__file__).resolve().parent.parent / "data" / "given_names.txt"

# Given names that are also ordinary words, places or months: capitalised mid-sentence they are
# still often not a person ("in May", "by the Grace of God", "a Christian school").
_AMBIGUOUS_LIST = """
    may june april august will bill grace hope faith joy rose mark art guy dean earl ray don dawn
    crystal amber holly hazel pearl ruby penny sandy violet daisy iris lily ivy ginger olive
    melody jasmine jewel candy charity autumn summer chase chance hunter miles major rich young
    grant drew king prince angel christian destiny harmony mercy patience precious sunny honey
    jade sierra noble star glory liberty lane page bell dot jesus paris virginia sydney carolina
    jordan jan georgia mac victoria houston dallas austin chelsea lincoln madison kent dakota
    milan orlando adelaide mercedes florence eden alexandria madonna roma junior ward dick rocky
    cherry kitty bud sky river storm brook dale glen cliff rusty sterling max clay reed heath
    brooklyn
"""
AMBIGUOUS = frozenset(_AMBIGUOUS_LIST.split())
AMBIGUOUS_CONFIDENCE = 0.4

# Months that are also given names are skipped after words that introduce a date.
_MONTH_NAMES = frozenset({"april", "may", "june", "august"})
_DATE_WORD_LIST = """
    in on of since until till by last next early late mid this that every from to during before
    after through around
"""
_DATE_WORDS = frozenset(_DATE_WORD_LIST.split())

# Titles before a capitalised surname: "Mr Smith", "Dr. Jones", "Coach Miller". Only the
# abbreviations may carry a full stop, so "my coach. Sarah said" is not "coach Sarah".
TITLE_ABBREVIATIONS = "Mr|Mrs|Ms|Mx|Dr|Prof|Fr|Rev|Sgt|Capt|Lt|Det|Sr|Sra|Mme|Mlle|Dott"
TITLE_WORDS = (
    "Miss|Mister|Doctor|Professor|Coach|Father|Pastor|Reverend|Rabbi|Imam|Sheikh|Uncle|Aunt"
    "|Auntie|Aunty|Cousin|Officer|Sergeant|Captain|Lieutenant|Detective|Sheriff|Deputy|Judge"
    "|Principal|Headmaster|Headmistress|Teacher|Nurse|Bishop|Deacon|Brother|Sister|Sensei"
    "|Madame|Monsieur|Herr|Frau|Señor|Señora|Senhor|Senhora|Signor|Signora|Dottore"
)
# Written in lower case these still introduce a name ("my coach Miller"); "miss" does not.
_LOWERCASE_TITLE_LIST = """
    mr mrs ms dr mister doctor professor coach father pastor reverend rabbi imam uncle aunt
    auntie aunty cousin officer sergeant captain detective teacher nurse principal brother sister
"""
_LOWERCASE_TITLES = frozenset(_LOWERCASE_TITLE_LIST.split())
# Capitalised words that are not surnames even when they follow a name or title, including
# the verbs of title-cased headlines ("What My Coach Did To Me").
_NOT_SURNAME_LIST = """
    i i'm i've i'd i'll the a an and but or so then when while because if after before he she
    they we you it his her my our their this that there here who what where why how yes no not
    mom mum dad god lord jesus christ oh ok okay please sorry thanks everyone nobody someone
    me us him them to of in on at for with from by as all about into over never always also
    just still did does do was is are were be been had has have made said told took touched
    raped hurt abused assaulted harassed kissed grabbed called came went got gave asked left
    tried wanted would could should will can may might must
"""
_NOT_SURNAMES = frozenset(_NOT_SURNAME_LIST.split())

_APOSTROPHE = "\u2019"
_WORD = re.compile(rf"[^\W\d_]+(?:['{_APOSTROPHE}-][^\W\d_]+)*")
_TITLE = re.compile(
    rf"(?<![\w.])(?i:(?:{TITLE_ABBREVIATIONS})\.?|(?:{TITLE_WORDS}))[ \t]+(?=[^\W\d_])"
)
# One space, or a middle initial, between a given name and a surname: "John F. Kennedy".
_SURNAME_GAP = re.compile(r" (?:[A-Z]\. )?(?=[^\W\d_])")
# What may sit between a sentence end and its first word: spaces, quotes and brackets.
_OPEN_QUOTES = '"\u201c\u2018\u00ab\u201e'
_OPENERS = _OPEN_QUOTES + " \t'([{*-_\u2013\u2014"
_SENTENCE_ENDS = ".!?…:;\n\r"


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace(_APOSTROPHE, "'")


@cache
def given_names() -> frozenset[str]:
    """The shipped list of given names, accent-folded, read once."""
    lines = NAMES_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(_fold(line.strip()) for line in lines if line.strip() and line[0] != "#")


def _capitalised(word: str) -> bool:
    # "Sarah", "O'Brien", "McDonald", "Jean-Luc"; not "SARAH" (shouting) nor "sarah".
    return word[0].isupper() and any(c.islower() for c in word[1:])


def _sentence_start(text: str, start: int) -> bool:
    i = start
    while i > 0 and text[i - 1] in _OPENERS:
        i -= 1
    if i == 0 or text[i - 1] in _SENTENCE_ENDS:
        return True
    # An opening quote after a word starts quoted speech: said "Grace is..." reads as a start.
    return any(text[k] in _OPEN_QUOTES for k in range(i, start))


def _previous_word(text: str, start: int) -> str:
    match = re.search(r"([^\W\d_]+)\W*$", text[max(0, start - 40) : start])
    return match.group(1).casefold() if match else ""


def _name_word(text: str, start: int) -> tuple[str, int] | None:
    """The word at ``start`` without a possessive "'s", and where it ends."""
    match = _WORD.match(text, start)
    if match is None:
        return None
    word = match.group()
    if word[-2:] in ("'s", _APOSTROPHE + "s"):
        word = word[:-2]
    return word, start + len(word)


def _surname_end(text: str, end: int) -> int:
    """End of "F. Surname" or "Surname" right after a name ending at ``end``, else ``end``."""
    match = _SURNAME_GAP.match(text, end)
    if match is None:
        return end
    surname = _name_word(text, match.end())
    if surname and _capitalised(surname[0]) and _fold(surname[0]) not in _NOT_SURNAMES:
        return surname[1]
    return end


def _known(word: str) -> str | None:
    """The folded given name ``word`` is (or starts with, for "Sarah-Jane"), if any."""
    names = given_names()
    folded = _fold(word)
    if folded in names:
        return folded
    first = folded.split("-")[0]
    return first if "-" in folded and first in names else None


def _given_name_spans(text: str) -> list[tuple[int, int, float]]:
    found = []
    for match in _WORD.finditer(text):
        word, end = _name_word(text, match.start()) or ("", 0)
        name = _known(word) if word and _capitalised(word) else None
        if name is None:
            continue
        if name in _MONTH_NAMES and _previous_word(text, match.start()) in _DATE_WORDS:
            continue
        full_end = _surname_end(text, end)
        if _sentence_start(text, match.start()) and full_end == end:
            # Every sentence starts with a capital; only "Sarah Jones told..." is telling there.
            continue
        confidence = AMBIGUOUS_CONFIDENCE if name in AMBIGUOUS else 0.8
        if full_end > end:
            confidence = max(confidence, 0.7)
        found.append((match.start(), full_end, confidence))
    return found


def _titled_spans(text: str) -> list[tuple[int, int, float]]:
    found = []
    for title in _TITLE.finditer(text):
        name = _name_word(text, title.end())
        if name is None or not _capitalised(name[0]) or _fold(name[0]) in _NOT_SURNAMES:
            continue
        end = _surname_end(text, name[1])
        if title.group()[0].isupper():
            found.append((title.start(), end, 0.8))
        elif title.group().rstrip(" \t.").lower() in _LOWERCASE_TITLES:
            # "my coach Miller": the name is identifying, "coach" may stay.
            found.append((title.end(), end, 0.7))
    return found


def find(text: str) -> list[Span]:
    """Likely personal names in ``text``, sorted by start and non-overlapping."""
    norm = normalize(text)
    spans = [
        norm.span(KIND, start, end, confidence)
        for start, end, confidence in _titled_spans(norm.text) + _given_name_spans(norm.text)
    ]
    return non_overlapping(spans)
