"""Score killed/injured counts, place and date against the Gun Violence Database.

    python eval/gvdb.py ../shared/eval/events/gvdb/dev.tsv [--limit N] [--errors 10]

Per article, newsledger's events are read the way a user of the ledger would:
  * killed  = the largest count on a violent event whose mode is a killing
              (killing, mass-killing) that occurred (not planned, denied, …);
              a killing event with a singular victim and no number counts 1;
  * injured = the same for events of mode "injury", and the wounded figure (``injured_best``) of any other
              violent event ("killed three and injured 20" is one event: count 3, injured 20);
  * place   = the place of the first such event, else the first place mentioned; scored by its words and
              by the town the ledger locates it in ("Pearl Street", precision town, at Philadelphia);
  * date    = that event's TIMEX3 value.
Gold: the number of victims marked killed / injured in ``victim-section``; city
and state from ``date-and-time``; the incident date.  Printed: exact-match
accuracy and mean absolute error for killed and injured, city and state
accuracy, and date accuracy.  The articles carry no publication date, so
relative dates ("on Tuesday") can only resolve against a date newsledger
infers, and a date without a year ("Jan. 27") keeps ``XXXX``.  The gold year is
itself unreliable: the gold dates are all in 2015-2016, and where the text says
"Tuesday, Jan. 27" the gold year's calendar agrees with the weekday only about
half the time (28 of 57 in dev.tsv), while the gold month-day matches a
month-day written in the text for 128 of the 170 articles that write one.  So
the date is scored three ways: ``day`` (the full value equals the gold date),
``month-day`` (MM-DD equal, the year ignored; the fair figure here) and
``month`` (YYYY-MM equal), each over all articles with a gold date, plus the
coverage (share of articles for which a month-day was predicted at all).  For
reference only (not the ledger's reading of an event): how often the article's
first day-level time expression has the gold month-day, and how often the gold
month-day is written in the text at all (an upper bound for text-only systems).
The data is research-only: it is read in place and never copied.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

KILLED_MODES = {"killing", "mass-killing"}
INJURED_MODES = {"injury"}
REAL = {"occurred", "claimed"}
_SINGULAR = re.compile(r"^(?:a|an|one|the|his|her|their)\b|\b(?:man|woman|boy|girl|teen|teenager|child|person|victim|"
                       r"officer|driver|student|father|mother|son|daughter|wife|husband|sister|brother)\b$|"
                       r"^(?:he|she|him|her|himself|herself)$", re.I)
_NAME = re.compile(r"^(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w'’-]+$")  # "Rodney Jones": one named victim

US_STATES = {
    "AL": "alabama", "AK": "alaska", "AZ": "arizona", "AR": "arkansas", "CA": "california", "CO": "colorado",
    "CT": "connecticut", "DE": "delaware", "FL": "florida", "GA": "georgia", "HI": "hawaii", "ID": "idaho",
    "IL": "illinois", "IN": "indiana", "IA": "iowa", "KS": "kansas", "KY": "kentucky", "LA": "louisiana",
    "ME": "maine", "MD": "maryland", "MA": "massachusetts", "MI": "michigan", "MN": "minnesota",
    "MS": "mississippi", "MO": "missouri", "MT": "montana", "NE": "nebraska", "NV": "nevada",
    "NH": "new hampshire", "NJ": "new jersey", "NM": "new mexico", "NY": "new york", "NC": "north carolina",
    "ND": "north dakota", "OH": "ohio", "OK": "oklahoma", "OR": "oregon", "PA": "pennsylvania",
    "RI": "rhode island", "SC": "south carolina", "SD": "south dakota", "TN": "tennessee", "TX": "texas",
    "UT": "utah", "VT": "vermont", "VA": "virginia", "WA": "washington", "WV": "west virginia",
    "WI": "wisconsin", "WY": "wyoming", "DC": "district of columbia",
}


def read_gold(path: Path, limit: int | None) -> list[dict]:
    csv.field_size_limit(sys.maxsize)
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            data = json.loads(row["Json"])
            victims = data.get("victim-section") or []
            status = [str(v.get("victim-was", "")).lower() for v in victims]
            when = data.get("date-and-time") or {}
            city = (when.get("city") or {}).get("value", "") if isinstance(when.get("city"), dict) else ""
            rows.append({
                "id": row["Article id"], "text": row["Full text"],
                "killed": sum(1 for s in status if "killed" in s),
                "injured": sum(1 for s in status if "injured" in s or "hospitalized" in s),
                "city": city.strip(), "state": (when.get("state") or "").strip(),
                "date": _iso_date((when.get("date") or "").strip()),
            })
            if limit and len(rows) >= limit:
                break
    return rows


def predict(result) -> dict:
    """What a ledger user reads off one article's events."""
    places = {p.id: p for p in result.places}

    def count_for(modes: set[str]) -> tuple[int, object]:
        best, first = 0, None
        for event in result.events:
            if event.type != "ASSAULT" or event.mode not in modes or event.modality not in REAL or event.background:
                continue  # background: earlier events and tallies over a period, not this article's incident
            first = first or event
            value = event.count_best
            victim = (event.target_text or "").strip()
            if value is None and victim and (_SINGULAR.search(victim) or _NAME.match(victim)):
                value = 1
            best = max(best, int(value or 0))
        return best, first

    killed, k_event = count_for(KILLED_MODES)
    injured, i_event = count_for(INJURED_MODES)
    for event in result.events:  # the wounded of an attack told with it ("killed three and injured 20")
        if event.type == "ASSAULT" and event.modality in REAL and not event.background \
                and getattr(event, "injured_best", None) is not None:
            injured = max(injured, int(event.injured_best))
            i_event = i_event or event
    event = k_event or i_event
    place = places.get(event.place) if event is not None and event.place else None
    if place is None and result.places:
        place = result.places[0]
    first_day = next((t.value for t in result.times if t.type in ("DATE", "TIME") and _month_day(t.value or "")), "")
    return {"killed": killed, "injured": injured, "place": place.name if place else "",
            "town": _town_of(place),
            "date": event.time_value if event is not None and event.time_value else "",
            "first_day": first_day}


def _town_of(place) -> str:
    """The town the ledger puts a place in: the gazetteer entry its point comes from, when that is a populated
    place ("Pearl Street" located at Philadelphia, precision town, gives "Philadelphia")."""
    if place is None or not place.geonameid or place.precision not in {"exact", "town"}:
        return ""
    from newsledger.geo import load_gazetteer
    entry = load_gazetteer().get(int(place.geonameid))
    return entry.name if entry is not None and entry.feature_class == "P" else ""


def _iso_date(value: str) -> str:
    """ "2016-1-7" → "2016-01-07" (GVDB does not always zero-pad)."""
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value)
    return f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}" if m else value


def _month_day(value: str) -> str | None:
    """The MM-DD of a TIMEX3 day value, whatever its year ("XXXX-01-27" → "01-27")."""
    m = re.match(r"^(?:\d{4}|XXXX)-(\d{2})-(\d{2})", value or "")
    return f"{m[1]}-{m[2]}" if m else None


_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def _month_day_written(gold: str, text: str) -> bool:
    """Whether the gold month and day appear as "Jan. 27" / "January 27" in the text (an upper bound)."""
    md = _month_day(gold)
    if md is None:
        return False
    month, day = int(md[:2]), int(md[3:])
    name = _MONTHS[month - 1]
    return bool(re.search(rf"\b{name}[a-z]*\.?\s+0?{day}(?:st|nd|rd|th)?\b", text, re.I))


def _norm(text: str) -> str:
    return re.sub(r"[^a-z ]", "", text.lower()).strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", type=Path)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--errors", type=int, default=0, help="print this many wrong articles")
    args = parser.parse_args()
    if not args.file.exists():
        print(f"SKIP: {args.file} not found (the GVDB data lives in ../shared/eval/events/gvdb)")
        return 0
    from newsledger.annotate import load_nlp
    from newsledger.pipeline import build_result, prepare
    from newsledger.model import RawArticle

    gold = read_gold(args.file, args.limit)
    nlp = load_nlp()
    raws = [RawArticle(g["id"], g["text"], "text") for g in gold]
    articles = [prepare(r) for r in raws]
    stats = {"killed": 0, "injured": 0, "killed_ae": 0, "injured_ae": 0, "city": 0, "city_n": 0, "state": 0,
             "town": 0,
             "date_day": 0, "date_month": 0, "date_md": 0, "date_md_given": 0, "date_n": 0, "first_md": 0,
             "md_in_text": 0}
    wrong = []
    for g, article, doc in zip(gold, articles, nlp.pipe([a.text for a in articles], batch_size=32)):
        p = predict(build_result(article, doc))
        stats["killed"] += p["killed"] == g["killed"]
        stats["injured"] += p["injured"] == g["injured"]
        stats["killed_ae"] += abs(p["killed"] - g["killed"])
        stats["injured_ae"] += abs(p["injured"] - g["injured"])
        if g["city"]:
            stats["city_n"] += 1
            stats["city"] += _norm(p["place"]) == _norm(g["city"])
            stats["town"] += _norm(p["town"]) == _norm(g["city"]) or _norm(p["place"]) == _norm(g["city"])
        state_code = g["state"].split(" - ")[0].strip()
        state_name = US_STATES.get(state_code, "")
        stats["state"] += bool(state_name) and (_norm(p["place"]) in {state_name, state_code.lower()}
                                                or state_name in _norm(article.text[:2000]))
        if g["date"]:
            stats["date_n"] += 1
            stats["md_in_text"] += _month_day_written(g["date"], article.text)
            stats["date_day"] += p["date"] == g["date"]
            stats["date_month"] += bool(p["date"]) and p["date"][:7] == g["date"][:7]
            md = _month_day(p["date"])
            stats["date_md_given"] += md is not None
            stats["date_md"] += md is not None and md == _month_day(g["date"])
            stats["first_md"] += bool(p["first_day"]) and _month_day(p["first_day"]) == _month_day(g["date"])
        if p["killed"] != g["killed"] or p["injured"] != g["injured"]:
            wrong.append((g, p))
    n = len(gold)
    print(f"GVDB articles: {n}")
    print(f"killed  exact accuracy {stats['killed'] / n:.3f}   MAE {stats['killed_ae'] / n:.3f}")
    print(f"injured exact accuracy {stats['injured'] / n:.3f}   MAE {stats['injured_ae'] / n:.3f}")
    print(f"city accuracy (place of the main event = gold city) {stats['city'] / max(stats['city_n'], 1):.3f}"
          f"  (n={stats['city_n']})")
    print(f"city accuracy (the town the ledger locates that place in = gold city) "
          f"{stats['town'] / max(stats['city_n'], 1):.3f}")
    print(f"state mentioned or given {stats['state'] / n:.3f}")
    dn = max(stats["date_n"], 1)
    print(f"date accuracy day {stats['date_day'] / dn:.3f}  month-day (year ignored) {stats['date_md'] / dn:.3f}"
          f"  month {stats['date_month'] / dn:.3f}  (n={stats['date_n']}; no publication dates given; "
          f"a month-day predicted for {stats['date_md_given'] / dn:.3f})")
    print(f"  reference, not the ledger's reading: the article's first day-level time expression has the gold "
          f"month-day in {stats['first_md'] / dn:.3f}; the gold month-day is written in the text for "
          f"{stats['md_in_text'] / dn:.3f}")
    baseline_k = sum(g["killed"] == 1 for g in gold) / n
    baseline_i = sum(g["injured"] == 0 for g in gold) / n
    print(f"baseline 'always 1 killed' {baseline_k:.3f}; 'always 0 injured' {baseline_i:.3f}")
    for g, p in wrong[:args.errors]:
        print(f"- {g['id']}: gold killed {g['killed']} injured {g['injured']}; got {p['killed']} / {p['injured']}"
              f" place {p['place']!r} date {p['date']!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
