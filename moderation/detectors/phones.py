"""Find phone numbers, however they are written: digits with any separators, numbers from 0 to
99 spelled out in English, Spanish, French or German ("oh five two...", "treinta y dos",
"double oh"), mixed ("939 693 one five eight two") or with the letter O for zero ("O7700
9OO123"). Dates ("03.04.2015"), times, year ranges and amounts ("1 000 000") are not numbers.

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

# Number words of the languages our writers use, 0 to 99: "oh" is English for zero in a number.
_UNITS = {
    "en": "zero one two three four five six seven eight nine",
    "es": "cero uno dos tres cuatro cinco seis siete ocho nueve",
    "fr": "zéro un deux trois quatre cinq six sept huit neuf",
    "de": "null eins zwei drei vier fünf sechs sieben acht neun",
}
_TEENS = {
    "en": "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen",
    "es": "diez once doce trece catorce quince dieciséis diecisiete dieciocho diecinueve",
    "fr": "dix onze douze treize quatorze quinze seize dix-sept dix-huit dix-neuf",
    "de": "zehn elf zwölf dreizehn vierzehn fünfzehn sechzehn siebzehn achtzehn neunzehn",
}
_TENS = {
    "en": "twenty thirty forty fifty sixty seventy eighty ninety",
    "es": "veinte treinta cuarenta cincuenta sesenta setenta ochenta noventa",
    "fr": "vingt trente quarante cinquante soixante soixante-dix quatre-vingt quatre-vingt-dix",
    "de": "zwanzig dreißig vierzig fünfzig sechzig siebzig achtzig neunzig",
}
_SPANISH_TWENTIES = (
    "veinte veintiuno veintidós veintitrés veinticuatro veinticinco veintiséis veintisiete "
    "veintiocho veintinueve"
)


def _number_words() -> dict[str, str]:
    """Every way of writing 0 to 99 in words, each to its digits (a token: "soixante-dix-huit",
    "einundzwanzig"; spaced forms such as "fifty five" are joined as they are read)."""
    words: dict[str, str] = {"oh": "0", "une": "1", "funf": "5", "zwolf": "12", "dreissig": "30"}
    for lang in _UNITS:
        units, teens, tens = _UNITS[lang].split(), _TEENS[lang].split(), _TENS[lang].split()
        words.update({w: str(n) for n, w in enumerate(units)})
        words.update({w: str(10 + n) for n, w in enumerate(teens)})
        for n, ten in enumerate(tens):
            value = 20 + 10 * n
            words.setdefault(ten, str(value))
            for unit in range(1, 10):
                if lang == "en":
                    words[f"{ten}-{units[unit]}"] = str(value + unit)
                elif lang == "de":
                    unit_word = "ein" if unit == 1 else units[unit]
                    words[f"{unit_word}und{ten}"] = str(value + unit)
    words.update({w: str(20 + n) for n, w in enumerate(_SPANISH_TWENTIES.split())})
    # French: "vingt-deux", "soixante-douze", "quatre-vingt-dix-sept".
    for base, value in (("vingt", 20), ("trente", 30), ("quarante", 40), ("cinquante", 50)):
        for unit in range(2, 10):
            words[f"{base}-{_UNITS['fr'].split()[unit]}"] = str(value + unit)
    for base, value in (("soixante", 60), ("quatre-vingt", 80)):
        for unit in range(1, 20):
            word = (_UNITS["fr"].split() + _TEENS["fr"].split())[unit]
            if not (base == "soixante" and unit == 1):
                words[f"{base}-{word}"] = str(value + unit)
    words["quatre-vingts"] = "80"
    return words


_NUMBER_WORDS = _number_words()
# Arabic digit words, as typed without short vowels (moderation/detectors/regions.py has the
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
_NUMBER_WORDS.update(
    {word: digit for digit, words in _ARABIC_DIGIT_WORDS.items() for word in words.split()}
)
# Words that join a ten and a unit: "treinta y dos", "vingt et un", "fifty five".
_JOINERS = frozenset({"y", "et", "and"})
_TOKEN = re.compile(r"(?P<mixed>\b[0-9Oo]*[0-9][0-9Oo]*\b)|(?P<word>[^\W\d_]+(?:-[^\W\d_]+)*)")
# Between two spelled groups a comma is a pause, not the end of the number.
_SPELLED_GAP = re.compile(r"[ \t]*,?[ \t]*")


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


def _spelled_tokens(text: str):
    """(start, end, digits) for each spelled-out number ("five", "treinta y dos", "double oh")
    and each number written with the letter O for zero ("O7700")."""
    tokens = list(_TOKEN.finditer(text))
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token["mixed"]:
            mixed = token["mixed"]
            if "o" in mixed.lower() and sum(c.isdigit() for c in mixed) >= 2:
                yield token.start(), token.end(), mixed.replace("O", "0").replace("o", "0")
            i += 1
            continue
        word = token["word"].lower()
        repeat = {"double": 2, "triple": 3}.get(word)
        if repeat and i + 1 < len(tokens) and tokens[i + 1]["word"]:
            following = _NUMBER_WORDS.get(tokens[i + 1]["word"].lower())
            if following is not None and len(following) == 1:
                yield token.start(), tokens[i + 1].end(), following * repeat
                i += 2
                continue
        digits = _NUMBER_WORDS.get(word)
        if digits is None:
            i += 1
            continue
        end = token.end()
        # "fifty five", "treinta y dos", "vingt et un": a ten and a unit read as one number.
        if len(digits) == 2 and digits.endswith("0") and i + 1 < len(tokens):
            j = i + 1
            if tokens[j]["word"] and tokens[j]["word"].lower() in _JOINERS and j + 1 < len(tokens):
                j += 1
            unit = tokens[j]["word"] and _NUMBER_WORDS.get(tokens[j]["word"].lower())
            if (
                unit
                and len(unit) == 1
                and unit != "0"
                and text[end : tokens[j].start()].strip(" \t")
                in ("", "y", "et", "and", "Y", "Et", "And")
            ):
                digits, end, i = digits[0] + unit, tokens[j].end(), j
        yield token.start(), end, digits
        i += 1


def _digitise(text: str) -> tuple[str, list[int] | None, list[int] | None]:
    """``text`` with spelled-out numbers and letter-O zeros as digits, and for each of its
    characters where it starts and ends in ``text`` (None when nothing changed)."""
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    last = 0
    previous_spelled = False
    for start, end, digits in _spelled_tokens(text):
        gap = text[last:start]
        if previous_spelled and "," in gap and _SPELLED_GAP.fullmatch(gap):
            # "five five five, two one three": the pause is a space between digit groups.
            pieces.append(" ")
            starts.append(last)
            ends.append(start)
        else:
            pieces.append(gap)
            starts.extend(range(last, start))
            ends.extend(range(last + 1, start + 1))
        pieces.append(digits)
        starts.extend([start] * len(digits))
        ends.extend([end] * len(digits))
        last = end
        previous_spelled = True
    if not pieces:
        return text, None, None
    pieces.append(text[last:])
    starts.extend(range(last, len(text)))
    ends.extend(range(last + 1, len(text) + 1))
    return "".join(pieces), starts, ends


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
    digitised, starts, ends = _digitise(norm.text)
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
            if starts is not None:
                # A spelled-out digit stands for its whole word.
                first, last = starts[start], ends[end - 1]
            else:
                first, last = start, end
            spans.append(norm.span(KIND, first, last, confidence))
    return non_overlapping(spans)
