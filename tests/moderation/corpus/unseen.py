"""Small held-out sets in phrasings the generator does not use: ``make eval-screening``
reports them apart, as a check on how far the corpus figures carry to new ways of writing.
All fictional.

- ``TEXTS`` (unseen.jsonl) was written after the detectors and measured once: 0.78 of its
  details were found. The detectors were then improved on what it missed (commas in spelled
  numbers, "double oh", two-digit number words, intersections, "calle ... número", "bei der
  Sparkasse Ulm"), so it is no longer unseen: it stays as a regression check.
- ``FRESH`` (fresh.jsonl) was written after those improvements and measured once, never tuned
  on: the honest estimate.

    .venv/bin/python -m tests.moderation.corpus.unseen   # rewrites both files
"""

from __future__ import annotations

import json
from pathlib import Path

UNSEEN = Path(__file__).resolve().parent / "unseen.jsonl"
FRESH = Path(__file__).resolve().parent / "fresh.jsonl"

# (locale, text, [(kind, labelled text)]); clean when empty.
TEXTS = (
    (
        "en_US",
        "Everyone at Brennan & Doyle LLP knew what he was doing",
        [("workplace", "Brennan & Doyle LLP")],
    ),
    (
        "en_US",
        "text me at five five five, two one three, nine eight seven six",
        [("phone", "five five five, two one three, nine eight seven six")],
    ),
    (
        "en_US",
        "Dustin Kowalski, if you are reading this, I remember",
        [("name", "Dustin Kowalski")],
    ),
    (
        "en_US",
        "he coached at Westfield Middle School for twelve years",
        [("workplace", "Westfield Middle School")],
    ),
    ("en_US", "the apartment on 41st and Maple, second floor", [("address", "41st and Maple")]),
    ("en_US", "you can find him, he's marcus.tyler88 on snapchat", [("handle", "marcus.tyler88")]),
    ("en_US", "moved out of Kalispell the week after", [("place", "Kalispell")]),
    (
        "en_GB",
        "it was a lad from Stockport called Ryan",
        [("place", "Stockport"), ("name", "Ryan")],
    ),
    (
        "en_GB",
        "ring him on zero seven seven double oh nine double one two three",
        [("phone", "zero seven seven double oh nine double one two three")],
    ),
    ("en_GB", "she lived above the chippy at 22 Ashby Road", [("address", "22 Ashby Road")]),
    (
        "en_GB",
        "his email's d.harrow at outlook dot co dot uk",
        [("email", "d.harrow at outlook dot co dot uk")],
    ),
    (
        "en_IN",
        "my senior Prakash Nair at Infosys Pune said to keep quiet",
        [("name", "Prakash Nair"), ("workplace", "Infosys Pune")],
    ),
    (
        "en_IN",
        "it happened near Sector 14, Gurugram",
        [("address", "Sector 14"), ("place", "Gurugram")],
    ),
    ("en_IN", "Ms Lakshmi from the accounts team saw everything", [("name", "Ms Lakshmi")]),
    ("es_ES", "El encargado del Mercadona de Alcorcón me tocó", [("place", "Alcorcón")]),
    (
        "es_ES",
        "se llama Iker y trabaja en la Clínica Dental Sonrisas",
        [("name", "Iker"), ("workplace", "Clínica Dental Sonrisas")],
    ),
    (
        "es_ES",
        "su número es seis cuatro cinco, treinta y dos, diecisiete, ochenta",
        [("phone", "seis cuatro cinco, treinta y dos, diecisiete, ochenta")],
    ),
    ("es_ES", "vivía en la calle Goya número 14", [("address", "calle Goya número 14")]),
    (
        "fr_FR",
        "c'était mon prof de maths au collège Jules Ferry",
        [("workplace", "collège Jules Ferry")],
    ),
    (
        "fr_FR",
        "il s'appelle Maxime et il habite à Villeurbanne",
        [("name", "Maxime"), ("place", "Villeurbanne")],
    ),
    (
        "fr_FR",
        "écrivez-lui : lucas point bernard arobase gmail point com",
        [("email", "lucas point bernard arobase gmail point com")],
    ),
    ("fr_FR", "son insta c'est @juju_lyon69", [("handle", "@juju_lyon69")]),
    (
        "de_DE",
        "Der Typ heißt Dennis und wohnt in Gelsenkirchen",
        [("name", "Dennis"), ("place", "Gelsenkirchen")],
    ),
    (
        "de_DE",
        "meine Ausbilderin bei der Sparkasse Ulm hat es gesehen",
        [("workplace", "Sparkasse Ulm")],
    ),
    (
        "de_DE",
        "ruf ihn an: null eins sieben sechs, zwei drei vier fünf sechs sieben",
        [("phone", "null eins sieben sechs, zwei drei vier fünf sechs sieben")],
    ),
    ("de_DE", "es war in der Bahnhofstraße 12 im dritten Stock", [("address", "Bahnhofstraße 12")]),
    ("en_US", "I was nineteen and he was my shift lead at the diner.", []),
    ("en_US", "We met on Hinge in 2019 and it took me years to say it out loud.", []),
    ("en_US", "The Supreme Court ruling made me sick to my stomach.", []),
    ("en_GB", "Half term was the worst, stuck at home with him.", []),
    ("en_GB", "I rang the helpline at 3 in the morning and someone picked up.", []),
    ("en_IN", "In college everyone said it was just ragging.", []),
    ("es_ES", "Lo conté por fin en terapia, después de 10 años.", []),
    ("es_ES", "En el instituto nadie me creyó, ni los profesores.", []),
    ("fr_FR", "À 15 ans, je ne savais pas mettre de mots dessus.", []),
    ("fr_FR", "Le 8 mars, j'ai enfin osé en parler.", []),
    ("de_DE", "Mit 16 wusste ich nicht, dass das Missbrauch war.", []),
    ("de_DE", "Erst in der Therapie habe ich darüber gesprochen.", []),
)


FRESH_TEXTS = (
    (
        "en_US",
        "The youth pastor at Calvary Chapel Northfield was the one",
        [("workplace", "Calvary Chapel Northfield")],
    ),
    (
        "en_US",
        "if anyone knows Trent Whitaker from Boise, stay away from him",
        [("name", "Trent Whitaker"), ("place", "Boise")],
    ),
    (
        "en_US",
        "he made me save his number as 208-555-0143 under a fake name",
        [("phone", "208-555-0143")],
    ),
    ("en_US", "we lived at 1187 Old Mill Rd until I was ten", [("address", "1187 Old Mill Rd")]),
    ("en_US", "he still posts on tiktok as coach_dan_fitness", [("handle", "coach_dan_fitness")]),
    (
        "en_US",
        "reach him via jdwhit (at) protonmail (dot) com",
        [("email", "jdwhit (at) protonmail (dot) com")],
    ),
    ("en_US", "his portfolio site is danwhitakerphoto.com", [("link", "danwhitakerphoto.com")]),
    (
        "en_GB",
        "I was a receptionist at Harwood & Finch Solicitors in Leamington Spa",
        [("workplace", "Harwood & Finch Solicitors"), ("place", "Leamington Spa")],
    ),
    ("en_GB", "it was my form tutor, Mr Pemberton, who walked in", [("name", "Mr Pemberton")]),
    (
        "en_GB",
        "his mobile is oh seven nine one one, two three four, five six seven",
        [("phone", "oh seven nine one one, two three four, five six seven")],
    ),
    (
        "en_GB",
        "flat 4, 19 Carlton Terrace, that's where",
        [("address", "flat 4, 19 Carlton Terrace")],
    ),
    (
        "en_IN",
        "Rohit sir from the coaching centre in Kota messaged me at night",
        [("name", "Rohit"), ("place", "Kota")],
    ),
    (
        "en_IN",
        "my manager at Tata Motors Jamshedpur kept calling me to his cabin",
        [("workplace", "Tata Motors Jamshedpur")],
    ),
    (
        "en_IN",
        "he lives in Flat 302, Sunshine Apartments, Andheri West",
        [("address", "Flat 302, Sunshine Apartments"), ("place", "Andheri West")],
    ),
    ("en_IN", "call him on 98xxx, no actually it's 9876012345", [("phone", "9876012345")]),
    ("es_ES", "El monitor del campamento, un tal rubén, nos encerraba", [("name", "rubén")]),
    (
        "es_ES",
        "trabajaba de camarera en el Bar Los Arcos de Getafe",
        [("workplace", "Bar Los Arcos"), ("place", "Getafe")],
    ),
    ("es_ES", "me escribía desde @ruben.monitor.92", [("handle", "@ruben.monitor.92")]),
    (
        "es_ES",
        "su correo: ruben92 arroba hotmail punto es",
        [("email", "ruben92 arroba hotmail punto es")],
    ),
    (
        "es_ES",
        "vivía en Avenida de la Constitución 23, 3ºB",
        [("address", "Avenida de la Constitución 23")],
    ),
    (
        "fr_FR",
        "mon maître de stage chez Dumas Architectes à Annecy",
        [("workplace", "Dumas Architectes"), ("place", "Annecy")],
    ),
    ("fr_FR", "il s'appelait Thibault Renaud, il avait 40 ans", [("name", "Thibault Renaud")]),
    ("fr_FR", "son numéro : 06 72 18 44 90", [("phone", "06 72 18 44 90")]),
    ("fr_FR", "il habitait 7 bis, impasse des Lilas", [("address", "7 bis, impasse des Lilas")]),
    ("fr_FR", "son compte c'est thib.renaud sur instagram", [("handle", "thib.renaud")]),
    (
        "de_DE",
        "mein Trainer beim TSV Eichstätt hieß Jochen",
        [("workplace", "TSV Eichstätt"), ("name", "Jochen")],
    ),
    (
        "de_DE",
        "er wohnt in Pforzheim, Lindenweg 3",
        [("place", "Pforzheim"), ("address", "Lindenweg 3")],
    ),
    ("de_DE", "seine Nummer ist 0171 4455667", [("phone", "0171 4455667")]),
    (
        "de_DE",
        "sein Profil: instagram punkt com slash jochen_trainer",
        [("link", "instagram punkt com slash jochen_trainer")],
    ),
    ("en_US", "I was 22 and it was my first job out of college.", []),
    ("en_US", "He had 3 daughters and coached Little League.", []),
    ("en_US", "It took 18 months, 2 lawyers and 1 therapist to get here.", []),
    ("en_GB", "Bonfire Night 2016, I'll never forget it.", []),
    ("en_IN", "During Navratri the whole colony was out, nobody noticed.", []),
    ("es_ES", "Tenía 13 años y él 38. Nadie dijo nada en Semana Santa.", []),
    ("fr_FR", "C'était pendant le confinement, en avril 2020.", []),
    ("de_DE", "Ich war 17, er war mein Vorgesetzter im Praktikum.", []),
    ("de_DE", "Das war am 24.12.2018, an Heiligabend.", []),
)


def records(texts=TEXTS) -> list[dict]:
    out = []
    for i, (locale, text, labels) in enumerate(texts):
        spans = []
        for kind, label in labels:
            start = text.index(label)
            spans.append({"kind": kind, "start": start, "end": start + len(label), "text": label})
        out.append(
            {
                "id": i,
                "locale": locale,
                "clean": not labels,
                "public_figure": False,
                "form": "unseen",
                "text": text,
                "spans": spans,
            }
        )
    return out


if __name__ == "__main__":
    for path, texts in ((UNSEEN, TEXTS), (FRESH, FRESH_TEXTS)):
        with path.open("w", encoding="utf-8") as lines:
            for record in records(texts):
                lines.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
        print(f"wrote {path}")
