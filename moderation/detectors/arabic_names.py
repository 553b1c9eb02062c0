"""Find given names written in Arabic script: "مديري أحمد" (my manager Ahmed), "اسمها سلمى".

Arabic has no capital letters, and many given names are everyday words too (أمل is "hope",
نور "light", كريم "generous"), so a name is only sure where a name is expected: after "his
name is", a title or a role ("الأستاذ", "مديري", "زميلتي"), or in an "عبد ..." compound. A
known name anywhere else is a hint (under 0.5): highlighted for the moderator, never weighed.

Names and text are compared without short vowels, shadda or tatweel, with every alef alike
and a final ta marbuta as ha, as people type them. One or two
one-letter prefixes (و ف ب ل ك: "and", "so", "with", "to", "like") may stick to a name or a
cue word. The names are Faker's Arabic
first names (MIT), in moderation/data/given_names_ar.txt (scripts/build_given_names_ar.py).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from moderation.detectors._normalize import non_overlapping, normalize
from moderation.detectors.spans import Span

KIND = "name"

NAMES_FILE = Path(__file__).resolve().parent.parent / "data" / "given_names_ar.txt"

SURE_CONFIDENCE = 0.8
HINT_CONFIDENCE = 0.4

# Letters folded as people type them; the marks themselves go with normalize(strip_marks).
# Ta marbuta as ha, and no tatweel. Alef maqsura stays: folded to ya, "on" would read "Ali".
_FOLD = {"\u0629": "\u0647", "\u0640": ""}
_ARABIC = re.compile(r"[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff]")
_WORD = re.compile(r"[^\W\d_]+")
_PREFIXES = "وفبلك"

# The words after which a name is expected, folded: "his/her name is", "called", titles,
# roles and relations that people name someone by.
_CUE_LIST = """
    اسمه اسمها اسمهه يدعي تدعي يسمي تسمي يدعونه ينادونه
    السيد السيده الانسه الاستاذ الاستاذه استاذ استاذه استاذي استاذتي الدكتور الدكتوره دكتور
    دكتوره د الشيخ الحاج الحاجه المهندس المهندسه الكابتن المدرب المدربه مدربي مدربتي
    مديري مديرتي المدير المديره مدير مديره رئيسي رئيستي الرئيس زميلي زميلتي الزميل الزميله
    معلمي معلمتي المعلم المعلمه المدرس المدرسه جاري جارتي الجار صديقي صديقتي صاحبي خالي خالتي
    عمي عمتي زوجي زوجتي طليقي خطيبي خطيبتي حبيبي ابن بنت اخو اخت الطبيب الطبيبه طبيبي
    الضابط الشرطي الامام القس الراهب الممرض الممرضه
"""
# A word that starts a compound name ("عبد الله", "عبد الرحمن"): the word after it is a name.
_COMPOUND = "عبد"


def _fold(text: str) -> str:
    return normalize(text, strip_marks=True, table=_FOLD).text


_CUES = frozenset(_fold(word) for word in _CUE_LIST.split())


@cache
def given_names() -> frozenset[str]:
    """The known names, folded (single words and compounds such as "تاج الدين")."""
    lines = NAMES_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(_fold(line.strip()) for line in lines if line.strip() and line[0] != "#")


def _unprefixed(word: str, known) -> tuple[str, int] | None:
    """The word, or the word without one or two one-letter prefixes, if it is in ``known``;
    and how many letters were taken off."""
    for cut in range(3):
        if cut and (len(word) - cut < 2 or word[cut - 1] not in _PREFIXES):
            return None
        if word[cut:] in known:
            return word[cut:], cut
    return None


def find(text: str) -> list[Span]:
    """Arabic-script given names in ``text``, sorted by start and non-overlapping."""
    if not _ARABIC.search(text):
        return []
    norm = normalize(text, strip_marks=True, table=_FOLD)
    names = given_names()
    words = list(_WORD.finditer(norm.text))
    spans = []
    for i, word in enumerate(words):
        following = words[i + 1] if i + 1 < len(words) else None
        # A compound written as two words ("تاج الدين") is one name.
        if following and norm.text[word.end() : following.start()] == " ":
            pair = f"{word.group()} {following.group()}"
            found = _unprefixed(pair, names)
            if found:
                start, end = word.start() + found[1], following.end()
                spans.append(norm.span(KIND, start, end, _confidence(words, i, found[0])))
                continue
        compound = _unprefixed(word.group(), {_COMPOUND})
        if compound and following:  # "عبد الرحمن", whether or not the list has it
            start = word.start() + compound[1]
            spans.append(norm.span(KIND, start, following.end(), SURE_CONFIDENCE))
            continue
        found = _unprefixed(word.group(), names)
        if found:
            confidence = _confidence(words, i, found[0])
            spans.append(norm.span(KIND, word.start() + found[1], word.end(), confidence))
    return non_overlapping(spans)


def _confidence(words: list[re.Match], index: int, name: str) -> float:
    previous = words[index - 1].group() if index else ""
    if _unprefixed(previous, _CUES) or previous == _COMPOUND or name.startswith(_COMPOUND):
        return SURE_CONFIDENCE
    return HINT_CONFIDENCE
