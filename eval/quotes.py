"""Score newsledger's quotes and speakers end to end on PolNeAR (BRAT standoff).

Usage::

    .venv/bin/python eval/quotes.py ../shared/eval/quotes/polnear/train             # held-out part
    .venv/bin/python eval/quotes.py DATASET --part dev --errors 30                    # tuning part, with errors
    .venv/bin/python eval/quotes.py DATASET --part all --textacy                      # textacy side by side

DATASET holds ``text/NAME.txt`` and ``attributions/NAME_<annotator>.ann``.  A
document annotated by several annotators is scored against one of them, the
first annotator id in sorted order.  Gold attributions are the ``E`` lines
(``Attribution`` and ``Attribution-no-source``): Content = the quote, Source =
the speaker (absent for no-source ones); ``Discard``/``Discuss`` spans are
ignored.  Multi-fragment spans (``s e;s e``) keep their fragments.

Split: a document is in ``dev`` when the first hex digit of sha1(file stem)
is below ``a`` (10 of 16 values, about 62%), else in ``test``.  Rules were
tuned on dev only; the default report is ``test`` (held out).

Matching: each system quote (``newsledger.extract.quotes.extract_quotes`` →
speaker spans linked to entities exactly as the pipeline does) is paired one
to one with a gold Content, greedily by the number of shared characters.

* content, overlap: a pair shares at least one character;
* content, exact: identical bounds after trimming whitespace, quote marks,
  final punctuation and a leading "that" on both sides;
* P = matched system quotes / system quotes, R = matched gold contents / gold
  contents, F1.  A gold content annotated in fragments (“A,” she said, “B.”)
  may be met by one system quote per fragment: the extra quotes count as
  matched for precision and speaker accuracy, never twice for recall; for
  exact match a fragment quote must equal its fragment.
* direct vs indirect: a gold content is *direct* when it starts at (or just
  after) an opening quote mark and ends at (or just before) a closing one,
  i.e. the whole content is inside quote marks; everything else (reported
  speech, mixed quotes, beliefs) is *indirect*.  Recall rows split gold by
  that rule; precision rows split system quotes by the system's kind
  (direct, continuation, unattributed vs indirect, mixed).

Speaker accuracy is counted on overlap-matched pairs whose gold attribution
has a Source.  The system speaker is right when (1) its speaker span overlaps
the gold Source span, or (2) the entity it was resolved to has a mention that
overlaps the gold Source span (same entity, another mention: "Mr Zeid" vs
"Zeid Ra'ad Al Hussein"), or (3) its entity name and the gold Source share
their name words (honorifics and "the" removed, one set inside the other).
Gold Sources that are pronouns ("he", "they", "I") have no gold referent in
PolNeAR; they are reported separately and count as right only by rule (1),
i.e. the system picked the same speaker mention, or, for a relative pronoun
("X, who said …"), when the system speaker ends at most 3 characters before
it (its antecedent, the referent a reader gives it).

Parsed documents are cached (DocBin) in ``--cache`` so reruns take seconds.
The data is research-only and read in place; a missing folder is skipped with
a message and the script exits 0.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import time
import warnings
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
warnings.filterwarnings("ignore", category=FutureWarning)

_OPEN = "“\"‘«„'"
_CLOSE = "”\"’»“'"
_PRONOUNS = {"i", "we", "he", "she", "they", "you", "it", "me", "us", "him", "her", "them", "one", "who",
             "which", "that", "this", "these", "those", "some", "many", "others", "someone", "everyone"}
_HONORIFICS = {"mr", "mrs", "ms", "dr", "sen", "senator", "rep", "gov", "governor", "president", "the",
               "former", "secretary", "presidential", "candidate", "gop", "democratic", "republican"}


@dataclass
class Gold:
    content: list[tuple[int, int]]
    source: list[tuple[int, int]] | None
    direct: bool
    text: str
    source_text: str | None


@dataclass
class SysQuote:
    start: int
    end: int
    kind: str
    speaker_span: tuple[int, int] | None
    speaker_name: str | None
    entity_spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Tally:
    gold: Counter = field(default_factory=Counter)  # group -> gold count
    system: Counter = field(default_factory=Counter)
    overlap: Counter = field(default_factory=Counter)  # group -> matched gold
    overlap_sys: Counter = field(default_factory=Counter)  # group -> matched system (by system kind)
    exact: Counter = field(default_factory=Counter)
    exact_sys: Counter = field(default_factory=Counter)
    spk_total: Counter = field(default_factory=Counter)
    spk_right: Counter = field(default_factory=Counter)
    errors: list = field(default_factory=list)


def in_dev(stem: str) -> bool:
    """The deterministic dev/test split: dev when sha1(stem) starts with 0-9."""
    return hashlib.sha1(stem.encode()).hexdigest()[0] in "0123456789"


def _spans(field_text: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in (frag.split() for frag in field_text.split(";"))]


def _is_direct(text: str, frags: list[tuple[int, int]]) -> bool:
    start, end = frags[0][0], frags[-1][1]
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    opens = text[start] in _OPEN or (start > 0 and text[start - 1] in _OPEN)
    tail = text[max(start, end - 2):min(len(text), end + 2)]
    return opens and any(c in _CLOSE for c in tail) and end - start > 3


def read_gold(ann: Path, text: str) -> list[Gold]:
    """Gold attributions of one BRAT file."""
    spans: dict[str, list[tuple[int, int]]] = {}
    events = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            try:
                spans[parts[0]] = _spans(offsets)
            except ValueError:
                continue
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
    gold = []
    for event in events:
        content = spans.get(event.get("Content", ""))
        if not content:
            continue
        content = sorted(content + spans.get(event.get("Content2", ""), []))
        source = spans.get(event.get("Source", ""))
        gold.append(Gold(content, source, _is_direct(text, content),
                         " … ".join(text[s:e] for s, e in content),
                         " … ".join(text[s:e] for s, e in source) if source else None))
    return gold


def load_dataset(folder: Path) -> list[tuple[str, str, list[Gold]]]:
    """(stem, text, gold) for every text with an annotation file; first annotator when several."""
    by_stem: dict[str, list[Path]] = defaultdict(list)
    for ann in sorted((folder / "attributions").glob("*.ann")):
        stem = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)
        by_stem[stem].append(ann)
    docs = []
    for txt in sorted((folder / "text").glob("*.txt")):
        anns = by_stem.get(txt.stem)
        if not anns:
            continue
        text = txt.read_text(encoding="utf-8")
        docs.append((txt.stem, text, read_gold(sorted(anns)[0], text)))
    return docs


def parse_all(texts: list[str], cache: Path):
    """spaCy Docs for ``texts``, parsed once and cached as DocBin files keyed by text and model."""
    import spacy
    from spacy.tokens import DocBin

    from newsledger.annotate import load_nlp

    nlp = load_nlp()
    key = f"{nlp.meta.get('name')}-{nlp.meta.get('version')}-{spacy.__version__}"
    cache.mkdir(parents=True, exist_ok=True)
    paths = [cache / f"{hashlib.sha1((key + t).encode()).hexdigest()}.spacy" for t in texts]
    todo = [i for i, p in enumerate(paths) if not p.exists()]
    if todo:
        print(f"parsing {len(todo)} documents (cached in {cache}) …", file=sys.stderr, flush=True)
        for i, doc in zip(todo, nlp.pipe((texts[i] for i in todo), batch_size=16)):
            DocBin(docs=[doc]).to_disk(paths[i])
    return [next(iter(DocBin().from_disk(p).get_docs(nlp.vocab))) for p in paths]


def run_newsledger(doc) -> list[SysQuote]:
    """Quotes with speakers linked to entities, as ``pipeline.build_result`` does."""
    from newsledger.extract.entities import extract_mentions
    from newsledger.extract.quotes import extract_quotes
    from newsledger.link import EntityIndex, link_mentions
    from newsledger.pipeline import _link_quotes  # the pipeline's own linking step

    entities = link_mentions(extract_mentions(doc))
    index = EntityIndex(entities)
    out = []
    for quote in _link_quotes(doc, index, extract_quotes(doc)):
        entity = index.get(quote.speaker)  # Quote.speaker is the entity id, speaker_text its name
        span = (quote.speaker_start, quote.speaker_end) if quote.speaker_start is not None else None
        out.append(SysQuote(quote.start, quote.end, quote.kind, span, quote.speaker_text,
                            [(m.start, m.end) for m in entity.mentions] if entity else []))
    return out


def run_textacy(doc) -> list[SysQuote]:
    """textacy's direct-quotation triples (speaker tokens, cue, content)."""
    from textacy.extract.triples import direct_quotations

    out = []
    try:
        triples = list(direct_quotations(doc))
    except Exception:  # textacy raises on some unbalanced quote marks
        return out
    for speaker, _cue, content in triples:
        start, end = content.start_char, content.end_char
        span = (min(t.idx for t in speaker), max(t.idx + len(t) for t in speaker)) if speaker else None
        name = " ".join(t.text for t in speaker) if speaker else None
        out.append(SysQuote(start, end, "direct", span, name))
    return out


def _overlap(a: tuple[int, int], frags: list[tuple[int, int]]) -> int:
    return sum(max(0, min(a[1], e) - max(a[0], s)) for s, e in frags)


_TRIM = " \t\n“”\"‘’'«».,;:!?—–-"


def _norm_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    if text[start:start + 5].lower() == "that ":
        start += 5
    return start, end


def _name_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower().replace("’s", "").replace("'s", ""))
            if w not in _HONORIFICS}


def speaker_right(quote: SysQuote, gold: Gold) -> bool:
    """The documented speaker rule (see the module docstring)."""
    assert gold.source is not None
    if quote.speaker_span and _overlap(quote.speaker_span, gold.source) > 0:
        return True
    if is_pronoun(gold):
        # A relative pronoun's referent is the phrase it follows: "Gov. Martin O'Malley, who said …".
        if quote.speaker_span and gold.source_text.strip().lower() in {"who", "which", "that"}:
            gap = gold.source[0][0] - quote.speaker_span[1]
            return 0 <= gap <= 3
        return False
    if any(_overlap(m, gold.source) > 0 for m in quote.entity_spans):
        return True
    if quote.speaker_name and gold.source_text:
        mine, theirs = _name_words(quote.speaker_name), _name_words(gold.source_text)
        return bool(mine and theirs) and (mine <= theirs or theirs <= mine)
    return False


def is_pronoun(gold: Gold) -> bool:
    return bool(gold.source_text) and gold.source_text.strip().lower() in _PRONOUNS


def score_doc(text: str, gold: list[Gold], system: list[SysQuote], tally: Tally, name: str) -> None:
    """Add one document's counts to ``tally``."""
    def group_of_sys(q: SysQuote) -> str:
        return "direct" if q.kind in {"direct", "continuation", "unattributed"} else "indirect"  # mixed too

    for g in gold:
        tally.gold["all"] += 1
        tally.gold["direct" if g.direct else "indirect"] += 1
    for q in system:
        tally.system["all"] += 1
        tally.system[group_of_sys(q)] += 1
    pairs = sorted(((_overlap((q.start, q.end), g.content), i, j) for i, q in enumerate(system)
                    for j, g in enumerate(gold)), reverse=True)
    used_s, used_g = set(), set()
    matched = []
    for shared, i, j in pairs:
        if shared <= 0:
            break
        if i in used_s or j in used_g:
            continue
        used_s.add(i)
        used_g.add(j)
        matched.append((system[i], gold[j]))
    # A gold content in fragments (“A,” she said, “B.”) may be met by one system quote per fragment:
    # the extra quotes count as correct for precision and speaker, not again for recall.
    fragment_hits = []
    taken = defaultdict(set)
    for q, g in matched:
        taken[id(g)] |= {k for k, frag in enumerate(g.content) if _overlap((q.start, q.end), [frag])}
    for i, q in enumerate(system):
        if i in used_s:
            continue
        for g in gold:
            if len(g.content) < 2 or id(g) not in taken:
                continue
            frags = {k for k, frag in enumerate(g.content) if _overlap((q.start, q.end), [frag])}
            if frags and not frags & taken[id(g)]:
                taken[id(g)] |= frags
                used_s.add(i)
                fragment_hits.append((q, g))
                break
    for number, (q, g) in enumerate(matched + fragment_hits):
        group = "direct" if g.direct else "indirect"
        bounds = _norm_bounds(text, q.start, q.end)
        exact = (bounds == _norm_bounds(text, g.content[0][0], g.content[-1][1])
                 or (len(g.content) > 1 and any(bounds == _norm_bounds(text, *f) for f in g.content)))
        if number < len(matched):
            for key in ("all", group):
                tally.overlap[key] += 1
                tally.exact[key] += exact
        for key in ("all", group_of_sys(q)):
            tally.overlap_sys[key] += 1
            tally.exact_sys[key] += exact
        if g.source is None:
            continue
        right = speaker_right(q, g)
        for key in ("all", group, "pronoun source" if is_pronoun(g) else "named source"):
            tally.spk_total[key] += 1
            tally.spk_right[key] += right
        if not right:
            tally.errors.append(("speaker", name, g.text[:120], g.source_text, q.speaker_name))
    for j, g in enumerate(gold):
        if j not in used_g:
            tally.errors.append(("missed " + ("direct" if g.direct else "indirect"), name, g.text[:160],
                                 g.source_text, None))
    for i, q in enumerate(system):
        if i not in used_s:
            tally.errors.append(("spurious " + q.kind, name, text[q.start:q.end][:160], None, q.speaker_name))


def _prf(tp_sys: int, n_sys: int, tp_gold: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_sys / n_sys if n_sys else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def report(title: str, tally: Tally) -> None:
    print(f"\n{title}")
    print(f"  {'group':10} {'gold':>6} {'sys':>6} | {'overlap P':>9} {'R':>6} {'F1':>6} | "
          f"{'exact P':>7} {'R':>6} {'F1':>6} | speaker acc (n)")
    for group in ("all", "direct", "indirect"):
        po, ro, fo = _prf(tally.overlap_sys[group], tally.system[group], tally.overlap[group], tally.gold[group])
        pe, re_, fe = _prf(tally.exact_sys[group], tally.system[group], tally.exact[group], tally.gold[group])
        n = tally.spk_total[group]
        acc = tally.spk_right[group] / n if n else 0.0
        print(f"  {group:10} {tally.gold[group]:6} {tally.system[group]:6} | {po:9.3f} {ro:6.3f} {fo:6.3f} | "
              f"{pe:7.3f} {re_:6.3f} {fe:6.3f} | {acc:.3f} ({n})")
    for group in ("named source", "pronoun source"):
        n = tally.spk_total[group]
        if n:
            print(f"  speaker accuracy, {group}: {tally.spk_right[group] / n:.3f} ({n})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dataset", help="folder with text/ and attributions/ (PolNeAR BRAT layout)")
    parser.add_argument("--part", choices=["dev", "test", "all"], default="test",
                        help="dev = tuning part, test = held-out part (default), all = both")
    parser.add_argument("--textacy", action="store_true", help="also score textacy's direct_quotations")
    parser.add_argument("--errors", type=int, default=0, help="print this many errors of each category")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N documents of the part")
    parser.add_argument("--cache", default=str(Path.home() / ".cache" / "newsledger" / "eval-quotes"),
                        help="where parsed documents are cached")
    args = parser.parse_args()
    folder = Path(args.dataset)
    if not (folder / "text").is_dir() or not (folder / "attributions").is_dir():
        print(f"{folder}: no text/ and attributions/ folders; quotes evaluation skipped.")
        return 0
    docs = [d for d in load_dataset(folder)
            if args.part == "all" or (args.part == "dev") == in_dev(d[0])]
    if args.limit:
        docs = docs[:args.limit]
    parsed = parse_all([d[1] for d in docs], Path(args.cache))
    systems = [("newsledger", run_newsledger)]
    if args.textacy:
        try:
            import textacy  # noqa: F401
            systems.append(("textacy direct_quotations", run_textacy))
        except ImportError:
            print("textacy is not installed (`.venv/bin/pip install textacy`); skipped.")
    for label, run in systems:
        tally = Tally()
        started = time.perf_counter()
        for (stem, text, gold), doc in zip(docs, parsed):
            score_doc(text, gold, run(doc), tally, stem)
        seconds = time.perf_counter() - started
        report(f"{label} on {folder} [{args.part}: {len(docs)} documents, "
               f"{seconds / max(1, len(docs)) * 1000:.1f} ms/doc extraction]", tally)
        if args.errors:
            by_kind: dict[str, list] = defaultdict(list)
            for error in tally.errors:
                by_kind[error[0]].append(error)
            for kind, errors in sorted(by_kind.items()):
                print(f"\n  -- {kind}: {len(errors)}")
                for _, name, content, gold_source, sys_speaker in errors[:args.errors]:
                    print(f"     [{name[:30]}] {content!r} gold={gold_source!r} sys={sys_speaker!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
