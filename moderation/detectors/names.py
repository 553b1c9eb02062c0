"""Find likely personal names: given names where a name is expected, titles such as "Mr Smith",
names after a role ("my manager Nitesh") or in lower case after "named", "called", "my ex", and
capitalised words no dictionary knows, mid-sentence. Public figures are left to ``public``.

Name-words that are everyday words too (Hope, Grace, May, Will) count only in a name-like
context; German texts, which capitalise every noun, get no guess from capitals alone.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from moderation.detectors._normalize import (
    NOT_PRIVATE,
    latin_only,
    looks_german,
    non_overlapping,
    normalize,
)
from moderation.detectors.spans import Span

KIND = "name"

NAMES_FILE = Path(__file__).resolve().parent.parent / "data" / "given_names.txt"

# Given names that are also ordinary words, places or months: capitalised mid-sentence they are
# still often not a person ("in May", "by the Grace of God", "a Christian school").
_AMBIGUOUS_LIST = """
    may mai june april august will bill grace hope faith joy rose mark art guy dean earl ray don
    dawn crystal amber holly hazel pearl ruby penny sandy violet daisy iris lily ivy ginger olive
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
# A capitalised word no dictionary or name list knows, mid-sentence.
UNKNOWN_CONFIDENCE = 0.5

# Months that are also given names are skipped after words that introduce a date.
_MONTH_NAMES = frozenset({"april", "may", "june", "august", "mai", "avril", "juni", "julio"})
_DATE_WORD_LIST = """
    in on of since until till by last next early late mid this that every from to during before
    after through around im en de au seit bis
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
# Determiners and pronouns of Spanish, French and German that some name lists hold as names.
_NOT_NAME_LIST = """
    mein meine dein sein seine ihr ihre unser mi mis tu su sus mon ma mes ton ta son sa ses le
    la les el los las der die das dem den des ich er sie es wir du il elle nous vous je yo ella
    de del du un une uno una ein eine einen und oder aber mais pero y et spass mal trainer
    the a an this that these those he she it they we you i my his her our their its there here
    what when where who why how then than but or so if as at by for from in into of on to with
"""
_NOT_NAMES = frozenset(_NOT_NAME_LIST.split()) | NOT_PRIVATE
# "my manager Nitesh", "mi jefe Custodio", "mon responsable Alix", "mein Chef Aysel": a
# capitalised word after a relationship or role is a name even when no list knows it.
_ROLE_LIST = """
    manager boss supervisor teacher coach colleague coworker co-worker neighbour neighbor friend
    ex boyfriend girlfriend husband wife partner landlord tutor trainer doctor pastor priest
    cousin uncle stepfather stepdad brother sister classmate roommate flatmate instructor
    jefe jefa compañero compañera vecino vecina profesor profesora entrenador novio novia marido
    primo tío tio responsable patron patronne collègue collegue voisin voisine prof professeur
    entraîneur entraineur copain mari oncle chef chefin kollege kollegin nachbar nachbarin lehrer
    lehrerin freund exfreund mann onkel ausbilder vorgesetzter
"""
_ROLE = "|".join(sorted(_ROLE_LIST.split(), key=len, reverse=True))
_ROLE_NAME = re.compile(
    r"\b(?i:(?<!\w)(?:my|his|her|our|their|mi|su|nuestro|mon|ma|son|sa|notre|mein|meine|sein"
    rf"|seine|ihr|ihre|unser|unsere)[ \t]+(?:{_ROLE}))[ \t]+(?P<name>[^\W\d_a-z][^\W\d_]+)"
)

# Words before a name that make an everyday word ("Grace", "Will") read as one.
_NAME_CUE_LIST = """
    friend boss manager colleague coworker co-worker neighbour neighbor ex boyfriend girlfriend
    husband wife partner brother sister cousin uncle aunt teacher coach named called told asked
    met texted kissed dated married with and mr mrs ms miss dr
"""
_NAME_CUES = frozenset(_NAME_CUE_LIST.split())
# Words after which people write a name in lower case: "a guy named kevin", "my ex rahul".
_LOWERCASE_CUE = re.compile(
    r"(?i)\b(?<!\w)(?:named|called|my ex|his ex|her ex|un tal|una tal|un certain|une certaine"
    r"|nommée?|appelée?|llamad[oa]|se llama|s'appelle|heißt|namens|einem gewissen"
    r"|einer gewissen|ein gewisser|eine gewisse)[ \t]+(?P<name>[a-zà-öø-ÿ]{3,}(?:-[a-zà-öø-ÿ]+)?)\b"
)

_APOSTROPHE = "\u2019"
_WORD = re.compile(rf"[^\W\d_]+(?:['{_APOSTROPHE}-][^\W\d_]+)*")
# A capitalised word (its first letter is no lower-case letter of the Latin alphabets).
_CAP_WORD = re.compile(rf"(?<![^\W\d_])[^\W\d_a-zß-öø-ÿ][^\W\d_]*(?:['{_APOSTROPHE}-][^\W\d_]+)*")
# A hashtag right before a word: "#MeToo Tenía 14 años" starts a sentence all the same.
_AFTER_TAG = re.compile(r"#\w+\s*$")
_TITLE = re.compile(
    rf"\b(?<![\w.])(?i:(?:{TITLE_ABBREVIATIONS})\.?|(?:{TITLE_WORDS}))[ \t]+(?=[^\W\d_])"
)
# One space, or a middle initial, between a given name and a surname: "John F. Kennedy".
_SURNAME_GAP = re.compile(r" (?:[A-Z]\. )?(?=[^\W\d_])")
# What may sit between a sentence end and its first word: spaces, quotes and brackets.
_OPEN_QUOTES = '"\u201c\u2018\u00ab\u201e'
_OPENERS = _OPEN_QUOTES + " \t'([{*-_\u2013\u2014"
_SENTENCE_ENDS = ".!?…:;\n\r"


@lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace(_APOSTROPHE, "'")


@cache
def given_names() -> frozenset[str]:
    """The shipped list of given names, accent-folded, read once."""
    lines = NAMES_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(_fold(line.strip()) for line in lines if line.strip() and line[0] != "#")


# Word lists of the languages our writers use, from xkcdpass (BSD; the EFF, Linux, Michigan,
# FreeLang and German corpora lists it ships): a given name that is also a word needs context.
_WORD_LISTS = (
    "eff-long",
    "legacy",
    "spa-mich",
    "fr-freelang",
    "eff_large_de_sample.wordlist",
    "ger-anlx",
    "ger-long",
)


@cache
def common_words() -> frozenset[str]:
    """Everyday words in English, Spanish, French and German, accent-folded, read once."""
    words: set[str] = set()
    static = resources.files("xkcdpass") / "static"
    for name in _WORD_LISTS:
        for line in (static / name).read_text(encoding="utf-8").splitlines():
            word = line.strip().lstrip("\ufeff")
            # The English list keeps proper nouns capitalised: those are not everyday words.
            if word and not (name == "legacy" and word[0].isupper()):
                words.add(_fold(word))
    return frozenset(words)


def is_common(word: str) -> bool:
    """Whether ``word``, or its stem without a plural or verb ending, is an everyday word."""
    words = common_words()
    folded = _fold(word)
    if folded in words:
        return True
    endings = (
        ("ies", "y"),
        ("es", ""),
        ("s", ""),
        ("ed", ""),
        ("ing", ""),  # English
        ("e", ""),
        ("en", ""),
        ("n", ""),
        ("er", ""),  # German cases: "nach Hause", "den Kindern"
    )
    for ending, replacement in endings:
        if folded.endswith(ending) and folded[: -len(ending)] + replacement in words:
            return True
    return False


@cache
def more_given_names() -> frozenset[str]:
    """Given names of some fifty countries (Jörg Michael's nam_dict.txt, GNU FDL 1.2, shipped by
    the gender-guesser package), minus the shipped list."""
    data = resources.files("gender_guesser") / "data" / "nam_dict.txt"
    names = set()
    for line in data.read_text(encoding="utf-8").splitlines():
        if line[:1] in ("#", "=") or len(line) < 30:
            continue
        name = line[3:29].strip()
        if name and "+" not in name and len(name) >= 3:
            names.add(_fold(name))
    return frozenset(names - given_names())


def _capitalised(word: str) -> bool:
    # "Sarah", "O'Brien", "McDonald", "Jean-Luc"; not "SARAH" (shouting) nor "sarah".
    return word[0].isupper() and not word.isupper()


def _sentence_start(text: str, start: int) -> bool:
    i = start
    while i > 0 and text[i - 1] in _OPENERS:
        i -= 1
    if i == 0 or text[i - 1] in _SENTENCE_ENDS:
        return True
    # An opening quote after a word starts quoted speech: said "Grace is..." reads as a start.
    return any(text[k] in _OPEN_QUOTES for k in range(i, start))


def _previous_word(text: str, start: int) -> str:
    """The word before ``start``, casefolded, skipping spaces and punctuation (40 characters
    back at most)."""
    i, stop = start, max(0, start - 40)
    while i > stop and not text[i - 1].isalnum():
        i -= 1
    j = i
    while j > stop and text[j - 1].isalpha():
        j -= 1
    return text[j:i].casefold() if j < i and not (j > 0 and text[j - 1].isdigit()) else ""


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
    folded = _fold(word)
    first = folded.split("-")[0]
    for names in (given_names(), more_given_names()):
        if folded in names:
            return folded
        if "-" in folded and first in names:
            return first
    return None


def _name_context(text: str, start: int, end: int, full_end: int) -> bool:
    """Whether a word that is also an everyday word reads as a name here: a surname follows,
    or a relationship, role or verb of address comes before ("my friend Grace", "told Will")."""
    return full_end > end or _previous_word(text, start) in _NAME_CUES


def _word_spans(text: str) -> list[tuple[int, int, float]]:
    """Capitalised words that are names: known given names where they read as names, and
    words no dictionary knows, mid-sentence ("Hredhaan", "Chavvi"), which are likely names or
    some other proper noun (not in German, which capitalises every noun). One pass over the
    capitalised words, a few set look-ups each."""
    found = []
    curated = given_names()
    german = looks_german(text)
    for match in _CAP_WORD.finditer(text):
        start = match.start()
        word = match.group()
        if word[-2:] in ("'s", _APOSTROPHE + "s"):
            word = word[:-2]
        if not _capitalised(word):
            continue
        end = start + len(word)
        name = _known(word)
        if name is None:
            if not german and _unknown(text, start, word):
                found.append((start, end, UNKNOWN_CONFIDENCE))
            continue
        if name in _NOT_NAMES:
            continue
        if name in _MONTH_NAMES and _previous_word(text, start) in _DATE_WORDS:
            continue
        full_end = _surname_end(text, end)
        if _sentence_start(text, start) and (
            full_end == end
            or (name not in curated and _fold(text[end:full_end].strip()) in common_words())
        ):
            # Every sentence starts with a capital; only "Sarah Jones told..." is telling there.
            continue
        if name in AMBIGUOUS:
            # "Hope", "Grace", "May", "Will": a name only where a name is expected.
            if not _name_context(text, start, end, full_end):
                continue
            confidence = 0.7
        elif name in curated:
            confidence = 0.8
        elif name not in common_words() or _name_context(text, start, end, full_end):
            confidence = 0.6
        elif not german:
            # "Fue Custodio quien": a word some dictionary holds, capitalised mid-sentence in a
            # language that capitalises names only.
            confidence = 0.5
        else:
            continue
        if full_end > end:
            confidence = max(confidence, 0.7)
        found.append((start, full_end, confidence))
    return found


def _unknown(text: str, start: int, word: str) -> bool:
    """A capitalised word, mid-sentence, in no dictionary nor stop list, not a hashtag."""
    if len(word) < 3 or not word[1:].isalpha() or not word[1:].islower():
        return False
    if start and text[start - 1] in "#@":
        return False
    folded = _fold(word)
    if folded in _NOT_NAMES or folded in _NOT_SURNAMES or is_common(word):
        return False
    if _sentence_start(text, start):
        return False
    return _AFTER_TAG.search(text, max(0, start - 40), start) is None


def _lowercase_spans(text: str) -> list[tuple[int, int, float]]:
    """Names written in lower case after "named", "called", "my ex", "un tal", "namens"..."""
    found = []
    for match in _LOWERCASE_CUE.finditer(text):
        word = match["name"]
        folded = _fold(word)
        # "a guy named mark", "a girl called grace": after these words even "mark" is a name.
        if folded in _NOT_NAMES or folded in _NOT_SURNAMES:
            continue
        end = match.end("name")
        # "jose manuel": a second given name goes with the first.
        second = re.match(r"[ \t]([a-zà-öø-ÿ]{3,})\b", text[end : end + 30])
        if second and _fold(second.group(1)) in given_names():
            end += second.end()
        if folded in given_names() or folded in more_given_names():
            found.append((match.start("name"), end, 0.7))
        elif folded not in common_words() and len(folded) >= 3:
            found.append((match.start("name"), end, 0.6))
    return found


def _role_spans(text: str) -> list[tuple[int, int, float]]:
    found = []
    for match in _ROLE_NAME.finditer(text):
        word = match["name"]
        folded = _fold(word)
        if folded in _NOT_NAMES or folded in _NOT_SURNAMES or folded in AMBIGUOUS:
            continue
        if _known(word) or folded not in common_words():
            start = match.start("name")
            found.append((start, _surname_end(text, start + len(word)), 0.7))
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
    """Likely personal names in ``text``, sorted by start and non-overlapping; public figures
    ("Harvey Weinstein") are the public detector's, not private names."""
    from moderation.detectors import public

    norm = normalize(text)
    famous = public.find(text)
    latin = latin_only(norm.text)
    spans = [
        norm.span(KIND, start, end, confidence)
        for start, end, confidence in _titled_spans(latin)
        + _word_spans(latin)
        + _lowercase_spans(latin)
        + _role_spans(latin)
    ]
    spans = [s for s in spans if not any(s.start < f.end and f.start < s.end for f in famous)]
    return non_overlapping(spans)
