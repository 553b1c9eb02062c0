"""Find email addresses, including the usual "name at domain dot com" obfuscations."""

from __future__ import annotations

import re

from moderation.detectors._normalize import non_overlapping, normalize
from moderation.detectors.links import TLDS
from moderation.detectors.spans import Span

KIND = "email"

# Providers people name when spelling an address out ("jo at gmail.com"); elsewhere a plain
# "at" is too often just English ("I worked at google.com").
_PROVIDER_LIST = """
    gmail googlemail yahoo ymail hotmail outlook live msn icloud me mac aol proton protonmail
    pm tutanota tuta gmx web mail yandex orange free laposte sfr wanadoo libero zoho fastmail
    hey qq btinternet sky virgin comcast verizon att
"""
MAIL_PROVIDERS = frozenset(_PROVIDER_LIST.split())

_LOCAL = r"[^\W_](?:[\w.%+-]{0,63}[^\W_])?"
_LABEL = r"[^\W_](?:[\w-]{0,62}[^\W_])?"
_TLD = r"[a-zA-Z]{2,24}"
# Spelled-out forms only end in a known TLD, so the regex backtracks to the right one; it is
# typed all lower or all upper case, so "example.com. It was" stops before "It".
_TLD_WORDS = sorted(TLDS, key=len, reverse=True)
_KNOWN_TLD = "(?-i:" + "|".join(_TLD_WORDS + [t.upper() for t in _TLD_WORDS]) + ")"

# The real thing: local@domain.tld (NFKC has already turned fullwidth "@" and "." into ASCII).
_PLAIN = re.compile(
    rf"\b(?<![\w.%+-])(?P<local>{_LOCAL})@(?P<domain>(?:{_LABEL}\.)+{_TLD})(?![\w-])"
)

# Bracketed or spaced symbols: "[at]", "(at)", "{at}", "<at>", " @ "; "[dot]", "(dot)", " . ".
_AT_STRONG = r"(?:\s*[\[({<]\s*(?:at|@)\s*[\])}>]\s*|\s+@\s*|\s*@\s+)"
_DOT_STRONG = r"(?:\s*[\[({<]\s*(?:dot|\.)\s*[\])}>]\s*|\s+dot\s+|\s*\.\s*)"
_STRONG = re.compile(
    rf"(?i)\b(?<![\w.%+-])(?P<local>{_LOCAL}){_AT_STRONG}"
    rf"(?P<domain>{_LABEL}(?:{_DOT_STRONG}{_LABEL})*){_DOT_STRONG}(?P<tld>{_KNOWN_TLD})(?![\w-])"
)

# A spelled-out " at ": the dot must be spelled out too, or the address be otherwise telling.
_DOT_WORD = r"(?:\s*[\[({<]\s*(?:dot|\.)\s*[\])}>]\s*|\s+dot\s+)"
_WORDY = re.compile(
    rf"(?i)\b(?<![\w.%+-])(?P<local>{_LOCAL})\s+at\s+"
    rf"(?P<domain>{_LABEL}(?:(?:{_DOT_WORD}|\.){_LABEL})*)"
    rf"(?P<dot>{_DOT_WORD}|\.)(?P<tld>{_KNOWN_TLD})"
    r"(?![\w-])"
)


# "arroba", "arobase", "punto", "point", "punkt": the same spelled out in other languages;
# in Arabic, "at" and "dot" written in Arabic letters ("آت", "دوت") or "نقطة" (dot), and the
# common endings written in Arabic letters too ("كوم" for com).
_AT_WORDS = r"(?:at|arroba|arobase|chez|آت|أت|ات)"
_DOT_WORDS = r"(?:dot|punto|point|punkt|نقطة|نقطه|دوت)"
_ARABIC_TLDS = r"(?:كوم|نت|اورج|أورج|اورغ)"
_SPELLED = re.compile(
    rf"(?i)\b(?<![\w.%+-])(?P<local>{_LOCAL})[ \t]+{_AT_WORDS}[ \t]+(?P<domain>{_LABEL})"
    rf"(?:[ \t]+{_DOT_WORDS}[ \t]+{_LABEL})*[ \t]+{_DOT_WORDS}[ \t]+"
    rf"(?P<tld>{_KNOWN_TLD}|{_ARABIC_TLDS})(?![\w-])"
)
# Bracketed everywhere, even inside the local part: "jo [dot] smith [at] mail [dot] com".
_BRACKETED_PART = r"(?:[\[({<][ \t]*(?:at|dot|@|\.)[ \t]*[\])}>])"
_BRACKETED = re.compile(
    rf"(?i)\b(?<![\w.%+-]){_LABEL}(?:[ \t]*{_BRACKETED_PART}[ \t]*{_LABEL}){{2,8}}(?![\w-])"
)
# "his gmail is tracey.salas", "mi correo es ana_23": the provider says what the name is.
_PROVIDER_IS = re.compile(
    r"(?i)\b(?<!\w)(?:gmail|hotmail|yahoo|outlook|icloud|proton(?:mail)?|e-?mail|mail|correo"
    r"|courriel|adresse mail)(?:[ \t]+(?:address|adress|adresse))?[ \t]*(?:is|was|es|era|est"
    r"|c'est|ist|war|:|=)[ \t]*(?P<local>[A-Za-z0-9][\w.+-]{1,63}[A-Za-z0-9])"
    r"(?![\w@]|\.\w)"
)


def _provider(domain: str) -> str:
    return re.split(r"[\W_]+", domain.lower())[0]


def find(text: str) -> list[Span]:
    """Email addresses in ``text``, sorted by start and non-overlapping."""
    norm = normalize(text)
    found = [norm.span(KIND, m.start(), m.end()) for m in _PLAIN.finditer(norm.text)]
    found += [norm.span(KIND, m.start(), m.end(), 0.9) for m in _STRONG.finditer(norm.text)]
    for match in _WORDY.finditer(norm.text):
        spelled_dot = match["dot"] != "."
        telling_local = re.search(r"[\d._+]", match["local"]) is not None
        if spelled_dot or telling_local or _provider(match["domain"]) in MAIL_PROVIDERS:
            found.append(norm.span(KIND, match.start(), match.end(), 0.8 if spelled_dot else 0.7))
    found += [norm.span(KIND, m.start(), m.end(), 0.8) for m in _SPELLED.finditer(norm.text)]
    for match in _BRACKETED.finditer(norm.text):
        if re.search(r"(?i)[\[({<]\s*(?:at|@)\s*[\])}>]", match.group()):
            found.append(norm.span(KIND, match.start(), match.end(), 0.9))
    for match in _PROVIDER_IS.finditer(norm.text):
        local = match["local"]
        # An address-like name: "tracey.salas", "ana_23", not "gone" or "private".
        if re.search(r"[\d._+]", local) and not local.replace(".", "").isdigit():
            found.append(norm.span(KIND, match.start("local"), match.end("local"), 0.7))
    return non_overlapping(found)
