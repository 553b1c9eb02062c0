"""Find phone numbers, however they are written: digits with any separators, digits spelled out
in English, Spanish, French or German ("oh five two..."), mixed ("939 693 one five eight two")
or with the letter O for zero ("O7700 9OO123").

Linear in the text: every pass is a regular expression without nested repetition, and
libphonenumber only ever sees one short candidate at a time (at most ``_VALIDATION_BUDGET``
candidates per text, each cached), so a 20,000-character run of digits costs milliseconds.
"""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers

from moderation.detectors._normalize import non_overlapping, normalize
from moderation.detectors.spans import Span

KIND = "phone"

# Regions whose numbering plans decide whether a short (7 to 9 digit) number is a phone number.
DEFAULT_REGIONS = ("US", "GB", "FR", "DE", "IN", "AU", "ES", "IT", "NL", "BR", "ZA", "NG")

# Fewer digits than this are ages, years, house numbers or short codes, never worth flagging.
MIN_DIGITS = 7
# More than this is a card, account or reference number, or noise: no phone number is longer.
MAX_DIGITS = 15

# Digit words of the languages our writers use; "oh" is the English way of saying zero.
_DIGIT_WORDS = {
    "0": "zero oh cero zéro zero null",
    "1": "one uno un une eins",
    "2": "two dos deux zwei",
    "3": "three tres trois drei",
    "4": "four cuatro quatre vier",
    "5": "five cinco cinq fünf funf",
    "6": "six seis sechs",
    "7": "seven siete sept sieben",
    "8": "eight ocho huit acht",
    "9": "nine nueve neuf neun",
}
# The same in Arabic, as typed without short vowels (moderation/detectors/regions.py has the
# regions of each language); Arabic-Indic digits (٠١٢...) are digits to the patterns already.
_ARABIC_DIGIT_WORDS = {
    "0": "صفر",
    "1": "واحد",
    "2": "اثنان اثنين اتنين",
    "3": "ثلاثة ثلاثه تلاته",
    "4": "أربعة اربعة اربعه",
    "5": "خمسة خمسه",
    "6": "ستة سته",
    "7": "سبعة سبعه",
    "8": "ثمانية ثمانيه تمانيه",
    "9": "تسعة تسعه",
}
for _digit, _words in _ARABIC_DIGIT_WORDS.items():
    _DIGIT_WORDS[_digit] += " " + _words
_WORD_DIGIT = {word: digit for digit, words in _DIGIT_WORDS.items() for word in words.split()}
_SPELLED = re.compile(
    r"(?i)\b(?<!\w)(?:(?P<word>"
    + "|".join(sorted(_WORD_DIGIT, key=len, reverse=True))
    + r")|(?P<mixed>[0-9Oo]*[0-9][0-9Oo]*))(?!\w)"
)

# Dates, times and year ranges are masked before looking for numbers: "03.04.2015" is a date.
_DATES = re.compile(
    r"(?<![\d./-])(?:\d{1,2}([./-])\d{1,2}\1(?:\d{4}|\d{2})|\d{4}([./-])\d{1,2}\2\d{1,2})(?![./-]?\d)"
    r"|(?<!\d)\d{1,2}[:h]\d{2}(?!\d)"
    r"|(?<![\d./-])(?:19|20)\d\d\s?[-\u2013/]\s?(?:19|20)\d\d(?![./-]?\d)"
)
# A run of digits with the separators numbers are written with, at most three in a row.
_RUN = re.compile(r"\+?\(?\d(?:[ \t\u00a0.\-/()]{0,3}\d)*")
_SLASH_BETWEEN = re.compile(r"\s+/\s+")
_GROUP = re.compile(r"\d+")
_YEAR = re.compile(r"(?:19|20)\d\d")
_THOUSANDS = re.compile(r"\d{1,3}(?:[ .\u00a0]\d{3})+")
# Words that announce a number, in five languages: they make a short number telling.
_CONTEXT = re.compile(
    r"(?i)(?:phone|number|call|ring|text|tel|mobile|cell|whatsapp|n[uú]mero|numéro|llama|"
    r"tel[eé]fono|m[oó]vil|portable|appel|nummer|handy|anruf|ruf|"
    r"رقم|هاتف|تلفون|تليفون|جوال|موبايل|اتصل|واتس)"
)

_VALIDATION_BUDGET = 100


@lru_cache(maxsize=4096)
def _valid_somewhere(digits: str, regions: tuple[str, ...]) -> bool:
    for region in regions:
        try:
            if phonenumbers.is_valid_number(phonenumbers.parse(digits, region)):
                return True
        except phonenumbers.NumberParseException:
            continue
    return False


def _digitise(text: str) -> tuple[str, list[int] | None]:
    """``text`` with spelled-out digits and letter-O zeros as digits, and for each of its
    characters the index in ``text`` it came from (None when nothing changed)."""
    pieces: list[str] = []
    origins: list[int] = []
    last = 0
    changed = False
    for match in _SPELLED.finditer(text):
        if match["word"]:
            digit = _WORD_DIGIT[match["word"].lower()]
        elif "o" in match["mixed"].lower() and sum(c.isdigit() for c in match["mixed"]) >= 2:
            digit = match["mixed"].replace("O", "0").replace("o", "0")
        else:
            continue
        changed = True
        pieces.append(text[last : match.start()])
        origins.extend(range(last, match.start()))
        pieces.append(digit)
        # One digit stands for the whole word; letter-O digits keep their own positions.
        origins.extend([match.start()] if match["word"] else range(match.start(), match.end()))
        last = match.end()
    if not changed:
        return text, None
    pieces.append(text[last:])
    origins.extend(range(last, len(text)))
    return "".join(pieces), origins


def _mask(text: str) -> str:
    return _DATES.sub(lambda m: "x" * len(m.group()), text)


def _confidence(piece: str, digits: str, before: str, state: dict) -> float | None:
    groups = _GROUP.findall(piece)
    if all(_YEAR.fullmatch(g) for g in groups):
        return None  # "2017 2018 2019"
    if piece.startswith("+"):
        return 1.0 if len(digits) >= 8 else None
    if len(digits) >= 10:
        return 0.9 if len(digits) <= 13 else 0.6
    # Seven to nine digits: a national number of some region, or a number announced as one.
    context = _CONTEXT.search(before) is not None
    if _THOUSANDS.fullmatch(piece) and not context:
        # "1 000 000", unless the text's language writes phone numbers in threes ("600 123
        # 456" in Spain, "20 123 456" in Tunisia) and one of its regions' plans takes it.
        grouped = state.get("grouped_regions")
        if not grouped or state["budget"] <= 0:
            return None
        state["budget"] -= 1
        return 0.7 if _valid_somewhere(digits, grouped) else None
    if state["budget"] > 0:
        state["budget"] -= 1
        if _valid_somewhere(digits, state["regions"]):
            return 0.8
    return 0.6 if context else None


def _pieces(run: str, offset: int):
    """(start, end) of the candidates in a run: split at " / ", long runs in phone-sized parts."""
    start = 0
    for sep in [*_SLASH_BETWEEN.finditer(run), None]:
        end = sep.start() if sep else len(run)
        piece = run[start:end]
        digits = sum(c.isdigit() for c in piece)
        if digits <= MAX_DIGITS:
            yield offset + start, offset + end
        else:
            yield from _chunks(piece, offset + start)
        if sep:
            start = sep.end()


def _chunks(piece: str, offset: int):
    """Whole groups of at most 13 digits from a long run, for "call 06 12 34 56 78 06 ..."."""
    first = None
    count = last_end = 0
    for group in _GROUP.finditer(piece):
        size = len(group.group())
        if size > MAX_DIGITS:
            first, count = None, 0
            continue
        if first is None:
            first, count = group.start(), 0
        if count + size > 13:
            if count >= 10:
                yield offset + first, offset + last_end
            first, count = group.start(), 0
        count += size
        last_end = group.end()
    if first is not None and count >= 10:
        yield offset + first, offset + last_end


def find(
    text: str, *, regions: tuple[str, ...] = DEFAULT_REGIONS, language: str | None = None
) -> list[Span]:
    """Phone numbers in ``text``, sorted by start and non-overlapping. ``language`` (a code of
    settings.LANGUAGES) puts the regions where it is written first (detectors.regions)."""
    grouped = ()
    if language is not None:
        from moderation.detectors.regions import grouped_in_threes, phone_regions

        regions, grouped = phone_regions(language), grouped_in_threes(language)
    norm = normalize(text)
    digitised, origins = _digitise(norm.text)
    masked = _mask(digitised)
    state = {"budget": _VALIDATION_BUDGET, "regions": regions, "grouped_regions": grouped}
    spans = []
    for run in _RUN.finditer(masked):
        if sum(c.isdigit() for c in run.group()) < MIN_DIGITS:
            continue
        for start, end in _pieces(run.group(), run.start()):
            piece = masked[start:end].strip(" \t\u00a0.-/")
            start = masked.index(piece, start)
            end = start + len(piece)
            if piece.startswith("(") and ")" not in piece:
                piece, start = piece[1:], start + 1
            digits = "".join(c for c in piece if c.isdigit())
            if not MIN_DIGITS <= len(digits) <= MAX_DIGITS:
                continue
            before = masked[max(0, start - 40) : start]
            confidence = _confidence(piece, digits, before, state)
            if confidence is None:
                continue
            if origins is not None:
                # A spelled-out digit stands for its whole word.
                first, last = origins[start], _word_end(norm.text, origins[end - 1])
            else:
                first, last = start, end
            spans.append(norm.span(KIND, first, last, confidence))
    return non_overlapping(spans)


def _word_end(text: str, index: int) -> int:
    end = index + 1
    while end < len(text) and (text[end].isalnum()):
        end += 1
    return end
