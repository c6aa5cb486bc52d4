"""How long cross-article clustering takes on a synthetic collection (not part of the test suite).

    python bench/cluster_scale.py [--events 100000] [--seed 1]

Builds invented ``ArticleResult`` values without spaCy: incidents of a few
kinds, each reported by 1–6 articles (a tenth of them syndicated copies) with
1–3 events, shared names with random spellings, places, dates and counts,
plus background mentions of earlier incidents.  Prints the wall time of each
step, peak memory, and B-cubed F1 against the synthetic truth, for several
sizes so the growth rate can be read off (near-linear means blocking works).
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from collections import Counter
from datetime import date, timedelta

from newsledger.incidents import cluster_incidents, find_versions, resolve_entities
from newsledger.model import Article, ArticleResult, Count, Entity, Event, Mention, Place, Span, TimeExpr

TYPES = [("ASSAULT", "explosives", "bombing"), ("ASSAULT", "firearms", "shooting"), ("COERCE", "arrest", "arrest"),
         ("PROTEST", "demonstrate", "protest"), ("ASSAULT", "aerial", "airstrike")]
SYLLABLES = ["ka", "ra", "mi", "to", "su", "el", "an", "do", "ba", "qi", "lo", "ne", "za", "hu", "fi", "po"]


def _word(rng: random.Random, n: int = 3) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(n))


def _spelling(rng: random.Random, name: str) -> str:
    """A transliteration variant now and then (q/k, dh/d), as news spellings vary."""
    r = rng.random()
    if r < 0.15:
        return name.replace("k", "q")
    if r < 0.25:
        return name.replace("d", "dh")
    return name


def make_collection(n_events: int, seed: int = 1) -> tuple[list[ArticleResult], dict[str, int]]:
    """Synthetic articles holding about ``n_events`` events, and each article's true incident."""
    rng = random.Random(seed)
    vocabulary = [_word(rng) for _ in range(20000)]
    people = [f"{_word(rng, 2).title()} {_word(rng, 3).title()}" for _ in range(30000)]
    places = [_word(rng, 3).title() for _ in range(5000)]
    results: list[ArticleResult] = []
    truth: dict[str, int] = {}
    past: list[tuple[int, str, str, date, str]] = []  # incidents that later articles may recall
    events = 0
    incident = 0
    while events < n_events:
        incident += 1
        etype, mode, noun = rng.choice(TYPES)
        place = rng.choice(places)
        when = date(2010, 1, 1) + timedelta(days=rng.randrange(3650))
        actors = rng.sample(people, 2)
        words = rng.sample(vocabulary, 12)
        dead = rng.randrange(1, 60)
        for _ in range(rng.randint(1, 6)):
            published = when + timedelta(days=rng.randrange(0, 3))
            body_words = rng.sample(words, 8) + rng.sample(vocabulary, 25)
            sentence1 = (f"A {noun} in {place} killed {dead + rng.randrange(0, 5)} people on "
                         f"{when.isoformat()}, {_spelling(rng, actors[0])} said.")
            text = sentence1 + " " + " ".join(body_words) + f". {_spelling(rng, actors[1])} spoke."
            recall = rng.random() < 0.2 and past
            if recall:
                old = rng.choice(past)
                text += f" It recalled the {old[2]} in {old[1]} in {old[3].year}."
            ents = [Entity("E1", place, "GPE", [Mention(text.index(place), text.index(place) + len(place), place)])]
            for k, name in enumerate(actors, 2):
                written = _spelling(rng, name)
                at = text.find(written)
                if at >= 0:
                    ents.append(Entity(f"E{k}", written, "PERSON", [Mention(at, at + len(written), written)]))
            num = text.index(" killed ") + 8
            count_text = text[num:text.index(" people", num)] + " people"
            figure = float(count_text.split()[0])
            times = [TimeExpr("T1", when.isoformat(), text.index(when.isoformat()),
                              text.index(when.isoformat()) + 10, "DATE", when.isoformat(), published.isoformat())]
            evs = [Event("V1", etype, mode, noun, 2, 2 + len(noun), "occurred", False, place="P1", place_text=place,
                         time="T1", time_value=when.isoformat(), count="C1", count_best=figure,
                         evidence=[Span(0, len(sentence1))])]
            if rng.random() < 0.5:
                evs.append(Event("V2", "COERCE", "arrest", "arrest", 0, 6, "occurred", False, place="P1",
                                 place_text=place, evidence=[Span(0, len(sentence1))]))
            places_l = [Place("P1", place, ents[0].mentions[0].start, ents[0].mentions[0].end, "E1", "GPE")]
            if recall:
                at = text.rindex(old[1])
                ents.append(Entity(f"E{len(ents) + 2}", old[1], "GPE", [Mention(at, at + len(old[1]), old[1])]))
                places_l.append(Place("P2", old[1], at, at + len(old[1]), ents[-1].id, "GPE"))
                start = text.rindex("It recalled")
                times.append(TimeExpr("T2", str(old[3].year), text.rindex(str(old[3].year)),
                                      text.rindex(str(old[3].year)) + 4, "DATE", str(old[3].year),
                                      published.isoformat()))
                evs.append(Event(f"V{len(evs) + 1}", old[4], None, old[2], start, start + 5, "occurred", True,
                                 place="P2", place_text=old[1], time="T2", time_value=str(old[3].year),
                                 evidence=[Span(start, len(text))]))
            counts = [Count("C1", count_text, num, num + len(count_text), figure, figure, figure, "people")]
            article = Article(f"a{len(results):07d}", text, text, title=sentence1, published=published.isoformat())
            results.append(ArticleResult(article, ents, times, places_l, [], counts, evs))
            truth[article.id] = incident
            events += len(evs)
            if rng.random() < 0.1:  # a syndicated copy
                copy = ArticleResult(Article(f"a{len(results):07d}", text + " (wire)", text + " (wire)",
                                             title=sentence1, published=published.isoformat()),
                                     ents, times, places_l, [], counts, evs)
                results.append(copy)
                truth[copy.article.id] = incident
                events += len(evs)
        past.append((incident, place, noun, when, etype))
    return results, truth


def _bcubed_f1(gold: list[int], pred: list[int]) -> float:
    g, p, both = Counter(gold), Counter(pred), Counter(zip(gold, pred))
    prec = sum(both[(a, b)] / p[b] for a, b in zip(gold, pred)) / len(gold)
    rec = sum(both[(a, b)] / g[a] for a, b in zip(gold, pred)) / len(gold)
    return 2 * prec * rec / (prec + rec)


def run(n_events: int, seed: int) -> None:
    t0 = time.perf_counter()
    results, truth = make_collection(n_events, seed)
    t1 = time.perf_counter()
    n_ev = sum(len(r.events) for r in results)
    versions, _ = find_versions(results)
    t2 = time.perf_counter()
    resolve_entities(results)
    t3 = time.perf_counter()
    clustering = cluster_incidents(results)
    t4 = time.perf_counter()
    aids = list(truth)
    f1 = _bcubed_f1([truth[a] for a in aids], [clustering.story_of[a] for a in aids])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{n_ev:>7} events {len(results):>6} articles | build {t1 - t0:5.1f} s | versions {t2 - t1:5.1f} s "
          f"({len(versions)} copies) | entities {t3 - t2:5.1f} s | cluster_incidents (all steps) {t4 - t3:6.1f} s | "
          f"{len(clustering.incidents)} incidents | article B3 F1 {f1:.3f} | peak RSS {peak:,.0f} MiB", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    for n in sorted({args.events // 10, args.events // 4, args.events // 2, args.events}):
        run(n, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
