"""Score cross-article incident clustering on a folder in the ECB+ layout.

    python eval/clusters.py ../shared/eval/clusters [--dev 1-20] [--test 21-35] [--tune] [--coref] [--dates]

DATASET/docs/<subtopic>/<doc>.json holds one article (``title``, ``text``); the
subtopic folder (``1ecb``, ``1ecbplus``) is one real incident, and the topic
number groups two different incidents of the same kind (the hard negative).
Each split's articles are clustered together, as one collection.  By default
every article goes in undated (newsledger infers a date from the text where it
can); ``--dates`` gives each ECB+ article the date its scraped page shows (the
older ECB articles have none).  A subtopic then spans months or years of
follow-up stories (a 2005 shooting and the 2007 trial), which the publication
windows keep apart: on the dev topics B³ F1 falls from 0.928 to 0.893 at
pipeline 0.4.12, all of it recall.

Scores: article B-cubed and pairwise precision/recall/F1 against the
subtopics, for newsledger's stories (``incidents.cluster_stories``) and for a
baseline (TF-IDF cosine + average linkage, threshold tuned on the dev topics),
on the dev topics and on the unseen test topics.  ``--tune`` grid-searches
newsledger's threshold on the dev topics (the defaults in ``ClusterConfig``
come from such a run); the test topics are never used for tuning.  ``--coref``
also scores incidents as cross-document event coreference (MUC, B³, CEAF-e,
CoNLL F1) against the ECB+ event mentions in DATASET/annotations.tar.gz
(see ``event_coref_report`` and docs/incidents.md).

The data is research-only (CC BY 3.0): it is read in place, never copied;
when the folder is absent the script says so and exits 0.  Processed articles
are cached as a pickle under the system temp folder, keyed on the pipeline
version, since processing costs ~0.2 s an article.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import pickle
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def _topic_range(text: str) -> set[int]:
    out: set[int] = set()
    for part in text.split(","):
        lo, _, hi = part.partition("-")
        out |= set(range(int(lo), int(hi or lo) + 1))
    return out


def load_docs(dataset: Path, topics: set[int]) -> list[tuple[str, str, str, str, str | None]]:
    """(doc key, subtopic, title, text, publication date) for every article of the given topics."""
    docs = []
    for sub in sorted((dataset / "docs").iterdir()):
        m = re.match(r"(\d+)ecb(plus)?$", sub.name)
        if not m or int(m.group(1)) not in topics:
            continue
        for f in sorted(sub.glob("*.json")):
            d = json.loads(f.read_text(encoding="utf-8"))
            docs.append((f"{sub.name}/{f.name}", sub.name, d.get("title") or "", d.get("text") or "",
                         publication_date(d.get("date_publish"))))
    return docs


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_IN_FIELD = re.compile(
    rf"(?i)\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\s*,?\s*\d{{4}}"  # July 13, 2009 / December 15th, 2008
    rf"|\d{{1,2}}\s+{_MONTH}\s*,?\s*\d{{4}}"  # 27 NOVEMBER, 2005
    r"|\d{4}\s*[-.]\s*\d{1,2}\s*[-.]\s*\d{1,2}"  # 2012 - 04 - 04 / 2012.08.08
    r"|\d{1,2}\s*/\s*\d{1,2}\s*/\s*(?:\d{4}|\d{2}\b))")  # 12 / 19 / 2005, 11 / 30 / 09


def publication_date(field: str | None) -> str | None:
    """The first date written in an ECB+ ``date_publish`` field, as ISO, or None.

    The field is scraped page text ("Posted 12 / 19 / 2005 3 : 36 PM He was 77.", "on July 13, 2009 at
    10 : 50 AM, updated …"); only ECB+ articles have one, the older ECB articles never do.
    """
    from newsledger.pipeline import normalise_date

    m = _DATE_IN_FIELD.search(field or "")
    if m is None:
        return None
    text = re.sub(r"\s*([-./])\s*", r"\1", m.group())
    if re.fullmatch(r"\d{4}[-.]\d{1,2}[-.]\d{1,2}", text):
        y, mo, d = re.split(r"[-.]", text)
        text = f"{y}-{int(mo):02d}-{int(d):02d}"
    elif re.fullmatch(r"\d{1,2}/\d{1,2}/\d{2}", text):
        text = text[:-2] + "20" + text[-2:]  # ECB+ pages are from 2000-2013
    return normalise_date(text)


def process_docs(docs, cache_dir: Path, use_dates: bool = False):
    """Run newsledger on each article once (with its publication date unless ``use_dates`` is False);
    later runs read the cache."""
    from newsledger import PIPELINE_VERSION, process
    from newsledger.annotate import load_nlp
    from newsledger.clean import article_id
    from newsledger.model import Article, ArticleResult

    cache_dir.mkdir(parents=True, exist_ok=True)
    cache_file = cache_dir / f"ecb_{PIPELINE_VERSION}.pkl"
    cache = pickle.loads(cache_file.read_bytes()) if cache_file.exists() else {}
    nlp = None
    out = []
    changed = False
    for key, _, title, text, published in docs:
        # Some ECB+ files keep their only sentence in the title; the article is title + text.
        body = f"{title}\n\n{text}" if title and not text.startswith(title) else text or title
        published = published if use_dates else None
        ck = hashlib.sha1(f"{published or ''}|{body}".encode()).hexdigest()
        if ck not in cache:
            nlp = nlp or load_nlp()
            try:
                cache[ck] = process(body, published, title=title or None, nlp=nlp)
            except Exception as exc:  # keep the article in the collection, with no extraction
                print(f"  {key}: {type(exc).__name__}: {exc}; kept without extraction", file=sys.stderr)
                cache[ck] = ArticleResult(Article(article_id(body), body, body, title or None))
            changed = True
        out.append(cache[ck])
    if changed:
        cache_file.write_bytes(pickle.dumps(cache))
    return out


# -- metrics -----------------------------------------------------------------

def bcubed(gold: list[str], pred: list) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 of a clustering against gold labels."""
    gsize, psize, both = Counter(gold), Counter(pred), Counter(zip(gold, pred))
    p = sum(both[(g, c)] / psize[c] for g, c in zip(gold, pred)) / len(gold)
    r = sum(both[(g, c)] / gsize[g] for g, c in zip(gold, pred)) / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def pairwise(gold: list[str], pred: list) -> tuple[float, float, float]:
    """Pairwise precision, recall, F1: pairs put together vs pairs that belong together."""
    pairs = lambda c: sum(v * (v - 1) // 2 for v in c.values())  # noqa: E731
    tp = pairs(Counter(zip(gold, pred)))
    pp, gp = pairs(Counter(pred)), pairs(Counter(gold))
    p = tp / pp if pp else 1.0
    r = tp / gp if gp else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# -- baseline: TF-IDF + average linkage --------------------------------------

def _tfidf(texts: list[str]) -> list[dict[str, float]]:
    toks = [Counter(w for w in re.findall(r"[a-z]{2,}", t.lower())) for t in texts]
    df = Counter(w for t in toks for w in t)
    n = len(texts)
    vecs = []
    for t in toks:
        v = {w: (1 + math.log(c)) * math.log((n + 1) / (df[w] + 1)) for w, c in t.items() if df[w] < n}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs.append({w: x / norm for w, x in v.items()})
    return vecs


def baseline_similarities(texts: list[str]) -> dict[tuple[int, int], float]:
    vecs = _tfidf(texts)
    sims = {}
    for i in range(len(vecs)):
        for j in range(i + 1, len(vecs)):
            a, b = vecs[i], vecs[j]
            if len(a) > len(b):
                a, b = b, a
            s = sum(x * b[w] for w, x in a.items() if w in b)
            if s > 0:
                sims[(i, j)] = s
    return sims


def baseline_cluster(n: int, sims: dict[tuple[int, int], float], threshold: float) -> list[int]:
    from newsledger.incidents import _average_linkage
    return _average_linkage(n, sims, threshold)[0]


# -- newsledger --------------------------------------------------------------

def newsledger_cluster(results, config) -> list[int]:
    from newsledger.incidents import cluster_stories
    stories, _, versions = cluster_stories(results, config=config)
    label = {aid: i for i, story in enumerate(stories) for aid in story}
    return [label[versions.get(r.article.id, r.article.id)] for r in results]


# -- event coreference (ECB+ event mentions) ----------------------------------
# annotations.tar.gz holds, per subtopic, the CoNLL tokens (doc key "27/27ecb/10", sentence, token, word)
# and event_mentions_<subtopic>.json (sentence, token numbers, cross-document ``coref_chain``).  Only the
# sentences listed in ECBplus_coreference_sentences.csv are fully annotated, so both the gold and the
# newsledger mentions are restricted to them.  A newsledger event is a mention at its trigger's characters;
# it matches the gold mention sharing most tokens with it (each gold mention matched at most once), and its
# cluster is its incident.  Unmatched mentions on either side stay in the scores (CoNLL-2012 style, with
# singletons): a missed gold mention costs recall, an invented one precision.

def load_event_annotations(archive: Path, sentences_csv: Path, topics: set[int]):
    """Gold tokens and event mentions of the given topics, read from the archive in place.

    Returns ``{doc_id: (tokens, mentions)}`` with tokens a list of (sentence, token number, word) and
    mentions a list of (mention id, sentence, token numbers, chain), plus the set of fully annotated
    (doc_id, sentence) pairs.
    """
    import csv
    import tarfile

    tokens: dict[str, dict[tuple[int, int], str]] = defaultdict(dict)
    mentions: dict[str, dict[str, tuple[str, int, tuple[int, ...], str]]] = defaultdict(dict)
    with tarfile.open(archive) as tar:
        for member in tar:
            if not re.search(r"\.conll$|/event_mentions_[^/]*\.json$", member.name):
                continue
            data = tar.extractfile(member).read().decode("utf-8")  # type: ignore[union-attr]
            # Filter by each document's own topic: some files also hold other topics' documents
            # (8ecb.conll repeats 18ecb, 28ecb and 38ecb), so keying on (sentence, token) also de-duplicates.
            if member.name.endswith(".conll"):
                for line in data.splitlines():
                    parts = line.split("\t")
                    if len(parts) < 4 or line.startswith("#"):
                        continue
                    topic, sub, num = parts[0].split("/")
                    if int(topic) in topics:
                        tokens[f"{topic}_{num}{sub[len(topic):]}"][(int(parts[1]), int(parts[2]))] = parts[3]
            else:
                for x in json.loads(data):
                    if int(x["topic_id"]) in topics:
                        mentions[x["doc_id"]][x["mention_id"]] = (x["mention_id"], x["sent_id"],
                                                                 tuple(x["tokens_number"]), x["coref_chain"])
    annotated = set()
    with open(sentences_csv, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            annotated.add((f"{row['Topic']}_{row['File']}", int(row["Sentence Number"])))
    return {d: ([(sent, num, w) for (sent, num), w in sorted(toks.items())], list(mentions.get(d, {}).values()))
            for d, toks in tokens.items()}, annotated


def align_tokens(body: str, sentences: list[list[str]]) -> list[list[tuple[int, int] | None]]:
    """Character spans of each CoNLL sentence's tokens in the article text; None for a token not found.

    Greedy, in order, with a tight gap between tokens of one sentence; a sentence whose tokens are mostly
    not found (ECB+ keeps each page's URL as sentence 0, which the article text does not have) is left
    unaligned and does not move the cursor.
    """
    out: list[list[tuple[int, int] | None]] = []
    pos = 0
    for words in sentences:
        spans: list[tuple[int, int] | None] = []
        cur, found = pos, 0
        for k, w in enumerate(words):
            window = 400 if found == 0 else 12
            i = body.find(w, cur, cur + window + len(w))
            if i < 0:
                spans.append(None)
                continue
            spans.append((i, i + len(w)))
            cur, found = i + len(w), found + 1
        if found * 2 < len(words):
            out.append([None] * len(words))
            continue
        out.append(spans)
        pos = cur
    return out


def coref_scores(key: list[set], response: list[set]) -> dict[str, tuple[float, float, float]]:
    """MUC, B³ and CEAF-e (P, R, F1) of response clusters against key clusters; mention sets may differ."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    def f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    def muc_recall(k_clusters, r_clusters):
        where = {m: i for i, c in enumerate(r_clusters) for m in c}
        num = den = 0
        for c in k_clusters:
            parts = {where.get(m, ("alone", m)) for m in c}
            num += len(c) - len(parts)
            den += len(c) - 1
        return num / den if den else 0.0

    def b3_recall(k_clusters, r_clusters):
        where = {m: i for i, c in enumerate(r_clusters) for m in c}
        total = sum(len(c) for c in k_clusters)
        score = 0.0
        for c in k_clusters:
            overlap = Counter(where[m] for m in c if m in where)
            score += sum(n * n for n in overlap.values()) / len(c)
        return score / total if total else 0.0

    out = {}
    mr, mp = muc_recall(key, response), muc_recall(response, key)
    out["MUC"] = (mp, mr, f1(mp, mr))
    br, bp = b3_recall(key, response), b3_recall(response, key)
    out["B3"] = (bp, br, f1(bp, br))
    where = {m: j for j, c in enumerate(response) for m in c}
    sim = np.zeros((len(key), len(response)))
    for i, c in enumerate(key):
        for j, n in Counter(where[m] for m in c if m in where).items():
            sim[i, j] = 2 * n / (len(c) + len(response[j]))
    rows, cols = linear_sum_assignment(-sim) if sim.size else ([], [])
    total = float(sim[rows, cols].sum()) if sim.size else 0.0
    cr, cp = (total / len(key) if key else 0.0), (total / len(response) if response else 0.0)
    out["CEAF-e"] = (cp, cr, f1(cp, cr))
    out["CoNLL"] = (float("nan"), float("nan"), sum(out[m][2] for m in ("MUC", "B3", "CEAF-e")) / 3)
    return out


def event_mentions(keys: list[str], results, annotations, annotated):
    """Gold and newsledger event mentions of one split, in the annotated sentences.

    Returns (gold: mention id -> chain, system: mention -> (article id, event), matched pairs count, aligned share):
    a system mention is the gold mention id it matched, else ``sys:ARTICLE:EVENT``.
    """
    gold: dict[str, str] = {}
    system: dict[str, tuple[str, Any]] = {}
    aligned = total_tokens = 0
    for key, r in zip(keys, results):
        doc_id = Path(key).stem
        if doc_id not in annotations:
            continue
        toks, mentions = annotations[doc_id]
        sentences: dict[int, list[str]] = defaultdict(list)
        for sent, _, w in toks:
            sentences[sent].append(w)
        spans = [sp for sent_spans in align_tokens(r.article.text, list(sentences.values())) for sp in sent_spans]
        total_tokens += len(spans)
        aligned += sum(1 for sp in spans if sp)
        located = [(sp, (sent, num)) for sp, (sent, num, _) in zip(spans, toks) if sp]
        for mid, sent, nums, chain in mentions:
            if (doc_id, sent) in annotated:
                gold[mid] = chain
        by_token = {(sent, n): mid for mid, sent, nums, _ in mentions if (doc_id, sent) in annotated for n in nums}
        taken: set[str] = set()
        for ev in sorted(r.events, key=lambda e: e.trigger_start):
            covered = [tok for (a, b), tok in located if a < ev.trigger_end and b > ev.trigger_start]
            if not covered or not any((doc_id, sent) in annotated for sent, _ in covered):
                continue  # outside the fully annotated sentences: cannot be judged
            hits = Counter(by_token[t] for t in covered if t in by_token and by_token[t] not in taken)
            if hits:
                mid = hits.most_common(1)[0][0]
                taken.add(mid)
            else:
                mid = f"sys:{r.article.id}:{ev.id}"
            system[mid] = (r.article.id, ev)
    return gold, system, aligned / total_tokens if total_tokens else 0.0


def event_coref_report(keys: list[str], results, annotations, annotated, config) -> list[str]:
    """Lines scoring newsledger's incidents as cross-document event coreference, with two reference points."""
    from newsledger.incidents import cluster_incidents

    gold, system, aligned = event_mentions(keys, results, annotations, annotated)
    if not gold:
        return ["  no annotated event mentions for these topics"]
    clustering = cluster_incidents(results, config=config)
    incident_of = {(aid, eid): inc.id for inc in clustering.incidents for aid, eid in inc.members}
    by_id = {r.article.id: r for r in results}

    def incident(aid: str, ev) -> str | None:
        canonical = clustering.versions.get(aid)
        if canonical is None:
            return incident_of.get((aid, ev.id))
        # A near-duplicate's events are its canonical copy's events (same type and trigger).
        twin = next((e for e in by_id[canonical].events if (e.type, e.trigger) == (ev.type, ev.trigger)), None)
        return incident_of.get((canonical, twin.id)) if twin else None

    key_chains: dict[str, set] = defaultdict(set)
    for mid, chain in gold.items():
        key_chains[chain].add(mid)
    key = list(key_chains.values())

    def clusters(label) -> list[set]:
        groups: dict = defaultdict(set)
        for mid, (aid, ev) in system.items():
            groups[label(mid, aid, ev)].add(mid)
        return list(groups.values())

    story = lambda aid: clustering.story_of.get(aid)  # noqa: E731
    systems = {
        "newsledger incidents": clusters(lambda mid, aid, ev: incident(aid, ev) or mid),
        "singletons (same mentions)": clusters(lambda mid, aid, ev: mid),
        "same trigger word in story": clusters(lambda mid, aid, ev: (story(aid), ev.trigger.lower())),
    }
    matched = sum(1 for mid in system if not mid.startswith("sys:"))
    lines = [f"  mentions: {len(gold)} gold in annotated sentences ({len(key)} chains), {len(system)} newsledger events "
             f"there, {matched} matched: mention recall {matched / len(gold):.3f}, precision "
             f"{matched / len(system) if system else 0:.3f} (tokens aligned: {aligned:.1%})"]
    # The same clusterings scored on the matched mentions only: how well the events newsledger does find are
    # grouped, apart from the mentions it does not extract at all.
    on_matched = {mid for mid in system if not mid.startswith("sys:")}
    key_matched = [c & on_matched for c in key if c & on_matched]
    for name, response in list(systems.items()):
        systems[f"{name} (matched only)"] = [c & on_matched for c in response if c & on_matched]
    for name, response in systems.items():
        sc = coref_scores(key_matched if name.endswith("(matched only)") else key, response)
        lines.append(f"  {name:<41} " + " | ".join(f"{m} P {p:.3f} R {r:.3f} F1 {f:.3f}" for m, (p, r, f) in sc.items()
                                                     if m != "CoNLL") + f" | CoNLL F1 {sc['CoNLL'][2]:.3f}")
    return lines


def _fmt(name: str, gold, pred) -> str:
    b, pw = bcubed(gold, pred), pairwise(gold, pred)
    return (f"  {name:<28} B3 P {b[0]:.3f} R {b[1]:.3f} F1 {b[2]:.3f} | pairwise P {pw[0]:.3f} R {pw[1]:.3f} "
            f"F1 {pw[2]:.3f} | {len(set(pred))} clusters / {len(set(gold))} gold")


def _errors(keys, gold, pred, limit: int = 12) -> list[str]:
    """Where newsledger loses: gold incidents split, and clusters that mix incidents."""
    lines = []
    by_pred: dict = defaultdict(list)
    by_gold: dict = defaultdict(list)
    for k, g, p in zip(keys, gold, pred):
        by_pred[p].append(g)
        by_gold[g].append(p)
    mixed = [(Counter(gs), p) for p, gs in by_pred.items() if len(set(gs)) > 1]
    mixed.sort(key=lambda x: -sum(x[0].values()))
    for c, _ in mixed[:limit]:
        same_topic = len({re.match(r"\d+", g).group() for g in c}) == 1  # type: ignore[union-attr]
        lines.append(f"    merged {dict(c)}" + ("  (same topic: hard negative)" if same_topic else ""))
    split = [(g, Counter(ps)) for g, ps in by_gold.items() if len(set(ps)) > 1]
    split.sort(key=lambda x: -len(x[1]))
    for g, c in split[:limit]:
        lines.append(f"    split {g} into {len(c)} clusters, sizes {sorted(c.values(), reverse=True)}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dataset", nargs="?", default=str(HERE.parent.parent / "shared" / "eval" / "clusters"))
    parser.add_argument("--dev", default="1-20", help="topics for development and tuning (default 1-20)")
    parser.add_argument("--test", default="21-35", help="unseen topics to report (default 21-35)")
    parser.add_argument("--tune", action="store_true", help="grid-search newsledger's threshold on the dev topics")
    parser.add_argument("--errors", action="store_true", help="list the largest clustering errors on each split")
    parser.add_argument("--coref", action="store_true",
                        help="also score incidents as cross-document event coreference (MUC, B3, CEAF-e, CoNLL F1) "
                             "against DATASET/annotations.tar.gz")
    parser.add_argument("--dates", action="store_true",
                        help="give each ECB+ article the publication date its page shows (the older ECB articles "
                             "have none); by default every article is undated and newsledger infers what it can")
    parser.add_argument("--cache", default=str(Path(tempfile.gettempdir()) / "newsledger-eval"),
                        help="folder for the processed-article cache")
    args = parser.parse_args()
    dataset = Path(args.dataset)
    if not (dataset / "docs").is_dir():
        print(f"{dataset}/docs not found: ECB+ clustering evaluation skipped (the data is not shipped).")
        return 0
    from newsledger.incidents import DEFAULT_CONFIG

    splits = {"dev": _topic_range(args.dev), "test": _topic_range(args.test)}
    data = {}
    for name, topics in splits.items():
        docs = load_docs(dataset, topics)
        t0 = time.time()
        results = process_docs(docs, Path(args.cache), use_dates=args.dates)
        data[name] = ([d[0] for d in docs], [d[1] for d in docs], results)
        print(f"{name}: topics {args.dev if name == 'dev' else args.test}, {len(docs)} articles, "
              f"{len(set(d[1] for d in docs))} incidents (processed/cached in {time.time() - t0:.0f} s)")

    # Baseline threshold tuned on dev.
    keys, gold, results = data["dev"]
    texts = [r.article.text for r in results]
    sims = baseline_similarities(texts)
    grid = [round(0.02 * i, 2) for i in range(2, 30)]
    base_t = max(grid, key=lambda t: bcubed(gold, baseline_cluster(len(texts), sims, t))[2])
    config = DEFAULT_CONFIG
    if args.tune:
        best = max((bcubed(gold, newsledger_cluster(results, replace(config, threshold=t)))[2], t)
                   for t in [round(0.02 * i, 2) for i in range(5, 35)])
        print(f"tuned newsledger threshold on dev: {best[1]} (B3 F1 {best[0]:.3f}); default {config.threshold}")
        config = replace(config, threshold=best[1])
    for name, (keys, gold, results) in data.items():
        texts = [r.article.text for r in results]
        print(f"\n{name} ({'tuning' if name == 'dev' else 'unseen'} topics):")
        t0 = time.time()
        pred = newsledger_cluster(results, config)
        elapsed = time.time() - t0
        print(_fmt("newsledger", gold, pred) + f" | {elapsed:.1f} s")
        base = baseline_cluster(len(texts), baseline_similarities(texts), base_t)
        print(_fmt(f"baseline TF-IDF+avg (t={base_t})", gold, base))
        if args.errors:
            print("  newsledger errors:")
            print("\n".join(_errors(keys, gold, pred)))
    if args.coref:
        archive, sentences = dataset / "annotations.tar.gz", dataset / "ECBplus_coreference_sentences.csv"
        if not (archive.exists() and sentences.exists()):
            print(f"\n{archive} or {sentences.name} not found: event coreference skipped.")
            return 0
        for name, (keys, _, results) in data.items():
            annotations, annotated = load_event_annotations(archive, sentences, splits[name])
            print(f"\n{name} event coreference ({'tuning' if name == 'dev' else 'unseen'} topics, "
                  f"all the split's articles clustered together, no gold topics):")
            print("\n".join(event_coref_report(keys, results, annotations, annotated, config)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
