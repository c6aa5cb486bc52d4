"""Score newsledger's toponym resolution on a geoparsing corpus.

    python eval/geo.py DATASET.xml [--split dev|heldout|all] [--limit N] [--gold-spans] [--errors] [--json OUT]

DATASET is an XML file of ``<article>`` elements with a ``<text>`` and gold
toponyms, in either of two layouts:

* LGL: ``<toponyms><toponym><start/><end/><phrase/><gaztag geonameid=..>
  <lat/><lon/>...</gaztag></toponym>`` (toponyms without a gaztag have no
  coordinates and are left out of every figure);
* GeoVirus: ``<locations><location><name/><start/><end/><lat/><lon/>``.

Articles are split deterministically by their position in the file: even
indices (0, 2, 4, ...) are the *dev* half, which rules may be tuned on, odd
indices the *heldout* half, which is only scored (``--split``, default all).

Offsets are characters into the text.  End to end (the default) the article
is annotated with the project's spaCy model and ``geocode_places`` finds and
resolves the toponyms itself; ``--gold-spans`` hands it the gold spans instead,
to score resolution alone.

Figures (a predicted toponym matches a gold one when the spans overlap, one to one):

* detection P / R   - matched / predicted toponyms, matched / gold toponyms;
* resolution recall - gold toponyms that were matched *and* given coordinates;
* acc@161           - of those, the share within 161 km (100 miles) of gold;
* acc@161 (all)     - within 161 km / all gold toponyms (misses count as wrong);
* mean / median km  - error over the matched toponyms given coordinates;
* timing            - seconds per article in spaCy and in geocoding.

The corpora are research data and do not ship with newsledger: a missing file
is reported and skipped.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from newsledger.annotate import load_nlp  # noqa: E402
from newsledger.geo import geocode_places, haversine_km, load_gazetteer  # noqa: E402


@dataclass
class Gold:
    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None


@dataclass
class Mention:
    start: int
    end: int
    type: str = "GPE"


def read_dataset(path: Path) -> list[tuple[str, list[Gold]]]:
    """(text, gold toponyms) per article, from either XML layout."""
    root = ET.parse(path).getroot()
    articles = []
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        gold: list[Gold] = []
        for top in art.iter("toponym"):
            tag = top.find("gaztag")
            lat = lon = None
            if tag is not None and tag.findtext("lat"):
                lat, lon = float(tag.findtext("lat")), float(tag.findtext("lon"))
            gold.append(Gold(int(top.findtext("start")), int(top.findtext("end")), top.findtext("phrase") or "",
                             lat, lon))
        for loc in art.iter("location"):
            lat_text, lon_text = loc.findtext("lat"), loc.findtext("lon")
            gold.append(Gold(int(loc.findtext("start")), int(loc.findtext("end")), loc.findtext("name") or "",
                             float(lat_text) if lat_text else None, float(lon_text) if lon_text else None))
        articles.append((text, [_align(text, g) for g in gold]))
    return articles


def _align(text: str, gold: Gold) -> Gold:
    """Shift a gold span onto its phrase when the corpus' offsets are off by a few characters.

    (GeoVirus' offsets point one character past the name; LGL's are exact.)
    """
    if not gold.text or text[gold.start:gold.end] == gold.text:
        return gold
    for shift in sorted(range(-5, 6), key=abs):
        start = gold.start + shift
        if start >= 0 and text[start:start + len(gold.text)] == gold.text:
            return Gold(start, start + len(gold.text), gold.text, gold.lat, gold.lon)
    return gold


SPLITS = ("all", "dev", "heldout")


def split_articles(articles: list, split: str) -> list:
    """The articles of one split: even positions are dev, odd positions held out."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}: choose one of {', '.join(SPLITS)}")
    if split == "all":
        return articles
    return articles[0 if split == "dev" else 1::2]


def score(path: Path, *, limit: int | None = None, gold_spans: bool = False, errors: bool = False,
          demonyms: bool = False, split: str = "all") -> dict:
    """Run the geocoder over a dataset and return the figures."""
    articles = split_articles(read_dataset(path), split)[:limit]
    nlp = load_nlp()
    t0 = time.perf_counter()
    load_gazetteer()
    gaz_load = time.perf_counter() - t0
    n_gold = n_pred = n_match = n_located = n_good = 0
    errors_km: list[float] = []
    t_nlp = t_geo = 0.0
    for text, gold in articles:
        gold = [g for g in gold if g.lat is not None]
        t0 = time.perf_counter()
        doc = nlp(text)
        t1 = time.perf_counter()
        if gold_spans:
            norp = [e.text for e in doc.ents if e.label_ == "NORP"]
            preds = geocode_places([Mention(g.start, g.end) for g in gold], text, demonyms=norp, dateline=False)
        else:
            preds = geocode_places(doc, demonyms_as_places=demonyms)
        t2 = time.perf_counter()
        t_nlp += t1 - t0
        t_geo += t2 - t1
        n_gold += len(gold)
        n_pred += len(preds)
        used: set[int] = set()
        for g in gold:
            match = None
            for i, p in enumerate(preds):
                if i not in used and p.start < g.end and g.start < p.end:
                    match = i
                    break
            if match is None:
                if errors:
                    print(f"MISS  {g.text!r}")
                continue
            used.add(match)
            n_match += 1
            p = preds[match]
            if not p.located:
                if errors:
                    print(f"NOLOC {g.text!r} ({p.reason})")
                continue
            n_located += 1
            km = haversine_km(p.lat, p.lon, g.lat, g.lon)
            errors_km.append(km)
            if km <= 161:
                n_good += 1
            elif errors:
                print(f"FAR   {g.text!r} -> {p.name}, {p.admin1}, {p.country_code} [{p.feature_code}] "
                      f"{km:.0f} km ({p.reason}) | {text[max(0, g.start - 60):g.end + 40]!r}")
    n = len(articles) or 1
    return {
        "dataset": path.name, "split": split, "articles": len(articles),
        "mode": ("gold spans" if gold_spans else "end to end") + (" + demonyms" if demonyms else ""),
        "gold_toponyms": n_gold, "predicted_toponyms": n_pred,
        "detection_precision": round(n_match / n_pred, 3) if n_pred else 0.0,
        "detection_recall": round(n_match / n_gold, 3) if n_gold else 0.0,
        "resolution_recall": round(n_located / n_gold, 3) if n_gold else 0.0,
        "acc_at_161": round(n_good / n_located, 3) if n_located else 0.0,
        "acc_at_161_all": round(n_good / n_gold, 3) if n_gold else 0.0,
        "mean_km": round(statistics.fmean(errors_km), 1) if errors_km else None,
        "median_km": round(statistics.median(errors_km), 1) if errors_km else None,
        "spacy_s_per_article": round(t_nlp / n, 4), "geocode_s_per_article": round(t_geo / n, 4),
        "geocode_share_of_spacy": round(t_geo / t_nlp, 3) if t_nlp else None,
        "gazetteer_open_s": round(gaz_load, 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--split", choices=SPLITS, default="all",
                        help="score the dev half (even article positions), the held-out half (odd) or all")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N articles of the split")
    parser.add_argument("--gold-spans", action="store_true", help="resolve the gold spans (no detection)")
    parser.add_argument("--demonyms", action="store_true",
                        help="count NORP demonyms (\"Egyptian\") as toponyms, as LGL's annotators did")
    parser.add_argument("--errors", action="store_true", help="print misses and far-off resolutions")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures to this file")
    args = parser.parse_args(argv)
    if not args.dataset.exists():
        print(f"skipped: {args.dataset} not found (geoparsing corpora do not ship with newsledger)")
        return 0
    figures = score(args.dataset, limit=args.limit, gold_spans=args.gold_spans, errors=args.errors,
                    demonyms=args.demonyms, split=args.split)
    for key, value in figures.items():
        print(f"{key:>24}: {value}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
