"""Build the labelled screening corpus: fictional testimony-like texts, some with identifying
details (labelled spans) and some clean but full of hard negatives.

    .venv/bin/python -m tests.moderation.corpus.generate   # rewrites corpus.jsonl

Deterministic: one seed per locale, so the same Faker version writes the same file. Every
detail comes from Faker (en_US, en_GB, en_IN, es_ES, fr_FR, de_DE) or from the small lists of
real towns below, never from the detectors' own word lists; the screening code is not imported.

A new form of evasion is one line in ``FORMS``: a kind, a name, the languages it applies to and a
function ``(fake, rng, lang) -> str`` whose result marks the labelled part with «...» (without
marks, the whole result is the labelled part).
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from faker import Faker

CORPUS = Path(__file__).resolve().parent / "corpus.jsonl"
LOCALES = ("en_US", "en_GB", "en_IN", "es_ES", "fr_FR", "de_DE")
LANG = {"en_US": "en", "en_GB": "en", "en_IN": "en", "es_ES": "es", "fr_FR": "fr", "de_DE": "de"}
KINDS = ("name", "phone", "email", "address", "place", "workplace", "handle", "link")
PII_PER_KIND = 25  # labelled texts per kind and locale
CLEAN_TEXTS = 120  # clean texts per locale, a quarter of them naming a public figure
SEED = 14

# Faker's towns are invented for en_US, en_GB and fr_FR ("West Davidmouth"): these are real
# small and middle-sized towns, written down by hand for the corpus.
REAL_TOWNS = {
    "en_US": """Muncie|Bismarck|Kalamazoo|Eau Claire|Dubuque|Missoula|Pocatello|Terre Haute|
        Lafayette|Bloomington|Schenectady|Binghamton|Altoona|Scranton|Lynchburg|Roanoke|Macon|
        Valdosta|Dothan|Tuscaloosa|Hattiesburg|Texarkana|Amarillo|Lubbock|Abilene|Yakima|
        Bend|Medford|Eugene|Flagstaff|Pueblo|Greeley|Cheyenne|Casper|Rapid City|Sioux Falls|
        Fargo|Duluth|Rochester|Peoria|Champaign|Decatur|Joliet|Gary|Toledo|Akron|Dayton|
        Youngstown|Wheeling|Morgantown|Frederick|Dover|Burlington|Bangor|Nashua|Pittsfield""",
    "en_GB": """Swindon|Reading|Slough|Crawley|Basingstoke|Stevenage|Luton|Bedford|Wigan|
        Bolton|Rochdale|Oldham|Stockport|Warrington|Blackburn|Burnley|Preston|Barnsley|
        Doncaster|Rotherham|Wakefield|Huddersfield|Halifax|Harrogate|Darlington|Hartlepool|
        Gateshead|Sunderland|Carlisle|Kendal|Shrewsbury|Telford|Kidderminster|Worcester|
        Gloucester|Cheltenham|Taunton|Yeovil|Exeter|Truro|Ipswich|Colchester|Chelmsford|
        Maidstone|Canterbury|Hastings|Eastbourne|Guildford|Woking|Aldershot|Falkirk|Paisley|
        Kilmarnock|Dundee|Inverness|Wrexham|Swansea|Newport|Bangor|Lisburn""",
    "fr_FR": """Roubaix|Tourcoing|Dunkerque|Calais|Boulogne-sur-Mer|Arras|Amiens|Beauvais|
        Compiègne|Soissons|Reims|Troyes|Chaumont|Nancy|Metz|Thionville|Épinal|Colmar|Mulhouse|
        Besançon|Dijon|Mâcon|Auxerre|Nevers|Bourges|Orléans|Blois|Tours|Angers|Laval|Le Mans|
        Alençon|Caen|Cherbourg|Rouen|Évreux|Brest|Quimper|Lorient|Vannes|Rennes|Saint-Brieuc|
        Nantes|La Roche-sur-Yon|Niort|Poitiers|Limoges|Périgueux|Agen|Pau|Bayonne|Tarbes|
        Montauban|Albi|Rodez|Nîmes|Béziers|Perpignan|Valence|Chambéry|Annecy|Gap""",
}

# People everyone knows: naming them identifies nobody who writes here.
PUBLIC_FIGURES = {
    "en": """Harvey Weinstein|Taylor Swift|Barack Obama|Donald Trump|Oprah Winfrey|
        Beyoncé|Bill Cosby|Kevin Spacey|Jeffrey Epstein|Prince Andrew|Boris Johnson|
        Keir Starmer|Shah Rukh Khan|Narendra Modi|Priyanka Chopra|Tarana Burke|Alyssa Milano|
        Rose McGowan|Ashley Judd|Brett Kavanaugh|Christine Blasey Ford|Joe Biden|
        Kamala Harris|Jimmy Savile|Andrew Tate|Elon Musk|Meghan Markle|King Charles""",
    "es": """Pedro Sánchez|Jenni Hermoso|Luis Rubiales|Rosalía|Penélope Cruz|
        Plácido Domingo|Shakira|Rafa Nadal|Isabel Díaz Ayuso|Antonio Banderas|
        Felipe VI|Pablo Iglesias|Dani Alves|Alejandro Sanz|Irene Montero""",
    "fr": """Emmanuel Macron|Gérard Depardieu|Adèle Haenel|Judith Godrèche|
        Gisèle Pelicot|Dominique Strauss-Kahn|Roman Polanski|Patrick Poivre d'Arvor|
        Kylian Mbappé|Marine Le Pen|Brigitte Macron|Catherine Deneuve|Nicolas Sarkozy""",
    "de": """Angela Merkel|Olaf Scholz|Till Lindemann|Dieter Wedel|Helene Fischer|
        Boris Becker|Thomas Müller|Friedrich Merz|Annalena Baerbock|Heidi Klum|
        Til Schweiger|Jérôme Boateng|Luke Mockridge""",
}

DIGIT_WORDS = {
    "en": ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"],
    "es": ["cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"],
    "fr": ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"],
    "de": ["null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"],
}
DOT = {"en": "dot", "es": "punto", "fr": "point", "de": "punkt"}
AT = {"en": "at", "es": "arroba", "fr": "arobase", "de": "at"}
SLASH = {"en": "slash", "es": "barra", "fr": "slash", "de": "slash"}


def _pick(rng: random.Random, options: str) -> str:
    return rng.choice([o.strip() for o in options.split("|") if o.strip()])


def _phone(fake: Faker) -> str:
    number = fake.phone_number()
    return re.split(r"x|ext", number)[0].strip()


def _digits(fake: Faker) -> str:
    return re.sub(r"\D", "", _phone(fake)).lstrip("0")[-10:].rjust(10, "0")


def _spell(rng, digits: str, lang: str, *, oh: bool = False) -> str:
    words = DIGIT_WORDS[lang]
    return " ".join(("oh" if oh and d == "0" and lang == "en" else words[int(d)]) for d in digits)


def _town(fake: Faker, rng: random.Random, locale: str) -> str:
    if locale in REAL_TOWNS:
        return _pick(rng, REAL_TOWNS[locale])
    return fake.city()


def _user(fake: Faker, rng: random.Random) -> str:
    name = fake.user_name()
    return name if rng.random() < 0.5 else f"{name}_{rng.randint(2, 99)}"


def _school(fake: Faker, rng: random.Random, lang: str, locale: str) -> str:
    town, last, first = _town(fake, rng, locale), fake.last_name(), fake.first_name()
    options = {
        "en": [
            f"{town} High School",
            f"{last} Academy",
            f"St {first}'s Church",
            f"{town} Public School",
            f"{last} Memorial Hospital",
            f"University of {town}",
            f"{town} Football Club",
            f"{last} Primary School",
            f"{town} Rugby Club",
            f"{last} College",
            f"{town} Baptist Church",
            f"{town} Community College",
        ],
        "es": [
            f"Colegio {last}",
            f"Instituto {first} {last}",
            f"Hospital {last}",
            f"Universidad de {town}",
            f"Club Deportivo {town}",
            f"Parroquia de San {first}",
            f"Colegio San {first}",
            f"Academia {last}",
        ],
        "fr": [
            f"lycée {first} {last}",
            f"collège {last}",
            f"Hôpital {last}",
            f"Université de {town}",
            f"Église Saint-{first}",
            f"FC {town}",
            f"école {first} {last}",
            f"Lycée {last}",
            f"Clinique {last}",
        ],
        "de": [
            f"{last}-Gymnasium",
            f"Grundschule {town}",
            f"Klinikum {town}",
            f"Universität {town}",
            f"FC {town}",
            f"{last}-Realschule",
            f"Gesamtschule {town}",
            f"TSV {town}",
            f"{first}-{last}-Schule",
        ],
    }[lang]
    return rng.choice(options)


@dataclass(frozen=True)
class Form:
    kind: str
    name: str
    langs: tuple[str, ...]
    make: Callable[[Faker, random.Random, str, str], str]  # (fake, rng, lang, locale) -> text
    # Sentences of its own, by language, when the form carries its own context ("on insta").
    sentences: dict[str, tuple[str, ...]] | None = None


ALL = ("en", "es", "fr", "de")
EN = ("en",)

# One line per form of a detail; «...» marks the labelled part when it is not the whole.
FORMS: tuple[Form, ...] = (
    # Names
    Form("name", "given", ALL, lambda f, r, lang, loc: f.first_name()),
    Form("name", "full", ALL, lambda f, r, lang, loc: f"{f.first_name()} {f.last_name()}"),
    Form("name", "surname-title", EN, lambda f, r, lang, loc: f"Mr {f.last_name()}"),
    Form(
        "name",
        "lower-named",
        EN,
        lambda f, r, lang, loc: f"a guy named «{f.first_name_male().lower()}»",
        {"en": ("I was seeing {x} that summer.", "It started when I met {x} at a party.")},
    ),
    Form(
        "name",
        "lower-called",
        ALL,
        lambda f, r, lang, loc: (
            {
                "en": "someone called «%s»",
                "es": "un tal «%s»",
                "fr": "un certain «%s»",
                "de": "einem gewissen «%s»",
            }[lang]
            % f.first_name().lower()
        ),
        {
            "en": ("Then {x} started following me home.",),
            "es": ("Luego {x} empezó a seguirme.",),
            "fr": ("Ensuite {x} a commencé à me suivre.",),
            "de": ("Dann fing es mit {x} an.",),
        },
    ),
    Form(
        "name",
        "lower-ex",
        EN,
        lambda f, r, lang, loc: f"my ex «{f.first_name().lower()}»",
        {"en": ("For two years {x} controlled everything I did.",)},
    ),
    # Phones
    Form("phone", "plain", ALL, lambda f, r, lang, loc: _phone(f)),
    Form("phone", "spelled", ALL, lambda f, r, lang, loc: _spell(r, _digits(f), lang)),
    Form(
        "phone",
        "spelled-oh",
        EN,
        lambda f, r, lang, loc: _spell(r, "0" + _digits(f)[1:], lang, oh=True),
    ),
    Form(
        "phone",
        "mixed",
        ALL,
        lambda f, r, lang, loc: (lambda d: d[:3] + " " + d[3:6] + " " + _spell(r, d[6:], lang))(
            _digits(f)
        ),
    ),
    Form(
        "phone",
        "letter-o",
        ALL,
        lambda f, r, lang, loc: ("0" + _digits(f)[1:]).replace("0", r.choice("Oo")),
    ),
    Form("phone", "spaced", ALL, lambda f, r, lang, loc: " ".join(_digits(f))),
    # Emails
    Form("email", "plain", ALL, lambda f, r, lang, loc: f.email()),
    Form(
        "email",
        "spelled",
        ALL,
        lambda f, r, lang, loc: (lambda u, d: f"{u} {AT[lang]} {d[0]} {DOT[lang]} {d[1]}")(
            f.user_name(), f.free_email_domain().split(".", 1)
        ),
    ),
    Form(
        "email",
        "brackets",
        ALL,
        lambda f, r, lang, loc: f.email().replace("@", " [at] ").replace(".", " [dot] "),
    ),
    Form(
        "email",
        "provider",
        EN,
        lambda f, r, lang, loc: f"his gmail is «{f.first_name().lower()}.{f.last_name().lower()}»",
        {
            "en": (
                "If anyone wants to warn him, {x}.",
                "He wrote from a new account, {x}, last week.",
            )
        },
    ),
    # Street addresses
    Form("address", "street", ALL, lambda f, r, lang, loc: f.street_address().replace("\n", ", ")),
    Form("address", "no-number", ALL, lambda f, r, lang, loc: f.street_name()),
    Form("address", "full", ALL, lambda f, r, lang, loc: f.address().replace("\n", ", ")),
    # Towns and cities
    Form("place", "town", ALL, lambda f, r, lang, loc: _town(f, r, loc)),
    Form(
        "place",
        "police",
        ALL,
        lambda f, r, lang, loc: (
            {
                "en": "the «%s» police",
                "es": "la policía de «%s»",
                "fr": "la police de «%s»",
                "de": "die Polizei in «%s»",
            }[lang]
            % _town(f, r, loc)
        ),
        {
            "en": ("I went to {x} and nothing happened.", "Nobody at {x} believed me."),
            "es": ("Fui a {x} y no pasó nada.",),
            "fr": ("Je suis allée voir {x}, rien.",),
            "de": ("Ich war bei {x}, nichts passierte.",),
        },
    ),
    # Workplaces, schools, churches, clubs
    Form("workplace", "company", ALL, lambda f, r, lang, loc: f.company()),
    Form("workplace", "institution", ALL, lambda f, r, lang, loc: _school(f, r, lang, loc)),
    # Social handles
    Form("handle", "at", ALL, lambda f, r, lang, loc: "@" + _user(f, r)),
    Form(
        "handle",
        "on-platform",
        ALL,
        lambda f, r, lang, loc: (
            {
                "en": "«%s» on insta",
                "es": "«%s» en insta",
                "fr": "«%s» sur insta",
                "de": "«%s» auf Insta",
            }[lang]
            % _user(f, r)
        ),
        {
            "en": ("My ex is {x}, if you need to know.", "He is {x} and still posts every day."),
            "es": ("Mi ex es {x}, por si acaso.",),
            "fr": ("Mon ex c'est {x}, au cas où.",),
            "de": ("Mein Ex ist {x}, falls es jemand wissen will.",),
        },
    ),
    Form(
        "handle",
        "snap-is",
        EN,
        lambda f, r, lang, loc: f"his snap is «{_user(f, r)}»",
        {"en": ("Block him if he adds you, {x}.", "He added me, {x}, and never stopped.")},
    ),
    Form(
        "handle",
        "labelled",
        ALL,
        lambda f, r, lang, loc: r.choice(("insta", "tiktok", "snap")) + f": «{_user(f, r)}»",
    ),
    # Links
    Form("link", "url", ALL, lambda f, r, lang, loc: f.url() + r.choice(("", f.uri_path()))),
    Form(
        "link",
        "spelled",
        ALL,
        lambda f, r, lang, loc: (
            f"{r.choice(('instagram', 'facebook', 'tiktok'))} "
            f"{DOT[lang]} com {SLASH[lang]} {_user(f, r)}"
        ),
    ),
    Form("link", "profile", ALL, lambda f, r, lang, loc: f"www.facebook.com/{_user(f, r)}"),
)

# Sentences with a slot for a detail, by kind and language; {x} is the detail.
SENTENCES = {
    "en": {
        "name": (
            "My manager {x} kept texting me after midnight.",
            "It was {x} who cornered me in the stairwell.",
            "I told my sister that {x} had touched me.",
            "Everyone knew what {x} was like.",
        ),
        "phone": (
            "He gave me his number, {x}, and said to call anytime.",
            "The calls came from {x} every night.",
            "Save this number and never answer: {x}.",
        ),
        "email": (
            "He kept writing to me from {x} for months.",
            "You can still find his emails, {x}.",
        ),
        "address": (
            "He lived at {x}, two doors from my aunt.",
            "It happened in the flat at {x}.",
            "We met at his place on {x}.",
        ),
        "place": (
            "I grew up in {x} and everyone knows everyone.",
            "It happened after I moved to {x}.",
            "He is still a teacher back in {x}.",
            "I was working near {x} that year.",
        ),
        "workplace": (
            "I was an intern at {x} when it started.",
            "My boss at {x} said I was overreacting.",
            "He worked at {x} for years and nobody said anything.",
            "HR at {x} told me to drop it.",
        ),
        "handle": ("He still posts as {x}.", "He messaged me from {x} again."),
        "link": ("His profile is still up: {x}", "Look at what he posted, {x}"),
    },
    "es": {
        "name": (
            "Mi jefe {x} me escribía de madrugada.",
            "Fue {x} quien me acorraló en la escalera.",
            "Le conté a mi hermana lo que hizo {x}.",
        ),
        "phone": (
            "Me dio su número, {x}, y me dijo que llamara cuando quisiera.",
            "Las llamadas venían del {x}.",
        ),
        "email": ("Me escribía desde {x} durante meses.", "Todavía tengo sus correos, {x}."),
        "address": ("Vivía en {x}, al lado de mi tía.", "Pasó en el piso de {x}."),
        "place": (
            "Crecí en {x} y allí todos se conocen.",
            "Pasó después de mudarme a {x}.",
            "Sigue de profesor en {x}.",
        ),
        "workplace": (
            "Estaba de prácticas en {x} cuando empezó.",
            "Mi jefe en {x} dijo que exageraba.",
            "Trabajaba en {x} y nadie dijo nada.",
        ),
        "handle": ("Sigue publicando como {x}.", "Me volvió a escribir desde {x}."),
        "link": ("Su perfil sigue ahí: {x}", "Mirad lo que publicó, {x}"),
    },
    "fr": {
        "name": (
            "Mon responsable {x} m'écrivait en pleine nuit.",
            "C'est {x} qui m'a coincée dans l'escalier.",
            "J'ai dit à ma sœur ce que {x} m'avait fait.",
        ),
        "phone": (
            "Il m'a donné son numéro, {x}, en disant de l'appeler quand je voulais.",
            "Les appels venaient du {x}.",
        ),
        "email": ("Il m'écrivait depuis {x} pendant des mois.", "J'ai encore ses mails, {x}."),
        "address": (
            "Il habitait au {x}, près de chez ma tante.",
            "C'est arrivé dans l'appartement du {x}.",
        ),
        "place": (
            "J'ai grandi à {x}, tout le monde se connaît.",
            "C'est arrivé après mon déménagement à {x}.",
            "Il est toujours prof à {x}.",
        ),
        "workplace": (
            "J'étais stagiaire chez {x} quand ça a commencé.",
            "Mon chef chez {x} disait que j'exagérais.",
            "Il travaillait à {x} et personne n'a rien dit.",
        ),
        "handle": ("Il poste toujours sous {x}.", "Il m'a encore écrit depuis {x}."),
        "link": ("Son profil est toujours là : {x}", "Regardez ce qu'il a publié, {x}"),
    },
    "de": {
        "name": (
            "Mein Chef {x} schrieb mir mitten in der Nacht.",
            "Es war {x}, der mich im Treppenhaus bedrängte.",
            "Ich erzählte meiner Schwester, was {x} getan hatte.",
        ),
        "phone": (
            "Er gab mir seine Nummer, {x}, ich solle jederzeit anrufen.",
            "Die Anrufe kamen von {x}.",
        ),
        "email": ("Er schrieb mir monatelang von {x}.", "Ich habe seine Mails noch, {x}."),
        "address": (
            "Er wohnte in der {x}, neben meiner Tante.",
            "Es passierte in der Wohnung in der {x}.",
        ),
        "place": (
            "Ich bin in {x} aufgewachsen, dort kennt jeder jeden.",
            "Es passierte, nachdem ich nach {x} gezogen war.",
            "Er ist immer noch Lehrer in {x}.",
        ),
        "workplace": (
            "Ich war Praktikantin bei {x}, als es anfing.",
            "Mein Chef bei {x} sagte, ich übertreibe.",
            "Er arbeitete bei {x}, und niemand sagte etwas.",
        ),
        "handle": ("Er postet immer noch als {x}.", "Er schrieb mir wieder von {x}."),
        "link": ("Sein Profil ist noch online: {x}", "Schaut, was er gepostet hat: {x}"),
    },
}

# Clean sentences full of what screening should leave alone. {age}, {year}, {n}, {date}, {time}.
HARD_NEGATIVES = {
    "en": (
        "I was {age} when it started.",
        "It went on from {year} to {year2}.",
        "My manager said it was a joke.",
        "I still have hope that things will change.",
        "By the grace of God I got out.",
        "It happened in May {year}.",
        "I will never forget that night.",
        "I lost my faith in people for a long time.",
        "#MeToo #WhyIDidntReport",
        "The hearing was on {date}.",
        "He texted me @ {time} again.",
        "I was in year {n} at school.",
        "The coach told me to stay after practice.",
        "My boss called me into his office.",
        "It cost me £{n}00 in therapy.",
        "I reported it {n} times.",
        "Grace is something I am learning to give myself.",
        "Hope is a strange thing.",
        "May was the worst month.",
        "Will anyone believe me?",
        "I said no three times.",
        "I am {age} now and finally talking.",
        "The teacher, the principal and the nurse all knew.",
        "I went to the police station and waited {n} hours.",
        "It was chapter {n} of a long book.",
        "She was my best friend in grade {n}.",
        "we met at a party around 11pm",
        "i was 16. he was 34.",
        "It took {n}0 days to get a reply.",
        "This is for everyone who was told to be quiet.",
        "The night shift started at {time}.",
        "I gave my statement on {date}.",
        "Faith got me through it.",
        "He was a senior partner and I was a junior.",
        "Our pastor said to forgive him.",
        "Room {n}0{n} was his office.",
        "We had our meetings on Zoom.",
        "I watched it on Netflix that night.",
        "He always took an Uber home.",
        "I read other stories on Reddit.",
        "It was just before Christmas.",
        "We were both fasting for Ramadan.",
        "He was my English teacher.",
        "The NHS waiting list was {n} months.",
        "I googled it on my iPhone.",
        "My Catholic family never talked about it.",
        "It happened during Diwali.",
        "I told my GP and my HR rep.",
    ),
    "es": (
        "Tenía {age} años cuando empezó.",
        "Duró de {year} a {year2}.",
        "Mi jefe decía que era una broma.",
        "Todavía tengo esperanza.",
        "Pasó en mayo de {year}.",
        "Nunca olvidaré esa noche.",
        "#MeToo #YoTeCreo #Cuéntalo",
        "El juicio fue el {date}.",
        "Me escribió @ {time} otra vez.",
        "Lo denuncié {n} veces.",
        "Ahora tengo {age} años.",
        "El entrenador me pidió que me quedara.",
        "Esperé {n} horas en comisaría.",
        "Me costó {n}00 euros de terapia.",
        "Dije que no tres veces.",
        "Pilar de mi vida fue mi madre.",
        "Era mi mejor amiga en {n}º de primaria.",
        "Hablábamos por WhatsApp.",
        "Lo vi en Netflix esa noche.",
        "Pasó justo antes de Navidad.",
        "Era mi profesor de Inglés.",
        "Mi familia es muy católica y nadie habló.",
        "Lo busqué en Google.",
        "Esto es para todas las que callaron.",
        "Declaré el {date}.",
        "El turno empezaba a las {time}.",
    ),
    "fr": (
        "J'avais {age} ans quand ça a commencé.",
        "Ça a duré de {year} à {year2}.",
        "Mon chef disait que c'était une blague.",
        "J'ai encore de l'espoir.",
        "C'est arrivé en mai {year}.",
        "Je n'oublierai jamais cette nuit.",
        "#MeToo #BalanceTonPorc",
        "L'audience était le {date}.",
        "Il m'a encore écrit @ {time}.",
        "J'ai porté plainte {n} fois.",
        "J'ai {age} ans aujourd'hui.",
        "L'entraîneur m'a demandé de rester.",
        "J'ai attendu {n} heures au commissariat.",
        "La thérapie m'a coûté {n}00 euros.",
        "J'ai dit non trois fois.",
        "C'était ma meilleure amie en CM{n}.",
        "Ceci est pour toutes celles qui se sont tues.",
        "On se parlait sur WhatsApp.",
        "Je l'ai vu sur Netflix ce soir-là.",
        "C'était juste avant Noël.",
        "Il prenait toujours un Uber.",
        "J'ai cherché sur Google.",
        "Ma famille catholique n'en parlait jamais.",
        "J'ai témoigné le {date}.",
        "Le service commençait à {time}.",
        "Rose était la couleur de ma chambre.",
    ),
    "de": (
        "Ich war {age}, als es anfing.",
        "Es ging von {year} bis {year2}.",
        "Mein Chef sagte, es sei nur Spaß.",
        "Ich habe noch Hoffnung.",
        "Es passierte im Mai {year}.",
        "Ich werde diese Nacht nie vergessen.",
        "#MeToo #Aufschrei",
        "Die Verhandlung war am {date}.",
        "Er schrieb mir @ {time} schon wieder.",
        "Ich habe es {n} Mal gemeldet.",
        "Heute bin ich {age}.",
        "Der Trainer sagte, ich solle bleiben.",
        "Ich wartete {n} Stunden auf der Wache.",
        "Die Therapie kostete {n}00 Euro.",
        "Ich sagte dreimal nein.",
        "Sie war meine beste Freundin in der {n}. Klasse.",
        "Wir schrieben uns über WhatsApp.",
        "Es war kurz vor Weihnachten.",
        "Ich habe es bei Google gesucht.",
        "Er fuhr immer mit dem Uber nach Hause.",
        "Meine katholische Familie sprach nie darüber.",
        "Das ist für alle, die schweigen mussten.",
        "Ich habe am {date} ausgesagt.",
        "Die Schicht begann um {time}.",
        "Mein Arzt hat mir geglaubt.",
    ),
}
PUBLIC_SENTENCES = {
    "en": (
        "I watched the {p} story on the news and cried.",
        "When {p} was in the news I finally spoke up.",
        "Everyone talks about {p}, nobody talks about us.",
    ),
    "es": ("Vi lo de {p} en las noticias y lloré.", "Cuando salió lo de {p}, por fin hablé."),
    "fr": (
        "J'ai vu l'affaire {p} aux infos et j'ai pleuré.",
        "Quand on a parlé de {p}, j'ai enfin parlé.",
    ),
    "de": (
        "Ich sah den Fall {p} in den Nachrichten und weinte.",
        "Als über {p} berichtet wurde, sprach ich endlich.",
    ),
}


def _fill_negative(rng: random.Random, sentence: str) -> str:
    year = rng.randint(1995, 2024)
    day, month = rng.randint(1, 28), rng.randint(1, 12)
    date = rng.choice(
        (
            f"{day:02d}.{month:02d}.{year}",
            f"{day}/{month}/{year}",
            f"{day:02d}.{month:02d}.{year % 100:02d}",
        )
    )
    return sentence.format(
        age=rng.randint(12, 45),
        year=year,
        year2=year + rng.randint(1, 6),
        n=rng.randint(2, 9),
        date=date,
        time=rng.choice(("2am", "3 am", "11pm", "23:30", "6.45", "22h")),
    )


def _clean_sentences(rng: random.Random, lang: str, count: int) -> list[str]:
    return [_fill_negative(rng, s) for s in rng.sample(HARD_NEGATIVES[lang], count)]


def _place(text: str, sentence: str, value: str) -> tuple[str, list[tuple[int, int]]]:
    """``sentence`` with ``value`` in its slot, and the labelled offsets within the sentence."""
    before, after = sentence.split("{x}")
    if "«" in value:
        head, rest = value.split("«", 1)
        label, tail = rest.split("»", 1)
        start = len(before) + len(head)
        return before + head + label + tail + after, [(start, start + len(label))]
    return before + value + after, [(len(before), len(before) + len(value))]


def _record(rng, lang, locale, pieces_before, sentence, value, kind, form) -> dict:
    filled, labels = _place("", sentence, value)
    if filled[0].islower():
        filled = filled[0].upper() + filled[1:]
    prefix = " ".join(pieces_before)
    prefix = prefix + " " if prefix else ""
    after = " ".join(_clean_sentences(rng, lang, rng.randint(0, 1)))
    text = prefix + filled + (" " + after if after else "")
    spans = [
        {
            "kind": kind,
            "start": len(prefix) + s,
            "end": len(prefix) + e,
            "text": (prefix + filled)[len(prefix) + s : len(prefix) + e],
        }
        for s, e in labels
    ]
    return {
        "locale": locale,
        "clean": False,
        "form": f"{kind}:{form}",
        "text": text,
        "spans": spans,
    }


def generate_locale(locale: str, seed: int = SEED) -> list[dict]:
    lang = LANG[locale]
    fake = Faker(locale)
    fake.seed_instance(seed)
    rng = random.Random(f"{seed}-{locale}")
    records = []
    for kind in KINDS:
        forms = [form for form in FORMS if form.kind == kind and lang in form.langs]
        for i in range(PII_PER_KIND):
            form = forms[i % len(forms)]
            value = form.make(fake, rng, lang, locale)
            own = (form.sentences or {}).get(lang)
            sentence = rng.choice(own or SENTENCES[lang][kind])
            before = _clean_sentences(rng, lang, rng.randint(0, 2))
            records.append(_record(rng, lang, locale, before, sentence, value, kind, form.name))
    publics = [p.strip() for p in PUBLIC_FIGURES[lang].split("|")]
    for i in range(CLEAN_TEXTS):
        sentences = _clean_sentences(rng, lang, rng.randint(2, 4))
        public = i % 4 == 0
        if public:
            sentences.insert(
                rng.randint(0, len(sentences)),
                rng.choice(PUBLIC_SENTENCES[lang]).format(p=rng.choice(publics)),
            )
        records.append(
            {
                "locale": locale,
                "clean": True,
                "public_figure": public,
                "form": "clean:public" if public else "clean",
                "text": " ".join(sentences),
                "spans": [],
            }
        )
    return records


# Hand-written hard cases, all fictional: (locale, text, [(kind, labelled text)]); clean when empty.
HAND_WRITTEN = (
    ("en_US", "the manager at Slater Inc kept asking me out", [("workplace", "Slater Inc")]),
    ("en_US", "I grew up in Muncie and he coached the swim team", [("place", "Muncie")]),
    (
        "en_IN",
        "I studied at Bhiwandi Public School till class 10",
        [("workplace", "Bhiwandi Public School")],
    ),
    (
        "en_US",
        "call him, oh five two four nine one three three eight seven",
        [("phone", "oh five two four nine one three three eight seven")],
    ),
    (
        "en_US",
        "his number is 939 693 one five eight two",
        [("phone", "939 693 one five eight two")],
    ),
    ("en_GB", "ring O7700 9OO123 if you dare", [("phone", "O7700 9OO123")]),
    (
        "en_US",
        "instagram dot com slash jake.miller_9 is his page",
        [("link", "instagram dot com slash jake.miller_9")],
    ),
    ("en_US", "my ex is samuelsimpson_52 on insta", [("handle", "samuelsimpson_52")]),
    ("en_US", "his gmail is tracey.salas if anyone needs it", [("email", "tracey.salas")]),
    ("fr_FR", "Il habitait rue Girard, juste au-dessus du café.", [("address", "rue Girard")]),
    ("de_DE", "Er wohnte am Lachmannring, gleich neben der Schule.", [("address", "Lachmannring")]),
    ("en_US", "a guy named kevin from my gym", [("name", "kevin")]),
    ("en_US", "I met someone called priya at work", [("name", "priya")]),
    (
        "en_IN",
        "Flat 12B, Shanti Niwas, MG Road, Pune 411001 is where it happened",
        [("address", "Flat 12B, Shanti Niwas, MG Road")],
    ),
    (
        "es_ES",
        "llámame al seis uno dos tres cuatro cinco seis siete ocho",
        [("phone", "seis uno dos tres cuatro cinco seis siete ocho")],
    ),
    (
        "fr_FR",
        "son numéro c'est zéro six douze trente-quatre cinquante-six soixante-dix-huit",
        [("phone", "zéro six douze trente-quatre cinquante-six soixante-dix-huit")],
    ),
    ("en_US", "I was 14. It was 2009. My coach was 41.", []),
    ("en_US", "Hope, Grace and Faith are what I named my three cats.", []),
    ("en_US", "It happened on 03.04.2015 and again on 12.11.2016.", []),
    ("en_US", "he messaged me @ 2am and @ 3am", []),
    ("en_US", "We went to Paris for the summer and I will never go back.", []),
    ("en_GB", "In May I finally told someone. Will it ever stop?", []),
    ("en_US", "#MeToo #TimesUp #BelieveSurvivors", []),
    ("de_DE", "Am 03.04.2015 um 14.30 Uhr war die Anhörung.", []),
    ("fr_FR", "Le 12.05.2019, j'ai enfin porté plainte.", []),
)


def hand_written() -> list[dict]:
    records = []
    for locale, text, labels in HAND_WRITTEN:
        spans = []
        for kind, label in labels:
            start = text.index(label)
            spans.append({"kind": kind, "start": start, "end": start + len(label), "text": label})
        records.append(
            {
                "locale": locale,
                "clean": not labels,
                "public_figure": False,
                "form": "hand",
                "text": text,
                "spans": spans,
            }
        )
    return records


def generate(seed: int = SEED) -> list[dict]:
    records = [r for locale in LOCALES for r in generate_locale(locale, seed)] + hand_written()
    for i, record in enumerate(records):
        record["id"] = i
        for span in record["spans"]:
            assert record["text"][span["start"] : span["end"]] == span["text"], record
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description="Write the labelled screening corpus.")
    parser.add_argument("--seed", type=int, default=SEED, help="another seed: a held-out corpus")
    parser.add_argument("--out", type=Path, default=CORPUS)
    args = parser.parse_args()
    with args.out.open("w", encoding="utf-8") as out:
        for record in generate(args.seed):
            out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
