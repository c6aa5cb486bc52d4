"""Counts: cardinal expressions parsed into min/best/max, what they count and who claims them.

A *count* is a number of discrete, countable things named (or clearly implied)
in the text: people, groups, objects, events, jobs, shares.  Every count keeps
the character span of the expression (modifiers included, "MORE than 30"), of
the noun it counts (``what``) and of the claimant (``claimed_by_text``).

Values (``min``, ``best``, ``max``; ``None`` means "not stated")
-------------------------------------------------------------------
================================  ===========================  ==========================
expression                        (min, best, max)             note
================================  ===========================  ==========================
"1,700", "1700", "forty"          (N, N, N)                    exact
"two hundred", "1.5 million"      (200, 200, 200), (1.5e6, …)  written numbers, mln/bn
"a dozen", "two dozen"            (12, 12, 12), (24, 24, 24)
"half a dozen", "a half-dozen"    (6, 6, 6)
"two-and-a-half million"          (2.5e6, 2.5e6, 2.5e6)        spaces or hyphens
"a total of 19", "another 20"     (N, N, N)                    neutral modifiers
"more than 30", "over 30"         (31, 31, None)               best = the lowest value
                                                               the text allows (ACLED's
                                                               conservative convention)
"at least 30", "no fewer than"    (30, 30, None)
"up to 1,700", "as many as"       (None, None, 1700)           no best: only a ceiling
"fewer than 30", "under 30"       (None, None, 29)
"nearly 50", "almost 50"          (None, 50, 50)               max = N, not N-1: news
                                                               figures are rounded
"about/around/some/roughly 300"   (None, 300, None)            no margin is invented
"an estimated 300"                (None, 300, None)
"30 to 40", "30-40", "30 or 40"   (30, 30, 40)                 ranges: best = the lower
"between 30 and 40"               (30, 30, 40)                 bound (conservative)
"from 48 to 100 people"           48 and 100                   a change, two counts
"dozens"                          (12, 12, None)               ACLED: dozens = 12
"scores"                          (20, 20, None)
"hundreds" / "thousands"          (100, 100, None) / (1000, …)
"millions"                        (1e6, 1e6, None)
"tens of thousands"               (10000, 10000, None)
"hundreds of thousands"           (100000, 100000, None)
"several/a few hundred"           (200, 200, None)             2 x the unit, conservative
================================  ===========================  ==========================

"more than" on a non-integer ("more than 1.5 million") adds 1 to the
expanded integer (1,500,001).

Not counts (nothing is returned)
--------------------------------
* years and dates ("in 2014", "March 5", "January one"), times ("10:30",
  "0400 gmt"), durations ("two years", "a three-week strike", "Nine mths");
* phone numbers and codes (digit groups in a row, leading zeros), and
  numbers that are dialled ("called 911");
* ages ("aged 25", "25-year-old", "Darius Keaton, 63,");
* ordinals ("third", "1st") and fractions ("one third", "1-1/2");
* percentages, money ("$5", "11,000 dlrs", "two billion dlr suit"),
  measurements with units (tonnes, barrels, bags, km, degrees, points, bpd)
  and rates ("0.02 parts per billion");
* numbers that are part of a name ("Camp 22", "Resolution 2254",
  "Group of Five", "Karbala-8", "G-7") and number-hyphen-word adjectives
  ("two-tiered", "18-month", "a 1,000-strong team");
* scores and tallies ("a 6-3 decision", "the 227 to 198 vote": a descending
  "range"), result tables ("7,933,000 vs 8,553,000");
* "one" except as a numeral modifier of a noun ("one man", "one Malay"),
  before a numbered group ("one of two crewmen"), or as the bare subject or
  object of a verb about people ("shot one", "One died"); "one of the
  largest", "the one thing", "no one" and other pronoun uses ("one could
  argue") are not counts;
* a bare number with no noun is a count only as the subject or object of a
  verb ("injured 20", "the four arrested", "six killed"), not as the object
  of a change verb ("the index rose three"); a bare "150 mln" / "Two billion"
  is money unless its verb is about people ("1.5 million were displaced").

``DATE``-labelled numbers still count when the syntax says so: a number that
is the ``nummod`` of a plural, non-time noun ("the murder of 1700 soldiers").
Four-digit numbers from 1900 to 2099 written without a comma and labelled
``DATE`` or written after a month ("January 23, 2016") are years ("cut 1986
exports"); so are year-like numbers after a determiner ("its 1987 sales").
A bare number that a verb about people governs counts even when it is
labelled ``DATE`` ("kills 8").  A capitalised number word inside a sentence
is a name ("the Big Three") unless it opens a clause after a dateline
("Algiers Two caches …"), a title separator ("| Two people …", "-- Two …")
or is glued to the previous word by a title run into the text ("NewsTwo
possible gunmen").  A singular measure word compounded into a plural object
noun that a small number modifies is part of the noun ("two barrel bombs").
A count expression never crosses a line break (the annotator makes every line
break a sentence boundary).

What is counted
---------------
The head noun the number modifies (``nummod``), with its noun compounds
("death sentences", "mass graves", "car assembly plants"; adjectives such as
"Shiite" and proper-noun compounds such as "ISIS" in "ISIS soldiers" are left
out, but "36 ISIS fanatics" keeps "ISIS" when the parser makes it a noun);
for "N of the X" groups the noun of the ``of`` phrase ("36 of the 40
soldiers": both 36 and 40 count soldiers; "thousands of farmers"); for "the
number of X ... totaled / remains at N" the X.  A bare number that is the
subject or object of a verb ("injured 20", "the four arrested") is a count
with ``what`` None; so is a pronoun group ("eight of them").  When the parser
misattaches a numeral ("a supertanker and four Iranian oil sites") the plural
noun right after it is taken.

Who claims it
-------------
The subject of the nearest reporting verb (say, claim, report, reveal,
announce, tell, estimate, …) whose complement contains the count: "The UN
revealed that … 45 death sentences" -> "The UN"; "…, union leaders said." ->
"union leaders"; "X was quoted as saying" -> X; "X protested, saying …" -> X;
"according to X" -> X.  A relative-pronoun subject is replaced by its
antecedent ("the ruling that said …" -> "the ruling").  A clause-final
"…, police and residents said Monday." is claimed by the phrase after the
last comma even when the parser hung it elsewhere.  A negated or declined
reporting verb ("would not say", "declined to say") claims nothing.  A count
inside the subject of the reporting verb ("The two contractors said …") or in
plain narration has no claimant.  ``claimed_by`` (the entity id) is left None: the
pipeline maps the span onto entities later.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..model import Count
from ..annotate import sentences, doc_text
from ._time_grammar import _FOLDS, _first_guard

__all__ = ["extract_counts", "parse_count"]

# --------------------------------------------------------------------------
# Number grammar (shared by parse_count and the extractor)
# --------------------------------------------------------------------------

_ONES = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_SCALES = {"thousand": 1e3, "million": 1e6, "mln": 1e6, "billion": 1e9, "bln": 1e9, "bn": 1e9,
           "trillion": 1e12}
_VAGUE = {"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000, "millions": 1e6, "billions": 1e9}

def _alternatives(alts: list[str]) -> str:
    """``(?:a1|a2|…)`` for alternatives that each start with a plain letter, grouped under that letter.

    Python's matcher tries each alternative of a case-insensitive group in turn, and the count grammar is
    tried at every word of a sentence; grouped behind a case-sensitive class of every character that
    matches the first letter case-insensitively, only the alternatives of the right letter are tried.
    Alternatives keep their order within a letter and two of different letters never match at the same
    place, so a pattern matches exactly as with the plain ``a1|a2|…``.
    """
    groups: dict[str, list[str]] = {}
    for alt in alts:
        head = alt[:1]
        if not (head.isascii() and head.isalpha()):
            raise ValueError(f"alternative {alt!r} does not start with a letter")
        groups.setdefault(head.lower(), []).append(alt[1:])
    return "(?:" + "|".join(f"(?-i:[{c}{c.upper()}{_FOLDS.get(c, '')}])(?:{'|'.join(rests)})"
                            for c, rests in groups.items()) + ")"


def _guarded(fragment: str) -> str:
    """``fragment`` behind a zero-width check of the characters its matches can start with, so the matcher
    leaves it at once elsewhere (see ``_time_grammar._first_guard``); it matches exactly as before."""
    guard = _first_guard(re.compile(fragment, re.I))
    return f"(?:{guard}{fragment})" if guard else fragment


_ONES_RE = _alternatives(list(_ONES))
_TEENS_RE = _alternatives(list(_TEENS))
_TENS_RE = _alternatives(list(_TENS))
_SMALL = rf"(?:(?:{_TENS_RE})(?:(?:[^\S\n]|-)(?:{_ONES_RE}))?|{_TEENS_RE}|{_ONES_RE})\b"
_HUND = _guarded(rf"(?:(?:{_SMALL}|a|one)[^\S\n]+hundred\b(?:[^\S\n]+(?:and[^\S\n]+)?{_SMALL})?|{_SMALL})")
_SCALE_RE = r"(?:thousand|million|mln|billion|bln|bn|trillion)\b"
_SEP = r"(?:[^\S\n]+|[^\S\n]*-[^\S\n]*)"  # a space or a hyphen: "two and a half", "two-and-a-half"
_WORDNUM = _guarded(rf"(?:(?:a{_SEP})?half(?:{_SEP}a)?{_SEP}dozen\b"  # "half a dozen", "a half-dozen"
            rf"|{_HUND}{_SEP}and{_SEP}a{_SEP}half{_SEP}{_SCALE_RE}"  # "two-and-a-half-million"
            rf"|half[^\S\n]+a[^\S\n]+(?:million|billion)\b|a[^\S\n]+(?:dozen|hundred|thousand|million|billion)\b"
            rf"|{_HUND}(?:[^\S\n]+dozen\b|(?:[^\S\n]|-)+{_SCALE_RE}(?:[^\S\n]+(?:and[^\S\n]+)?{_HUND})?)?)")
_DIGITS = r"(?<![\w.,/:$£€¥#])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w/:%]|[.,]\d)"
_DIGITNUM = rf"{_DIGITS}(?:[^\S\n]*(?:hundred\b|{_SCALE_RE}))?"
_WS = r"[^\S\n]+"
_VAGUE_RE = (_alternatives(["tens", "hundreds", "thousands"]) + rf"{_WS}of{_WS}(?:thousands|millions|billions)\b"
             + "|" + _alternatives(["several", f"a{_WS}few", f"a{_WS}couple{_WS}of"])
             + rf"{_WS}(?:dozen|hundred|thousand|million)\b"
             + "|" + _alternatives(["dozens", "scores", "hundreds", "thousands", "millions", "billions"]) + r"\b")

# a capitalised number word glued to a lower-case letter starts a new word: a title run into the text ("NewsTwo men")
_CAP_WORDS = "One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|Twelve|Dozens|Scores|Hundreds|Thousands"
_GLUED = rf"(?-i:(?<=[a-z])(?=(?:{_CAP_WORDS})\b))"
_NUM = _guarded(rf"(?:{_DIGITNUM}|{_VAGUE_RE}|(?:(?<![\w-])|{_GLUED}){_WORDNUM})")
_RANGE = (rf"(?:between[^\S\n]+(?P<b1>{_NUM})[^\S\n]+and[^\S\n]+(?P<b2>{_NUM})"
          rf"|(?P<r1>{_NUM})[^\S\n]*(?:-|–|—|\bto\b|\bor\b)[^\S\n]*(?P<r2>{_NUM}))")

_MOD_CLASSES = {
    "gt": ["more than", "over", "above", "upwards of", "in excess of", "just over", "well over"],
    "ge": ["at least", "no fewer than", "no less than", "not less than", "a minimum of", "a minimum"],
    "le": ["up to", "as many as", "at most", "no more than", "not more than", "a maximum of"],
    "lt": ["fewer than", "less than", "under", "below", "just under"],
    "near": ["nearly", "almost", "close to", "just short of", "approaching"],
    "approx": ["some", "about", "around", "roughly", "approximately", "an estimated", "estimated", "approx.",
               "an approximate", "circa", "perhaps", "possibly"],
    "neutral": ["a total of", "a further", "another", "an additional", "only", "just", "all", "the"],
}
_MOD_OF = {m: cls for cls, mods in _MOD_CLASSES.items() for m in mods}
_MOD_WORD = _alternatives([re.escape(m).replace(r"\ ", r"[^\S\n]+") for m in sorted(_MOD_OF, key=len, reverse=True)])
_MODS = rf"(?:(?:{_MOD_WORD})[^\S\n]+)*"

_TRIGGER = re.compile(rf"\d|{_GLUED}|\b(?:{_ONES_RE}|{_TEENS_RE}|{_TENS_RE}|dozens?|scores|hundreds?|thousands?|"
                      rf"millions?|"
                      rf"billions?|tens)\b", re.I)
_EXPR = re.compile(_guarded(rf"(?P<mod>(?:\b|{_GLUED}){_MODS})(?P<num>{_RANGE}|(?P<single>{_NUM}))"), re.I)
_EXPR_FULL = re.compile(rf"\s*(?P<mod>{_MODS})(?P<num>{_RANGE}|(?P<single>{_NUM}))\s*", re.I)

# --------------------------------------------------------------------------
# Vocabulary of non-count contexts
# --------------------------------------------------------------------------

_TIME_UNITS = {
    "year", "years", "yr", "yrs", "month", "months", "week", "weeks", "day", "days", "hour", "hours", "hr", "hrs",
    "minute", "minutes", "min", "mins", "second", "seconds", "decade", "decades", "century", "centuries",
    "night", "nights", "quarter", "quarters", "semester", "term", "terms", "fortnight", "fortnights",
    "am", "pm", "a.m.", "p.m.", "gmt", "edt", "est", "bst", "cet", "utc", "o'clock", "millennium", "season",
    "seasons", "morning", "mornings", "evening", "evenings", "weekend", "weekends", "mths", "mth", "mos", "qtr",
    "qtrs", "wks", "wk", "secs", "sec",
}
_MONEY_UNITS = {
    "dlrs", "dlr", "dollars", "dollar", "cts", "ct", "cents", "cent", "yen", "marks", "mark", "stg", "sterling",
    "pounds", "pound", "francs", "franc", "guilders", "guilder", "lire", "lira", "pesos", "peso", "rupees", "rupee",
    "taka", "pence", "penny", "pennies", "euros", "euro", "riyals", "riyal", "rands", "rand", "dinars", "dinar",
    "yuan", "renminbi", "won", "roubles", "rubles", "rouble", "ruble", "crowns", "kronor", "kroner", "krona",
    "krone", "schillings", "shekels", "baht", "ringgit", "cruzados", "cruzado", "cruzeiros", "australs",
    "escudos", "drachmas", "pesetas", "rupiah", "naira", "shillings", "cedis", "zlotys", "forints", "bolivars",
    "sucres", "intis", "kwacha", "usd", "eur", "gbp", "ecus", "ecu", "pfennigs", "pfennig", "centavos", "centimes",
    "kopecks", "kopeks", "fils", "paise", "satang", "sen", "halalas", "piastres", "piasters", "shekel", "zloty",
    "bucks", "grand", "quid", "lakh", "crore", "dirhams", "afghanis", "pkr", "inr",
}
_MEASURE_UNITS = {
    "pct", "percent", "per", "%", "percentage", "points", "point", "basis", "bps", "degrees", "degree",
    "tonnes", "tonne", "tons", "ton", "kilos", "kilo", "kilograms", "kilogram", "kg", "kgs", "grams", "gram", "g",
    "lbs", "lb", "ounces", "ounce", "oz", "barrels", "barrel", "bbl", "bpd", "b/d", "bags", "bag", "bales", "bale",
    "bushels", "bushel", "litres", "liters", "litre", "liter", "gallons", "gallon", "cubic", "metres", "meters",
    "metre", "meter", "m", "km", "kms", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile",
    "feet", "foot", "ft", "inches", "inch", "yards", "yard", "acres", "acre", "hectares", "hectare", "ha",
    "sq", "square", "mm", "cm", "millimetres", "centimetres", "mw", "megawatts", "megawatt", "kw", "kwh", "gw",
    "volts", "watts", "calories", "carats", "deadweight", "dwt", "grt", "teu", "teus", "mph", "kph", "knots",
    "hertz", "mb", "gb", "tb", "kb", "bytes", "magnitude", "richter", "fold", "times", "mcf", "bcf", "tcf",
    "cwt", "quintals", "arrobas", "arroba", "piculs", "mmbtu", "btu", "decibels", "celsius", "fahrenheit",
    "sacks", "cartons", "crates", "boxes", "units", "storey", "storeys", "stories", "floors",
}
_FRACTION_WORDS = {"half", "halves", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "tenth", "tenths"}
_NON_COUNT_NEXT = _TIME_UNITS | _MONEY_UNITS | _MEASURE_UNITS | _FRACTION_WORDS | {"old", "aged", "year-old"}
_NAME_NOUNS = {
    "no", "no.", "nos", "number", "page", "pages", "article", "articles", "resolution", "section", "chapter",
    "room", "flight", "route", "highway", "camp", "item", "gate", "block", "ward", "district", "platform",
    "level", "grade", "phase", "line", "channel", "model", "version", "paragraph", "para", "clause", "row",
    "lot", "box", "code", "building", "brigade", "regiment", "battalion", "division", "zone", "sector",
    "region", "act", "bill", "law", "rule", "protocol", "annex", "figure", "table", "step", "stage", "series",
    "class", "type", "mark", "apollo", "boeing", "airbus", "unit", "station", "terminal", "lane", "street",
    "avenue", "road", "hall", "ward", "bus", "train", "car", "tower", "wing", "cell", "block", "pier", "berth",
    "group", "tier", "category", "level", "size", "ps", "pm", "lot", "batch", "ticket", "case", "file",
}
_COLLECTIVE = {"police", "personnel", "staff", "people", "cattle", "livestock", "crew", "militia", "infantry",
               "youth", "clergy", "folk", "troops", "sheep", "fish", "deer", "aircraft", "offspring", "poultry",
               "head", "faithful", "military", "army", "force", "seamen", "men", "women", "children"}
_REPORT_VERBS = {
    "say", "tell", "claim", "report", "announce", "reveal", "state", "add", "confirm", "estimate", "declare",
    "insist", "allege", "assert", "write", "note", "explain", "warn", "disclose", "acknowledge", "admit", "deny",
    "believe", "argue", "indicate", "suggest", "predict", "forecast", "quote", "testify", "stress", "maintain",
    "contend", "complain", "boast", "tweet", "post", "affirm", "mention", "concede", "recount", "charge",
    "accuse", "show", "calculate", "count", "put", "record", "document", "list", "tally", "verify", "publish",
}
# verbs whose bare-number object is a change in a measure ("the index rose three"), not a count
_CHANGE_VERBS = {"rise", "fall", "gain", "lose", "climb", "drop", "decline", "add", "increase", "decrease", "jump",
                 "slip", "ease", "edge", "shed", "firm", "soar", "plunge", "tumble", "slide", "advance", "retreat",
                 "open", "close", "trade", "stand", "end", "finish", "total", "average", "reach", "cost", "pay",
                 "raise", "spend", "borrow", "lend", "owe", "invest", "earn", "value", "price", "bid", "fetch"}
# verbs whose bare subject/object is (nearly always) people: "1.5 million were displaced"
_PEOPLE_VERBS = {"kill", "die", "wound", "injure", "hurt", "arrest", "detain", "displace", "flee", "evacuate",
                 "rescue", "drown", "perish", "execute", "hang", "sentence", "jail", "free", "release", "kidnap",
                 "abduct", "march", "protest", "rally", "strike", "demonstrate", "gather", "riot", "employ",
                 "lay", "fire", "dismiss", "hire", "attend", "vote", "sign", "join", "leave", "emigrate",
                 "migrate", "starve", "survive", "miss", "hospitalize", "hospitalise", "treat", "infect",
                 "shoot", "behead", "torture", "convict", "charge", "deport", "expel", "return", "resettle"}
_CLAIM_EDGES = {"ccomp", "xcomp", "parataxis", "dobj", "advcl", "oprd", "attr"}
_YEARLIKE = re.compile(r"^(1[5-9]\d\d|20\d\d)$")
_MONTHS = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
           r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_MONTH_BEFORE = re.compile(rf"(?i)\b{_MONTHS}\.?(?:[^\S\n]+\d{{1,2}}(?:st|nd|rd|th)?)?,?[^\S\n]*\Z")
_MONTH_NEAR = re.compile(rf"(?i)\b{_MONTHS}\b")
# punctuation after which a capitalised number word opens a clause ('"Two …', "(Three …", "| Two people …")
_CLAUSE_OPENERS = ('"', "“", "'", "‘", "(", ":", "-", "—", "–", "--", "|", "\n")
_PHONE = re.compile(_guarded(r"(?:\+\d{1,3}[\s.-]?)?\(?\d{2,5}\)?[\s.-]\d{2,5}(?:[\s.-]\d{2,5})+"))


# --------------------------------------------------------------------------
# parse_count
# --------------------------------------------------------------------------

def _words_value(text: str) -> float | None:
    """Value of a written number ("two hundred and five", "1.5 million", "a dozen")."""
    words = re.split(r"[\s-]+", text.lower().replace(",", ""))
    if words and words[-1] == "dozen" and "half" in words:
        return 6.0 if words in (["half", "a", "dozen"], ["a", "half", "dozen"], ["half", "dozen"]) else None
    if len(words) > 4 and words[-4:-1] == ["and", "a", "half"] and words[-1] in _SCALES:
        head = _words_value(" ".join(words[:-4]))  # "two and a half million" = 2.5 million
        return None if head is None else float(round((head + 0.5) * _SCALES[words[-1]], 6))
    total = 0.0
    current = 0.0
    seen = False
    half = False
    for w in words:
        if not w or w == "and":
            continue
        if w == "a":
            if not seen:
                current = max(current, 1.0)
                seen = True
            continue
        if w == "half":
            half = True
            seen = True
            continue
        if re.fullmatch(r"\d+(?:\.\d+)?", w):
            current += float(w)
        elif w in _ONES:
            current += _ONES[w]
        elif w in _TEENS:
            current += _TEENS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "hundred":
            current = (current or 1.0) * 100
        elif w == "dozen":
            current = (current or 1.0) * 12
        elif w in _SCALES:
            total += (current or 1.0) * (0.5 if half else 1.0) * _SCALES[w]
            current = 0.0
            half = False
        else:
            return None
        seen = True
    if not seen:
        return None
    value = total + current
    return float(round(value, 6))


def _num_value(text: str) -> tuple[float, float | None, float | None] | None:
    """(value, is_vague) of one number: exact value or the conservative minimum of a vague plural."""
    t = re.sub(r"\s+", " ", text.strip().lower())
    m = re.fullmatch(r"(?:tens|hundreds|thousands) of (thousands|millions|billions)", t)
    if m:
        base = {"tens": 10, "hundreds": 100, "thousands": 1000}[t.split()[0]]
        v = base * _VAGUE[m.group(1)]
        return (v, v, None)
    m = re.fullmatch(r"(?:several|a few|a couple of) (dozen|hundred|thousand|million)", t)
    if m:
        v = 2 * {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1e6}[m.group(1)]
        return (v, v, None)
    if t in _VAGUE:
        v = float(_VAGUE[t])
        return (v, v, None)
    value = _words_value(t)
    if value is None:
        return None
    return (value, value, value)


def _apply_modifier(mod: str, base: tuple[float | None, float | None, float | None], exact: bool
                    ) -> tuple[float | None, float | None, float | None]:
    words = re.sub(r"\s+", " ", mod.strip().lower())
    classes = []
    while words:
        for m in sorted(_MOD_OF, key=len, reverse=True):
            if words == m or words.startswith(m + " "):
                classes.append(_MOD_OF[m])
                words = words[len(m):].strip()
                break
        else:
            break
    lo, best, hi = base
    v = best if best is not None else lo
    for cls in ("le", "lt", "gt", "ge", "near", "approx"):
        if cls not in classes:
            continue
        if not exact:  # vague plurals and ranges keep their own bounds ("as many as 30,000 to 40,000")
            return base
        assert v is not None  # an exact number (its own upper bound) always has a value
        step = 1.0
        if cls == "gt":
            return (v + step, v + step, None)
        if cls == "ge":
            return (v, v, None)
        if cls == "le":
            return (None, None, v)
        if cls == "lt":
            return (None, None, v - step)
        if cls == "near":
            return (None, v, v)
        return (None, v, None)
    return base


def _parse_match(m: re.Match[str]) -> tuple[float | None, float | None, float | None] | None:
    if m.group("single") is not None:
        base = _num_value(m.group("single"))
        if base is None:
            return None
        return _apply_modifier(m.group("mod"), base, exact=base[2] is not None)
    a_text = m.group("b1") or m.group("r1")
    b_text = m.group("b2") or m.group("r2")
    a, b = _num_value(a_text), _num_value(b_text)
    if a is None or b is None or a[0] is None or b[0] is None:
        return None
    lo = a[0]
    hi: float | None = b[2] if b[2] is not None else b[0]
    if a[2] is None and b[2] is None:  # "hundreds or thousands"
        hi = None
    if hi is not None and hi <= lo:
        return None  # scores ("6-3") and year spans ("1987-88") are not ranges
    return _apply_modifier(m.group("mod"), (lo, lo, hi), exact=False)


def parse_count(text: str) -> tuple[float | None, float | None, float | None] | None:
    """(min, best, max) of a count expression, or None when the text is not one.

    Only the count expression itself is parsed (modifiers + number or range):
    "more than 30" -> (31, 31, None); "between 30 and 40" -> (30, 30, 40);
    "dozens" -> (12, 12, None); "5%", "$5", "25-year-old", "third", "in 2014"
    -> None.  Whether a bare number such as "2014" is a year is decided by the
    extractor from context, so ``parse_count("2014")`` is (2014, 2014, 2014).
    """
    m = _EXPR_FULL.fullmatch(text)
    if m is None:
        return None
    return _parse_match(m)


# --------------------------------------------------------------------------
# extraction
# --------------------------------------------------------------------------

class _Sent:
    """Token bounds of a sentence (``Token.sent`` walks the whole doc each time; this is computed once)."""

    __slots__ = ("start", "end", "start_char", "end_char")

    def __init__(self, start: int, end: int, start_char: int, end_char: int) -> None:
        self.start, self.end, self.start_char, self.end_char = start, end, start_char, end_char


# per-call cache of sentence bounds, keyed by id(doc); extract_counts drops its entry when done,
# so the Doc itself is never modified
_SENT_TABLES: dict[int, list[_Sent]] = {}


def _sent(tok: Token) -> _Sent:
    doc = tok.doc
    table = _SENT_TABLES.get(id(doc))
    if table is None or len(table) != len(doc):
        table = []
        for sent in sentences(doc):
            bounds = _Sent(sent.start, sent.end, sent.start_char, sent.end_char)
            table.extend([bounds] * (sent.end - sent.start))
        _SENT_TABLES[id(doc)] = table
    return table[tok.i]


def _span_tokens(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _external(span: Span) -> Token:
    """The token of the span whose head lies outside it (rightmost first)."""
    for tok in reversed(span):
        if tok.head.i < span.start or tok.head.i >= span.end or tok.head.i == tok.i:
            return tok
    return span[-1]


def _next_word(doc: Doc, i: int) -> Token | None:
    """The first non-hyphen token at or after index i."""
    while i < len(doc) and doc[i].text in ("-", "–"):
        i += 1
    return doc[i] if i < len(doc) else None


def _of_object(tok: Token) -> Token | None:
    """X in "<tok> of (the) X"."""
    for ch in tok.children:
        if ch.dep_ == "prep" and ch.lower_ == "of":
            for g in ch.children:
                if g.dep_ == "pobj":
                    return g
    return None


def _compound_left(noun: Token, floor: int = 0) -> int:
    """Index of the leftmost token of the noun's contiguous noun compounds ("car assembly plants"),
    never before ``floor`` (the token after the count expression)."""
    first = noun.i
    for c in sorted((c for c in noun.children if c.i < noun.i), key=lambda c: -c.i):
        if c.dep_ == "compound" and c.pos_ in {"NOUN", "PROPN"} and c.i == first - 1:
            first = c.left_edge.i if all(t.pos_ in {"NOUN", "PROPN"} for t in noun.doc[c.left_edge.i:c.i]) else c.i
        else:
            break
    return max(first, min(floor, noun.i))


def _after_dateline(doc: Doc, first: Token, ext: Token) -> bool:
    """True when only a dateline-like name opens the sentence before ``first`` and the number modifies the
    lower-case plural noun right after it ("Algiers Two caches …", "KABUL, Three soldiers …")."""
    start = _sent(first).start
    before = doc[start:first.i]
    nxt = ext.i + 1
    return 0 < len(before) <= 3 and all(t.pos_ == "PROPN" or t.is_punct for t in before) and \
        nxt < len(doc) and ext.head.i == nxt and doc[nxt].tag_ == "NNS" and doc[nxt].text.islower()


def _unit_in_compound(doc: Doc, ext: Token, head: Token, span: Span, value: tuple) -> bool:
    """"two barrel bombs": a singular measure word inside the compound of a plural object noun that the (small)
    number modifies directly; not "150,000 deadweight tons" (the head is a unit) or "a 100,000 barrel refinery"."""
    if _is_unit(head) or ext.head.i != head.i or head.tag_ != "NNS" or value[1] is None or value[1] >= 100:
        return False
    if span.start > 0 and doc[span.start - 1].lower_ in ("a", "an"):
        return False
    between = doc[span.end:head.i]
    return len(between) > 0 and all(t.tag_ == "NN" and t.dep_ == "compound" for t in between) and \
        not (head.i + 1 < len(doc) and doc[head.i + 1].lower_ in ("per", "a", "/"))


def _is_unit(tok: Token) -> bool:
    return tok.lower_ in _NON_COUNT_NEXT or tok.lemma_.lower() in _NON_COUNT_NEXT


def _is_plural_countable(noun: Token) -> bool:
    return noun.tag_ in ("NNS", "NNPS") or noun.lower_ in _COLLECTIVE


# --------------------------------------------------------------------------
# claimants
# --------------------------------------------------------------------------

def _subject_span(subj: Token) -> tuple[int, int]:
    """Token range [start, end) of a subject, without trailing relative clauses and punctuation."""
    doc = subj.doc
    start, end = subj.left_edge.i, subj.right_edge.i + 1
    for ch in subj.children:
        if ch.i > subj.i and ch.dep_ in ("relcl", "acl"):
            end = min(end, ch.left_edge.i)
    while end - 1 > start and (doc[end - 1].is_punct or doc[end - 1].is_space or
                               doc[end - 1].lower_ in ("who", "which", "that")):
        end -= 1
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return start, end


def _subject_of(verb: Token) -> Token | None:
    """The speaker of a reporting verb: its subject, the antecedent of a relative pronoun subject,
    the agent of a passive, the subject of "X was quoted as saying", or the subject of the verb a
    participle/conjunct hangs on ("X protested, saying ...")."""
    if _ends_clause(verb):  # "..., police and residents said Monday." with the phrase hung elsewhere by the parser
        np = _phrase_before(verb)
        own = [ch for ch in verb.children if ch.dep_ in ("nsubj", "nsubjpass", "agent")]
        if np is not None and all(ch.i < np.left_edge.i for ch in own):
            return np
    v = verb
    for _ in range(4):
        for ch in v.children:
            if ch.dep_ == "nsubj":
                if ch.tag_ in ("WDT", "WP") and v.dep_ in ("relcl", "acl") and v.head.i != v.i:
                    return v.head
                return ch
        for ch in v.children:
            if ch.dep_ == "nsubjpass" and v.lemma_ in ("quote", "cite"):
                return ch
            if ch.dep_ == "agent":
                for g in ch.children:
                    if g.dep_ == "pobj":
                        return g
        if v.dep_ in ("conj", "advcl", "xcomp") and v.head.i != v.i:
            v = v.head
            continue
        break
    # a misparsed sentence-final attribution ("..., unionists and hospital authorities said."):
    # the noun right before the verb
    doc = verb.doc
    vs = _sent(verb)
    prev = doc[verb.i - 1] if verb.i > vs.start else None
    at_end = _ends_clause(verb)
    if prev is not None and prev.pos_ in ("NOUN", "PROPN", "PRON") and at_end:
        return prev
    return None


_TIME_WORDS = {"on", "at", "in", "late", "early", "last", "this", "today", "yesterday", "tonight", "earlier",
               "later", "overnight"}


def _ends_clause(verb: Token) -> bool:
    """True when only punctuation and time words follow the verb in its sentence ("..., police said on Monday.")."""
    doc = verb.doc
    for k in range(verb.i + 1, _sent(verb).end):
        tok = doc[k]
        if not (tok.is_punct or tok.is_space or tok.ent_type_ in ("DATE", "TIME") or tok.lower_ in _TIME_WORDS):
            return False
    return True


def _phrase_before(verb: Token) -> Token | None:
    """The head of the noun phrase between the last comma and a reporting verb (", police and residents said"),
    which the parser hung elsewhere; None when the words there are not one noun phrase."""
    doc = verb.doc
    start = verb.i
    while start > _sent(verb).start and doc[start - 1].text not in (",", ";", "--", "—", "–", ":") and \
            doc[start - 1].pos_ not in ("VERB", "AUX", "SCONJ") and verb.i - start < 12:
        start -= 1
    if start == verb.i or start == _sent(verb).start or doc[start - 1].text not in (",", ";", "--", "—", "–"):
        return None
    run = doc[start:verb.i]
    if run[-1].pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    tops = [t for t in run if not (start <= t.head.i < verb.i) or t.head.i == t.i]
    if len(tops) != 1 or tops[0].left_edge.i < start or tops[0].right_edge.i >= verb.i:
        return None
    return tops[0]


def _according_to(tok: Token) -> Token | None:
    for ch in tok.children:
        if ch.lower_ == "according":
            for to in ch.children:
                if to.lower_ == "to":
                    for g in to.children:
                        if g.dep_ == "pobj":
                            return g
    return None


def _claim_span(subj: Token, anchor: Token) -> tuple[int, int] | None:
    start, end = _subject_span(subj)
    if start <= anchor.i < end:
        return None  # the count is part of the speaker ("The two contractors said")
    return start, end


def _negated(verb: Token) -> bool:
    """"would not say", "declined to say", "refused to confirm": the verb claims nothing."""
    if any(ch.dep_ == "neg" for ch in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ("decline", "refuse")


def _has_complement(verb: Token) -> bool:
    return any(ch.dep_ in ("ccomp", "xcomp", "dobj") for ch in verb.children)


def _claimant(anchor: Token) -> tuple[int, int] | None:
    """Token range of who claims the count anchored at ``anchor`` (its noun or number)."""
    cur = anchor
    passed_verb = False
    for _ in range(40):
        if cur.i != anchor.i:
            acc = _according_to(cur)
            if acc is not None:
                return _subject_span(acc)
        head = cur.head
        if head.i == cur.i:
            break
        passed_verb = passed_verb or cur.pos_ in ("VERB", "AUX")
        edge_ok = cur.dep_ in _CLAIM_EDGES or (passed_verb and cur.dep_ in ("prep", "conj"))
        if edge_ok and head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in _REPORT_VERBS and not _negated(head):
            subj = _subject_of(head)
            if subj is not None:
                span = _claim_span(subj, anchor)
                if span is not None:
                    return span
        cur = head
    bounds = _sent(anchor)
    sent = anchor.doc[bounds.start:bounds.end]
    # "according to X" anywhere in the sentence
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < bounds.end and tok.doc[tok.i + 1].lower_ == "to":
            for g in tok.doc[tok.i + 1].children:
                if g.dep_ == "pobj" and not (tok.i <= anchor.i <= g.right_edge.i):
                    return _subject_span(g)
    # a parenthetical attribution after the count: "..., union leaders said." (no complement of its own)
    for tok in sent:
        if tok.i > anchor.i and tok.pos_ == "VERB" and tok.lemma_.lower() in _REPORT_VERBS and not _negated(tok) and \
                (tok.dep_ in ("parataxis", "ccomp", "advcl", "conj") or
                 (tok.dep_ == "ROOT" and tok not in anchor.ancestors)) and not _has_complement(tok):
            subj = _subject_of(tok)
            if subj is not None and subj.i > anchor.i:
                span = _claim_span(subj, anchor)
                if span is not None:
                    return span
    return None


# --------------------------------------------------------------------------
# is this number a count, and of what?
# --------------------------------------------------------------------------

def _number_of_subject(verb: Token) -> tuple[bool, Token | None]:
    """(True, X) when the verb's subject is "the number/total of X" or a toll/total ("the jobless total")."""
    for ch in verb.children:
        if ch.dep_ in ("nsubj", "nsubjpass") and ch.lemma_.lower() in ("number", "total", "toll", "tally", "count"):
            x = _of_object(ch)
            return True, (x if x is not None and x.pos_ in ("NOUN", "PROPN") else None)
    return False, None


def _classify(doc: Doc, m: re.Match[str], span: Span, num_start: int, value: tuple
              ) -> tuple[Token | None, Token] | None:
    """(what-noun or None, anchor token) when the matched number is a count, else None."""
    text = doc_text(doc)
    first = span[0]
    if any(tok.ent_type_ in ("MONEY", "PERCENT", "ORDINAL", "TIME") for tok in span):
        return None
    core = m.group("num").strip()
    lower = core.lower()
    has_mod = m.group("mod").strip() != ""
    is_digits = core[:1].isdigit()
    sent = _sent(first)
    prev = doc[first.i - 1] if first.i > sent.start else None
    nxt = _next_word(doc, span.end) if span.end < sent.end else None
    if nxt is not None and nxt.i >= sent.end:
        nxt = None
    # context words: currency signs, "aged", units after the number, number-hyphen-word adjectives
    if prev is not None and (prev.text in ("$", "£", "€", "¥", "#", "US$", "A$", "C$", "HK$") or
                             prev.lower_ in ("aged", "age", "ages", "number", "no", "no.", "nos", "nos.")):
        return None
    if nxt is not None and _is_unit(nxt) and not _unit_in_compound(doc, _external(span), _external(span).head, span,
                                                                  value):
        return None
    end_char = span.end_char
    if text[end_char:end_char + 1] in ("-", "–") and text[end_char + 1:end_char + 2].isalpha():
        return None  # "two-tiered", "18-month", "25-year-old"
    # names and codes joined by a hyphen ("G-7", "Karbala-8"), fractions ("7-3/8"), digit groups, leading zeros
    if num_start >= 2 and text[num_start - 1] in "-–" and text[num_start - 2].isalnum():
        return None
    if re.match(r"[-–/]\d", text[end_char:end_char + 2]) or re.match(r"0\d", core):
        return None
    if is_digits and nxt is not None and nxt.i == span.end and re.fullmatch(r"\d[\d,.]*", nxt.text):
        return None
    if is_digits and prev is not None and re.fullmatch(r"\d[\d,.]*", prev.text) and not has_mod:
        return None
    # capitalised number words inside a sentence are names ("Group of Five", "the Big Three")
    glued = num_start > 0 and text[num_start - 1].isalpha()  # "…NewsTwo people": a title run into the text
    if core[:1].isupper() and core[:1].isalpha() and not core.isupper() and not first.is_sent_start and \
            not glued and not _after_dateline(doc, first, _external(span)) and \
            (prev is None or prev.text not in _CLAUSE_OPENERS) and \
            lower.split()[0] not in _VAGUE and not lower.startswith("tens"):
        return None
    is_one = lower in ("one", "a", "an")
    yearlike = bool(_YEARLIKE.match(core))
    date_like = any(t.ent_type_ == "DATE" for t in span)
    if yearlike and 1900 <= int(core) <= 2099 and (date_like or _MONTH_BEFORE.search(text, 0, num_start)):
        return None  # "1986 exports", "the 2014 elections", "January 23, 2016"
    ext = _external(span)

    # --- A: numeral modifier of a noun to its right ("1,700 soldiers", "36 ISIS fanatics")
    rel, head = ext.dep_, ext.head
    while rel in ("nummod", "quantmod", "compound", "amod", "nmod") and head.i > ext.i and \
            head.lower_ in _SCALES and head.i < ext.i + 3:
        rel, head = head.dep_, head.head
    if rel in ("nummod", "quantmod", "compound", "amod", "nmod") and head.i > ext.i and \
            head.pos_ in ("NOUN", "PROPN") and head.i - span.end < 6:
        if _is_unit(head) or (any(_is_unit(doc[k]) for k in range(span.end, head.i)) and
                              not _unit_in_compound(doc, ext, head, span, value)):
            return None  # "150,000 deadweight tons", "two fiscal years"
        after = doc[span.end] if span.end < head.i else None
        if (after is not None and (after.pos_ in ("CCONJ", "ADP", "PRON", "SCONJ", "DET", "AUX") or
                                   (after.is_punct and after.text not in ("-", "–")))) or \
                any(doc[k].tag_ in ("VBD", "VBZ", "VBP") for k in range(span.end, head.i)):
            # a misattached head ("injured 20 and damaged crops"): a bare number after a verb is elliptical
            if prev is not None and prev.pos_ == "VERB" and not is_one and not yearlike:
                return None, ext
            return None
        if head.lower_ in ("dozen", "dozens"):
            of_noun = _of_object(head)
            if of_noun is not None:
                head = of_noun
        if head.i + 1 < sent.end and doc[head.i + 1].lower_ in ("per", "/"):
            return None  # rates: "0.02 parts per billion", "30 cars per day"
        if is_one:
            if head.pos_ == "PROPN" and head.ent_type_ != "NORP":
                return None
            if prev is not None and prev.lower_ in ("the", "this", "that", "no", "any", "every", "each"):
                return None  # "the one thing"
        elif not _is_plural_countable(head):
            return None
        elif head.pos_ == "PROPN" and head.tag_ != "NNPS":
            return None
        if date_like and (head.tag_ not in ("NNS", "NNPS") or head.pos_ == "PROPN"):
            return None
        if yearlike and "," not in core and any(c.dep_ in ("det", "poss") and c.i < first.i for c in head.children):
            return None  # "its 1987 sales"
        return head, head
    if date_like and not (not yearlike and ext.dep_ in ("nsubj", "nsubjpass", "dobj") and ext.head.pos_ == "VERB"
                          and ext.head.lemma_.lower() in _PEOPLE_VERBS and not _MONTH_NEAR.search(
                              text, max(0, num_start - 12), min(len(text), span.end_char + 12))):
        return None
    # A': a misparsed numeral ("a supertanker and four Iranian oil sites"): the plural noun right after it
    if rel not in ("nummod", "quantmod") and nxt is not None and nxt.i == span.end:
        k = span.end
        while k < sent.end and k - span.end < 4 and (doc[k].pos_ == "ADJ" or (doc[k].pos_ in ("NOUN", "PROPN") and
                                                                          doc[k].dep_ in ("compound", "amod"))):
            k += 1
        if k < sent.end and doc[k].pos_ == "NOUN" and doc[k].tag_ == "NNS" and not _is_unit(doc[k]) and \
                not any(_is_unit(doc[j]) for j in range(span.end, k)) and not is_one:
            return doc[k], doc[k]
    # names: a bare digit number right after a proper or naming noun ("Camp 22", "Resolution 2254")
    of_noun = _of_object(ext)
    if is_digits and not has_mod and of_noun is None and prev is not None and \
            (prev.lower_ in _NAME_NOUNS or prev.pos_ == "PROPN"):
        return None

    # --- B: "N of (the) X", "thousands of X"; "one of" only before a numeral group ("one of two crewmen")
    if of_noun is None and lower in _VAGUE and nxt is not None and nxt.lower_ == "of":
        j = nxt.i + 1  # the parser attached "of" elsewhere: take the noun after "of (the)"
        while j < sent.end and doc[j].pos_ in ("DET", "ADJ", "NUM") and doc[j].lower_ not in ("them", "us"):
            j += 1
        while j + 1 < sent.end and doc[j].pos_ == "NOUN" and doc[j + 1].pos_ == "NOUN":
            j += 1
        if j < sent.end and doc[j].pos_ in ("NOUN", "PROPN", "PRON"):
            of_noun = doc[j]
    if of_noun is not None:
        if _is_unit(of_noun):
            return None
        if of_noun.pos_ == "PRON":
            return (None, ext) if not is_one else None
        if is_one and not any(c.dep_ == "nummod" for c in of_noun.children):
            return None  # "one of the largest producers"
        if of_noun.pos_ in ("NOUN", "PROPN") and (_is_plural_countable(of_noun) or of_noun.ent_type_ == "NORP"):
            return of_noun, ext
        return None
    if is_one:
        if lower == "one" and ext.dep_ in ("nsubj", "nsubjpass", "dobj") and ext.head.pos_ == "VERB" and \
                ext.head.lemma_.lower() in _PEOPLE_VERBS and not any(c.dep_ == "det" for c in ext.children) and \
                (prev is None or prev.lower_ not in ("no", "the", "this", "that", "any", "every", "each", "which")):
            return None, ext  # "shot one", "One died": a reader counts one person
        return None

    # --- C: bare numbers: "the number of workers ... remains at 7,600", "the jobless total would average 2.17 mln"
    verb = ext.head
    if ext.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ in ("at", "to", "by"):
        verb = verb.head
    if ext.dep_ in ("dobj", "attr", "pobj", "npadvmod") and verb.pos_ in ("VERB", "AUX"):
        is_total, what = _number_of_subject(verb)
        if is_total:
            return what, ext
    # elliptical subjects and objects: "injured 20", "the four arrested", "six killed"
    if not yearlike and is_digits and any(c.dep_ == "acl" and c.tag_ == "VBN" and c.i == span.end
                                          and c.lemma_.lower() in _PEOPLE_VERBS for c in ext.children):
        return None, ext  # "killed and some 30 injured": the gapped participle read as the number's modifier
    if (prev is not None and prev.lower_ in ("vs", "vs.", "versus")) or (nxt is not None and nxt.lower_ in
                                                                        ("vs", "vs.", "versus")):
        return None  # result tables: "Avg shares 7,933,000 vs 8,553,000"
    lemma = ext.head.lemma_.lower()
    if is_digits and ext.dep_ in ("dobj", "npadvmod", "attr") and lemma in ("call", "dial", "phone", "ring", "text"):
        return None  # "called 911", "dial 999": a telephone number
    if ext.dep_ == "dobj" and lemma in _CHANGE_VERBS:
        return None  # "the index rose three", "paid 150 mln"
    if re.search(r"[a-z]", lower) and re.search(r"mln|million|billion|bln|bn|trillion", lower) and \
            lemma not in _PEOPLE_VERBS:
        return None  # "the bank took up 150 mln", "Two billion would be good news": money
    if ext.dep_ in ("nsubj", "nsubjpass", "dobj") and not yearlike and \
            ("." not in core or re.search(r"[a-z]", lower)) and \
            (value[0] is None or float(value[0]).is_integer()) and not any(t.ent_type_ == "QUANTITY" for t in span):
        return None, ext
    return None


def _phone_spans(text: str) -> list[tuple[int, int]]:
    return [(mm.start(), mm.end()) for mm in _PHONE.finditer(text)]


def extract_counts(doc: Doc) -> list[Count]:
    """Every count in ``doc``, in text order, with what it counts and who claims it."""
    try:
        return _extract_counts(doc)
    finally:
        _SENT_TABLES.pop(id(doc), None)


def _extract_counts(doc: Doc) -> list[Count]:
    text = doc_text(doc)
    phones = _phone_spans(text)
    out: list[Count] = []
    matches: list[re.Match[str]] = []
    for sent in sentences(doc):
        if _TRIGGER.search(text, sent.start_char, sent.end_char):
            matches.extend(_EXPR.finditer(text, sent.start_char, sent.end_char))
    for m in matches:
        num_start, num_end = m.start("num"), m.end("num")
        if any(a < num_end and num_start < b for a, b in phones):
            continue
        mod_text = m.group("mod")
        start = m.start("mod") + (len(mod_text) - len(mod_text.lstrip()))
        lead = re.match(r"(?i)(?:the|all)\s+", text[start:num_start])  # articles belong to the noun phrase
        if lead:
            start += lead.end()
        if m.group("r1") is not None and re.search(r"(?i)\bfrom\s+$", text[max(0, start - 6):start]) and \
                re.search(r"(?i)\bto\b", text[m.end("r1"):m.start("r2")]):
            out.extend(_from_to(doc, m))
            continue
        value = _parse_match(m)
        if value is None:
            continue
        span = _span_tokens(doc, num_start, num_end)
        if span is None or len(span) == 0:
            continue
        res = _classify(doc, m, span, num_start, value)
        if res is not None:
            out.append(_make(doc, text, start, num_end, value, *res))
    out.sort(key=lambda c: c.start)
    ids = [f"C{i + 1}" for i in range(len(out))]
    wholes = _wholes(text, out)
    return [Count(ids[i], c.text, c.start, c.end, c.min, c.best, c.max, c.what, c.what_start, c.what_end, None,
                  c.claimed_by_text, c.claimed_by_start, c.claimed_by_end,
                  part_of=ids[wholes[i]] if i in wholes else None) for i, c in enumerate(out)]


# "36 of the 40", "two of its 12", "five out of 20", "186 of the Navy's 340": the words between a part and its
# whole (a determiner, or a possessive of up to three words).
_PART_OF_GAP = re.compile(r"\s+(?:out\s+)?of\s+(?:(?:the|those|these|its|their|his|her|our)\s+"
                          r"|(?:the\s+)?(?:[\w.-]+\s+){0,2}[\w.-]+['\u2019]s?\s+)?", re.IGNORECASE)


def _wholes(text: str, counts: list[Count]) -> dict[int, int]:
    """Index of each count that is a part of the next one ("36 of the 40 men") to that next count's index.

    Why: "36 of the 40" is one figure about a group, not two groups; a reader (or a sum over counts) must know
    that 36 is inside 40.  A part larger than its whole ("40 of the 36") is left unlinked: the text is then
    not a part-whole phrase ("20 of the 2,000 ..." is, "2,000 of 20 ..." is not).
    """
    wholes: dict[int, int] = {}
    for i in range(len(counts) - 1):
        part, whole = counts[i], counts[i + 1]
        if not _PART_OF_GAP.fullmatch(text, part.end, whole.start):
            continue
        lo = part.best if part.best is not None else part.min if part.min is not None else part.max
        hi = whole.best if whole.best is not None else whole.max if whole.max is not None else whole.min
        if lo is not None and hi is not None and lo <= hi:
            wholes[i] = i + 1
    return wholes


def _from_to(doc: Doc, m: re.Match[str]) -> list[Count]:
    """'from 48 to 100 people': a change between two counts of the same noun, not a range."""
    text = doc_text(doc)
    second = _EXPR_FULL.fullmatch(text, m.start("r2"), m.end("r2"))
    first = _EXPR_FULL.fullmatch(text, m.start("r1"), m.end("r1"))
    if first is None or second is None:
        return []
    v2, v1 = _parse_match(second), _parse_match(first)
    span2 = _span_tokens(doc, m.start("r2"), m.end("r2"))
    if v1 is None or v2 is None or span2 is None or len(span2) == 0:
        return []
    res = _classify(doc, second, span2, m.start("r2"), v2)
    if res is None:
        return []
    what_tok, anchor = res
    return [_make(doc, text, m.start("r1"), m.end("r1"), v1, what_tok, anchor),
            _make(doc, text, m.start("r2"), m.end("r2"), v2, what_tok, anchor)]


def _make(doc: Doc, text: str, start: int, end: int, value: tuple, what_tok: Token | None, anchor: Token) -> Count:
    what = what_start = what_end = None
    if what_tok is not None:
        floor = anchor.i + 1 if anchor is not what_tok else 0
        count_end = doc.char_span(start, end, alignment_mode="expand")
        if count_end is not None and count_end.end <= what_tok.i:
            floor = count_end.end
        what_start, what_end = doc[_compound_left(what_tok, floor)].idx, what_tok.idx + len(what_tok.text)
        what = text[what_start:what_end]
    claim = _claimant(what_tok if what_tok is not None else anchor)
    c_text = c_start = c_end = None
    if claim is not None:
        s, e = claim
        c_start, c_end = doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)
        c_text = text[c_start:c_end]
    lo, best, hi = value
    return Count("", text[start:end], start, end, lo, best, hi, what, what_start, what_end, None, c_text, c_start,
                 c_end)
