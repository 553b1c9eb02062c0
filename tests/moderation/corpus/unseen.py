"""A small held-out set in phrasings the generator does not use, written once after the
detectors and never tuned on: ``make eval-screening`` reports it apart, as a check on how far
the corpus figures carry to new ways of writing. All fictional.

    .venv/bin/python -m tests.moderation.corpus.unseen   # rewrites unseen.jsonl
"""

from __future__ import annotations

import json
from pathlib import Path

UNSEEN = Path(__file__).resolve().parent / "unseen.jsonl"

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


def records() -> list[dict]:
    out = []
    for i, (locale, text, labels) in enumerate(TEXTS):
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
    with UNSEEN.open("w", encoding="utf-8") as lines:
        for record in records():
            lines.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"wrote {UNSEEN}")
