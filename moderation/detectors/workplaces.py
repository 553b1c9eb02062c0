"""Find workplaces, schools, churches and clubs: "Slater Inc", "Bhiwandi Public School",
"St Mary's Church", "Universidad de Lugo", "lycée Jean Moulin", "Müller-Gymnasium", and any
capitalised name after "worked at", "my boss at", "stagiaire chez", "Praktikantin bei"...
"""

from __future__ import annotations

import re

from moderation.detectors._normalize import latin_only, non_overlapping, normalize
from moderation.detectors.spans import Span

KIND = "workplace"

# A capitalised word ("Slater", "O'Neil", "King-Lewis", "St", "Mary's"), and the ways names of
# firms join them: "Smith, Jones and Lee", "Weber et Fils", "Salgado y Asociados".
_CAP = r"[^\W\d_a-zà-ÿ][\w'\u2019.&-]*"
_JOIN = r"(?:,[ \t]|[ \t](?:and|&|y|et|und|e)[ \t]|[ \t]|-)"
_NAME = rf"{_CAP}(?:{_JOIN}{_CAP}){{0,4}}"

_LEGAL_FORMS = (
    r"Inc\.?|Ltd\.?|LLC|L\.L\.C\.|LLP|PLC|plc|Pvt\.? Ltd\.?|Corp\.?|Corporation|Company|Co\.?"
    r"|Group|Holdings|Partners|& Sons|and Sons|& Co\.?|GmbH|gGmbH|AG|KG|KGaA|OHG|GbR|e\.V\.|SE"
    r"|mbH|S\.A\.S\.|SAS|S\.A\.R\.L\.|SARL|S\.A\.|SA|et Fils|et Cie|S\.L\.N\.E\.?|S\.L\.U\.?"
    r"|S\.L\.|S\.Coop\.?|S\.Com\.?|S\.C\.|y [Aa]sociados|e Hijos|B\.V\.|N\.V\.|Pty\.? Ltd\.?"
)
# Institutions named first, type last: "Lincoln High School", "Grace Baptist Church".
_TYPE_LAST = (
    r"(?:High|Middle|Primary|Secondary|Grammar|Public|Elementary|Junior|Senior|Sunday|Boarding"
    r"|Catholic|Community|Baptist|Methodist|Presbyterian|Lutheran|Evangelical|Pentecostal"
    r"|Memorial|General|Children's|Football|Rugby|Golf|Tennis|Cricket|Boxing|Swim|Swimming"
    r"|Sports|Country|Youth|Medical|Police|Fire)?[ \t]?"
    r"(?:School|Academy|College|University|Hospital|Clinic|Infirmary|Center|Centre|Church"
    r"|Chapel|Cathedral|Mosque|Masjid|Temple|Synagogue|Gurdwara|Mandir|Parish|Ministries"
    r"|Club|FC|AFC|Gym|Department|Precinct|Institute|Polytechnic|Seminary|Convent|Monastery"
    r"|Nursery|Kindergarten|Studio|Studios|Theatre|Theater|Hotel|Restaurant|Salon)"
)
# Institutions named type first: "University of Leeds", "Colegio San Isidro", "lycée Victor Hugo".
_TYPE_FIRST = (
    r"University|College|Academy|Universidad|Universidade|Université|Universität|Hochschule"
    r"|Colegio|Instituto|Escuela|Academia|Hospital|Clínica|Clinica|Parroquia|Iglesia"
    r"|Club Deportivo|Club|Lycée|lycée|Collège|collège|École|école|Ecole|ecole|Hôpital|hôpital"
    r"|Clinique|clinique|Église|Eglise|église|Paroisse|Grundschule|Gymnasium|Realschule"
    r"|Gesamtschule|Hauptschule|Berufsschule|Klinikum|Krankenhaus|Klinik|Kirche|Kita|FC|SC|SV"
    r"|TSV|VfB|VfL|SpVgg|CD|CF|UD|RC|AS|US|Stade|Scuola|Liceo|Ospedale"
)
_CONNECTORS = (
    r"(?:(?:of|of the|de|del|de la|des|du|de l'|d'|am|an der|zu|San|Santa|Santo|Saint|St\.?"
    r"|Sainte|Ste)[ \t-]?)*"
)
# Words of work right before a workplace: "worked at", "my boss at", "intern at", "chez".
_WORK = (
    r"(?:work|works|worked|working|intern|interned|internship|job|jobs|boss|manager|supervisor"
    r"|hr|employer|employed|hired|shift|shifts|colleague|colleagues|coworker|coworkers"
    r"|prácticas|practicas|trabajaba|trabajo|trabajé|trabaja|jefe|jefa|empresa|contrato"
    r"|stagiaire|stage|chef|patron|patronne|travaillais|travaillait|travaille|boulot|emploi"
    r"|praktikantin|praktikant|praktikum|chefin|arbeitete|arbeite|arbeitet|firma|ausbildung"
    r"|ausbilderin|ausbilder|azubi|lehre"
    r"|kollege|kollegin)"
)
_PREPOSITION = r"(?:at|for|with|in|en|chez|à|a|bei|für|de|dans)"

_LEGAL = re.compile(rf"\b(?<![\w'])(?P<org>{_NAME})[ \t,]+(?:{_LEGAL_FORMS})(?![\w])")
_INSTITUTION_LAST = re.compile(rf"\b(?<![\w'])(?P<org>{_NAME})[ \t]{_TYPE_LAST}(?![\w])")
# The words these two end with: the patterns only run just before one of them, so a text of
# capitalised words without any costs one quick pass.
_LEGAL_ANCHOR = re.compile(rf"[ \t,](?:{_LEGAL_FORMS})(?![\w])")
_TYPE_LAST_ANCHOR = re.compile(
    r"[ \t](?:School|Academy|College|University|Hospital|Clinic|Infirmary|Center|Centre|Church"
    r"|Chapel|Cathedral|Mosque|Masjid|Temple|Synagogue|Gurdwara|Mandir|Parish|Ministries"
    r"|Club|FC|AFC|Gym|Department|Precinct|Institute|Polytechnic|Seminary|Convent|Monastery"
    r"|Nursery|Kindergarten|Studio|Studios|Theatre|Theater|Hotel|Restaurant|Salon)(?![\w])"
)
# How far before its last word a name may start: five words and the joins between them.
_REACH = 160
_INSTITUTION_FIRST = re.compile(
    rf"\b(?<![\w'])(?:{_TYPE_FIRST})[ \t]+{_CONNECTORS}{_CAP}(?:[ \t-]{_CAP}){{0,3}}"
)
_HYPHENATED = re.compile(
    rf"\b(?<![\w'])(?:{_CAP}-)+(?:Gymnasium|Realschule|Gesamtschule|Grundschule|Schule|Klinik"
    r"|Kirche|Lyzeum|Kolleg)(?![\w])"
)
# "bei der Sparkasse Ulm", "at the Grand Hotel": an article may come between.
_ARTICLE = r"(?P<article>(?i:the|der|die|dem|den|la|le|el|l'|l\u2019)[ \t]+)?"
_AFTER_WORK = re.compile(
    rf"\b(?i:(?<![\w]){_WORK})[ \t]+(?i:{_PREPOSITION})[ \t]+{_ARTICLE}(?P<org>{_NAME})"
)
# Capitalised words that follow "at"/"bei" without being a workplace.
_NOT_ORG_LIST = """
    the a an my his her our their this that night home work school first last christmas easter
    i he she it we they you der die das dem den ein eine einer la le les el los las un une
    monday tuesday wednesday thursday friday saturday sunday weekend
"""
_NOT_ORG = frozenset(_NOT_ORG_LIST.split())

_PATTERNS = (
    (_LEGAL, 0.85),
    (_INSTITUTION_LAST, 0.8),
    (_INSTITUTION_FIRST, 0.8),
    (_HYPHENATED, 0.8),
)
_ANCHORS = {_LEGAL: _LEGAL_ANCHOR, _INSTITUTION_LAST: _TYPE_LAST_ANCHOR}
# Sentence-opening words a match may start with, dropped from its front ("My", "He").
_LEADING = re.compile(r"(?:(?:The|My|His|Her|Our|Their|He|She|I|We|They|At|In|It)[ \t]+)+")


def _everyday(word: str) -> bool:
    from moderation.detectors.names import is_common

    return is_common(word)


def _matches(pattern: re.Pattern, text: str):
    """``pattern``'s matches in ``text``; the two that end in a type or legal form are only
    tried in the stretch before each such word."""
    anchor = _ANCHORS.get(pattern)
    if anchor is None:
        yield from pattern.finditer(text)
        return
    done = 0
    for word in anchor.finditer(text):
        if word.end() <= done:
            continue
        for match in pattern.finditer(text, max(done, word.start() - _REACH), word.end()):
            yield match
            done = match.end()


def find(text: str) -> list[Span]:
    """Workplaces and institutions in ``text``, sorted by start and non-overlapping."""
    norm = normalize(text)
    latin = latin_only(norm.text)
    spans = []
    for pattern, confidence in _PATTERNS:
        for match in _matches(pattern, latin):
            start, end = match.start(), match.end()
            lead = _LEADING.match(latin, start, end)
            if lead and lead.end() < end:
                start = lead.end()
            spans.append(norm.span(KIND, start, end, confidence))
    for match in _AFTER_WORK.finditer(latin):
        org = match["org"].rstrip(".,")
        if org.split()[0].lower() in _NOT_ORG:
            continue
        if match["article"] and " " not in org and _everyday(org):
            continue  # "bei der Arbeit", "at the Office"
        start = match.start("org")
        spans.append(norm.span(KIND, start, start + len(org), 0.7))
    return non_overlapping(spans)
