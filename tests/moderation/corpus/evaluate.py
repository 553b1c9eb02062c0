"""Measure screening on the labelled corpus: ``make eval-screening``.

Prints recall per kind of detail and per locale, the clean-text false-positive rate (texts that
name a public figure counted apart), span precision, the risk score's AUC and the surge leak
rate, texts per second, and the slowest detector on hostile 20,000-character inputs.

A labelled detail counts as found when findings of any identifying kind cover at least half
of its characters: the moderator sees it highlighted and one click removes it. "Hints" are all
findings; "sure" counts only findings of confidence >= 0.5, what surge mode goes by.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus.jsonl"
UNSEEN = Path(__file__).resolve().parent / "unseen.jsonl"
FRESH = Path(__file__).resolve().parent / "fresh.jsonl"
KINDS = ("name", "phone", "email", "address", "place", "workplace", "handle", "link")
LOCALES = ("en_US", "en_GB", "en_IN", "es_ES", "fr_FR", "de_DE")
# Findings that are not an identifying detail of a private person.
NOT_PII = frozenset({"public", "duplicate", "banned", "suspect"})
SURE = 0.5


def load(path: Path = CORPUS) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def _covered(label: dict, spans: Iterable) -> bool:
    chars = set()
    for span in spans:
        chars.update(range(max(span.start, label["start"]), min(span.end, label["end"])))
    return 2 * len(chars) >= label["end"] - label["start"]


def _overlaps(span, labels: list[dict]) -> bool:
    return any(span.start < label["end"] and label["start"] < span.end for label in labels)


def auc(positives: list[float], negatives: list[float]) -> float:
    """The chance a random PII text scores above a random clean one (ties count half)."""
    if not positives or not negatives:
        return float("nan")
    ranked = sorted([(s, 1) for s in positives] + [(s, 0) for s in negatives])
    rank_sum, i = 0.0, 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        mid = (i + j + 1) / 2  # average 1-based rank of the tie group
        rank_sum += mid * sum(1 for k in range(i, j) if ranked[k][1])
        i = j
    n_pos, n_neg = len(positives), len(negatives)
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def surge_threshold() -> float | None:
    """The surge threshold in moderation settings, if this version of the code has one."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from moderation.app_settings import app_settings

    return getattr(app_settings, "SURGE_RISK_THRESHOLD", None)


def screen(records: list[dict]) -> tuple[list[list], float]:
    from moderation.detectors import find_all

    find_all("warm up: Sarah from Muncie, 555 0100, at Slater Inc")
    started = time.perf_counter()
    results = [find_all(record["text"]) for record in records]
    return results, time.perf_counter() - started


def evaluate(records: list[dict], results: list[list]) -> dict:
    from moderation.detectors import risk

    found = defaultdict(lambda: [0, 0, 0])  # (kind, locale) -> [labels, found, found sure]
    clean = defaultdict(lambda: [0, 0, 0])  # locale -> [texts, with a hint, with a sure finding]
    public = defaultdict(
        lambda: [0, 0, 0, 0]
    )  # locale -> [texts, private hint, private sure, public]
    spans_total = spans_right = 0
    pii_scores, clean_scores = [], []
    score = getattr(risk, "surge_score", risk.risk_score)
    for record, spans in zip(records, results, strict=True):
        pii = [s for s in spans if s.kind not in NOT_PII]
        sure = [s for s in pii if s.confidence >= SURE]
        locale = record["locale"]
        if record["clean"]:
            clean_scores.append(score(spans))
            bucket = public if record.get("public_figure") else clean
            row = bucket[locale]
            row[0] += 1
            row[1] += bool(pii)
            row[2] += bool(sure)
            if record.get("public_figure"):
                row[3] += any(s.kind == "public" for s in spans)
        else:
            pii_scores.append(score(spans))
            for label in record["spans"]:
                row = found[(label["kind"], locale)]
                row[0] += 1
                row[1] += _covered(label, pii)
                row[2] += _covered(label, sure)
        if not record.get("public_figure"):
            spans_total += len(pii)
            spans_right += sum(_overlaps(s, record["spans"]) for s in pii)
    return {
        "found": found,
        "clean": clean,
        "public": public,
        "precision": spans_right / spans_total if spans_total else float("nan"),
        "auc": auc(pii_scores, clean_scores),
        "pii_scores": pii_scores,
        "clean_scores": clean_scores,
    }


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "  - "


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:4.1f}%" if b else "   - "


def report(summary: dict, *, texts: int, seconds: float, threshold: float | None) -> None:
    found, clean, public = summary["found"], summary["clean"], summary["public"]
    locales = [loc for loc in LOCALES if any(k[1] == loc for k in found)]
    print(f"Recall per kind of detail (hints; sure = confidence >= {SURE} in brackets)")
    print(f"{'kind':<10}" + "".join(f"{loc:>13}" for loc in locales) + f"{'all':>13}")
    for kind in KINDS:
        cells = []
        for loc in [*locales, None]:
            rows = [v for (k, lo), v in found.items() if k == kind and (loc is None or lo == loc)]
            n, hit, sure = (sum(r[i] for r in rows) for i in range(3))
            cells.append(f"{_ratio(hit, n)} ({_ratio(sure, n)})")
        print(f"{kind:<10}" + "".join(f"{c:>13}" for c in cells))
    cells = []
    for loc in [*locales, None]:
        rows = [v for (_k, lo), v in found.items() if loc is None or lo == loc]
        n, hit, sure = (sum(r[i] for r in rows) for i in range(3))
        cells.append(f"{_ratio(hit, n)} ({_ratio(sure, n)})")
    print(f"{'all':<10}" + "".join(f"{c:>13}" for c in cells))
    print()
    print("Clean texts with any identifying finding: hints (sure)")
    for title, bucket in (("no public figure", clean), ("public figure", public)):
        cells = []
        for loc in [*locales, None]:
            rows = [v for lo, v in bucket.items() if loc is None or lo == loc]
            n, hint, sure = (sum(r[i] for r in rows) for i in range(3))
            cells.append(f"{_pct(hint, n)} ({_pct(sure, n)})")
        print(f"{title:<17}" + "".join(f"{c:>16}" for c in cells))
    rows = list(public.values())
    print(
        "Public figures reported as such: "
        f"{_pct(sum(r[3] for r in rows), sum(r[0] for r in rows)).strip()} of their texts"
    )
    print()
    print(f"Span precision (findings overlapping a labelled detail): {summary['precision']:.2f}")
    print(f"Risk score AUC, PII texts against clean texts: {summary['auc']:.3f}")
    pii, cleans = summary["pii_scores"], summary["clean_scores"]
    print("Surge mode: a statement is published unreviewed when its score is below the threshold")
    marks = sorted({0.05, 0.1, 0.2, 0.3, 0.4, 0.5} | ({threshold} if threshold else set()))
    for t in marks:
        leaked = sum(s < t for s in pii)
        published = sum(s < t for s in cleans)
        mark = "  <- MODERATION_SURGE_RISK_THRESHOLD" if t == threshold else ""
        print(
            f"  below {t:.2f}: {_pct(leaked, len(pii))} of PII texts leak, "
            f"{_pct(published, len(cleans))} of clean texts published{mark}"
        )
    print()
    print(
        f"Throughput: {texts} texts in {seconds:.2f} s = {texts / seconds:.0f} texts/s (find_all)"
    )


def hostile_inputs(size: int = 20_000) -> dict[str, str]:
    """Inputs that made regexes or phone matching slow, each ``size`` characters."""

    def fill(unit: str) -> str:
        return (unit * (size // len(unit) + 1))[:size]

    story = " ".join(r["text"] for r in load())
    return {
        "digits": fill("0123456789"),
        "digit groups": fill("12 34 56 78 "),
        "digits and dots": fill("1.2.3.4."),
        "plus and brackets": fill("+(0) 12-"),
        "at signs": fill("@a "),
        "bare at": fill("@"),
        "dots": fill("a."),
        "only dots": fill("."),
        "anchors": fill("<a "),
        "spelled email": fill("x at y dot "),
        "number words": fill("one two oh five "),
        "capitals": fill("Grace Hope May Sarah "),
        "in Town": fill("in Muncie from Paris "),
        "at Company": fill("at Slater Inc worked at "),
        "links": fill("http://a.com/ www.b.co "),
        "street": fill("12 High Street "),
        "no spaces": fill("a"),
        # Every character non-ASCII: ordinary prose in the site's fourth language, the same
        # with every vowel marked (a combining mark after each letter), and emoji sequences.
        "Arabic prose": fill("كنت في الرابعة عشرة ولم يصدقني أحد. "),
        "vowelled Arabic": fill("كَتَبْتُ قِصَّتِي وَلَمْ يُصَدِّقْنِي أَحَدٌ. "),
        "combining marks": fill("e\u0301a\u0308 "),
        "zero-width": fill("S\u200ba\u200br\u200ba\u200bh "),
        "emoji": fill("\U0001f469\u200d\U0001f469\u200d\U0001f467 \u2764\ufe0f "),
        "real stories": (story * (size // len(story) + 1))[:size],
    }


def _clear_caches() -> None:
    """Forget the recent texts the detectors keep, so a run is measured from scratch."""
    from moderation.detectors import _normalize, duplicates, public

    _normalize._normalize_cached.cache_clear()
    _normalize.latin_only.cache_clear()
    public._find.cache_clear()
    duplicates.fingerprint.cache_clear()
    duplicates._words.cache_clear()


def _best_of(runs: int, call, text: str) -> float:
    """The least CPU time of a few runs, in seconds. CPU time, not wall time: on a shared
    machine other processes add wall time that says nothing about the detectors."""
    best = float("inf")
    for _ in range(runs):
        _clear_caches()
        started = time.process_time()
        call(text)
        best = min(best, time.process_time() - started)
    return best


def bench(size: int = 20_000, runs: int = 3) -> None:
    from moderation.detectors import TEXT_DETECTORS, find_all

    find_all("warm up: Sarah from Muncie, 555 0100, at Slater Inc")  # word lists load once
    print(
        f"Hostile inputs of {size} characters, CPU time, best of {runs} runs: the slowest input "
        "for each detector, then for find_all (all detectors, as screening runs them)"
    )
    worst: dict[str, tuple[float, str]] = {}
    for label, text in hostile_inputs(size).items():
        for module in TEXT_DETECTORS:
            name = module.__name__.rsplit(".", 1)[1]
            elapsed = _best_of(runs, module.find, text)
            if elapsed > worst.get(name, (0.0, ""))[0]:
                worst[name] = (elapsed, label)
        # As screening runs them: a long story is also compared with recent fingerprints.
        elapsed = _best_of(runs, lambda t: find_all(t, recent_fingerprints=[0]), text)
        if elapsed > worst.get("find_all", (0.0, ""))[0]:
            worst["find_all"] = (elapsed, label)
    for name, (elapsed, label) in worst.items():
        print(f"  {name:<12} {elapsed * 1000:8.1f} ms  ({label})")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"  (load average {load:.1f} on {os.cpu_count()} cores while measuring)")


def held_out(path: Path, title: str) -> None:
    """One line for a small held-out set: details found by kind, clean texts with a finding."""
    records = load(path)
    summary = evaluate(records, screen(records)[0])
    found, clean = summary["found"], summary["clean"]
    rows = list(found.values())
    by_kind = ", ".join(
        f"{kind} {_ratio(sum(v[1] for (k, _), v in found.items() if k == kind), n)}"
        for kind in KINDS
        if (n := sum(v[0] for (k, _), v in found.items() if k == kind))
    )
    flagged = sum(r[1] for r in clean.values())
    print(
        f"{title}: {_ratio(sum(r[1] for r in rows), sum(r[0] for r in rows))} of "
        f"{sum(r[0] for r in rows)} details found ({by_kind}); clean texts with a finding: "
        f"{flagged} of {sum(r[0] for r in clean.values())}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-bench", action="store_true", help="skip the hostile inputs")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    threshold = surge_threshold()
    records = load(args.corpus)
    results, seconds = screen(records)
    report(evaluate(records, results), texts=len(records), seconds=seconds, threshold=threshold)
    if args.corpus == CORPUS:
        print()
        for path, title in (
            (UNSEEN, "Held-out phrasings, since tuned on (unseen.jsonl)"),
            (FRESH, "Fresh phrasings, never tuned on (fresh.jsonl)"),
        ):
            if path.exists():
                held_out(path, title)
    if not args.no_bench:
        print()
        bench()


if __name__ == "__main__":
    main()
