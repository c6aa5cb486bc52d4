"""Score cross-article incident clustering on a folder in the ECB+ layout.

    python eval/clusters.py ../shared/eval/clusters [--dev 1-20] [--test 21-35] [--tune]

DATASET/docs/<subtopic>/<doc>.json holds one article (``title``, ``text``); the
subtopic folder (``1ecb``, ``1ecbplus``) is one real incident, and the topic
number groups two different incidents of the same kind (the hard negative).
Each split's articles are clustered together, as one collection.

Scores: article B-cubed and pairwise precision/recall/F1 against the
subtopics, for newsledger's stories (``incidents.cluster_stories``) and for a
baseline (TF-IDF cosine + average linkage, threshold tuned on the dev topics),
on the dev topics and on the unseen test topics.  ``--tune`` grid-searches
newsledger's threshold on the dev topics (the defaults in ``ClusterConfig``
come from such a run); the test topics are never used for tuning.

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

HERE = Path(__file__).resolve().parent


def _topic_range(text: str) -> set[int]:
    out: set[int] = set()
    for part in text.split(","):
        lo, _, hi = part.partition("-")
        out |= set(range(int(lo), int(hi or lo) + 1))
    return out


def load_docs(dataset: Path, topics: set[int]) -> list[tuple[str, str, str, str]]:
    """(doc key, subtopic, title, text) for every article of the given topics."""
    docs = []
    for sub in sorted((dataset / "docs").iterdir()):
        m = re.match(r"(\d+)ecb(plus)?$", sub.name)
        if not m or int(m.group(1)) not in topics:
            continue
        for f in sorted(sub.glob("*.json")):
            d = json.loads(f.read_text(encoding="utf-8"))
            docs.append((f"{sub.name}/{f.name}", sub.name, d.get("title") or "", d.get("text") or ""))
    return docs


def process_docs(docs, cache_dir: Path):
    """Run newsledger on each article once; later runs read the cache."""
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
    for key, _, title, text in docs:
        # Some ECB+ files keep their only sentence in the title; the article is title + text.
        body = f"{title}\n\n{text}" if title and not text.startswith(title) else text or title
        ck = hashlib.sha1(body.encode()).hexdigest()
        if ck not in cache:
            nlp = nlp or load_nlp()
            try:
                cache[ck] = process(body, title=title or None, nlp=nlp)
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
        results = process_docs(docs, Path(args.cache))
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
