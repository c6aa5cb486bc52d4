"""Quotes and their speakers.

Direct quotes are found from quote characters (curly or straight, single or
double, typewriter ''pairs'', matched in either style, unbalanced ones closed
at the end of their paragraph); a speaker comes from a speech verb in the
quote's own sentence, the text just around it ("X said:", "…," X said) or a
previous paragraph ending in "X said:".  A paragraph that is only a quote,
right after a quote by a known speaker, continues that speaker's quote, and
so does the second half of an interrupted quote (“A,” she said. “B.”).
When no speech verb is at hand, the speaker comes from the structure
around the quote: a short clause right after it (“…?” Lee pressed), a verb
right before its opening mark (he boomed, “…”), a clause ending in a colon,
a name and colon before it ("Topic - Jane Roe: “…”", "More from Roe:", a
headline "Roe: Plan ‘Will Fail’"), the previous sentence of the paragraph
or the last sentence of the previous paragraph when they report speech.
A speech verb right after the closing mark beats one earlier in the
sentence, a participle or infinitive without a subject takes the subject
of the clause above it, and the object of "led X to warn" is who speaks.
Indirect speech is read from the parse: a verb of saying or believing with a
clausal complement ("X said that …"), a directive or promise with a
to-infinitive ("X called on Y to …"), or "according to X".  Quoted words
inside reported speech make one ``mixed`` quote; a short quoted fragment with
no speaker is a title or scare quote and is dropped.  Speakers are returned
as character spans; the pipeline maps them to entities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token
from ..annotate import sent_of, doc_text

__all__ = ["QuoteCandidate", "extract_quotes", "find_quote_spans", "SPEECH_VERBS"]

SPEECH_VERBS = {
    # saying and writing
    "say", "tell", "add", "state", "claim", "reveal", "announce", "warn", "insist", "explain", "ask", "write",
    "declare", "note", "urge", "argue", "acknowledge", "admit", "allege", "assert", "confirm", "deny",
    "describe", "estimate", "predict", "promise", "recall", "remark", "report", "respond", "reply", "suggest",
    "tweet", "post", "vow", "pledge", "caution", "complain", "contend", "concede", "emphasise", "emphasize",
    "stress", "maintain", "observe", "point", "express", "testify", "indicate", "disclose", "charge", "accuse",
    "demand", "call", "agree", "mention", "comment", "continue", "repeat", "reiterate",
    "boast", "joke", "quip", "lament", "hint", "signal", "imply", "assure", "inform", "remind", "propose",
    "threaten", "question", "wonder", "speculate", "forecast", "project", "counter", "retort",
    "brag", "scoff", "shout", "yell", "whisper", "recount", "advise", "instruct", "order", "plead", "beg",
    "concur", "confess", "proclaim", "stipulate", "specify", "highlight", "underline",
    # saying in writing or data: reports, polls and studies "show" or "find"
    "show", "find", "conclude",
    # holding a view: the claims of a ledger include beliefs stated as such
    "think", "believe", "feel", "fear", "worry", "hope", "doubt", "expect", "consider", "reckon", "suspect",
    "assume", "know", "realize", "realise", "understand",
}
# Verbs whose to-infinitive complement is what was said: "called on Iraq to end …", "vowed to fight".
_INFINITIVE_VERBS = {"call", "urge", "claim", "ask", "promise", "vow", "pledge", "threaten", "demand", "propose",
                     "warn", "advise", "instruct", "order", "plead", "beg", "refuse", "decline", "agree", "offer",
                     "appeal", "encourage", "tell", "remind", "insist"}
# Relative pronouns that stand for the noun their clause hangs on: "officials who said …".
_RELATIVE = {"who", "that", "which", "whom"}
_OPENERS = {"“": "”", "\"": "\"", "«": "»", "„": "“", "‘": "’", "'": "'"}
_ANY_CLOSE = {"”", "\"", "»", "“"}


@dataclass(frozen=True)
class QuoteCandidate:
    """A quote before speaker spans are mapped to entities."""

    text: str
    start: int
    end: int
    kind: str  # direct | indirect | continuation | mixed | unattributed
    speaker_start: int | None
    speaker_end: int | None
    speaker_text: str | None
    speaker_head: str | None
    cue: str | None


def find_quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of quoted stretches including the quote marks.

    Curly and straight marks may be mixed (“ … "), and a quote left open at the
    end of a paragraph ends there, as news sites often drop the closing mark.
    """
    spans: list[tuple[int, int]] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if text.startswith(("''", "``"), i) and _is_opening_pair(text, i):
            # Typewriter style: ''quote'' or ``quote'' (common in wire and archive text).
            j = i + 2
            end = None
            while j < n:
                if text[j] == "\n":
                    end = j
                    break
                if text.startswith("''", j) or text[j] in "”\"":
                    end = j + (2 if text.startswith("''", j) else 1)
                    break
                j += 1
            end = n if end is None else end
            if end - i > 4:
                spans.append((i, end))
            i = end
        elif ch in _OPENERS and _is_opening(text, i):
            j = i + 1
            end = None
            while j < n:
                c = text[j]
                if c == "\n":
                    end = j
                    break
                if ch in "‘'":  # a closing mark followed by a letter is an apostrophe
                    closes = c == ("’" if ch == "‘" else "'") and not (j + 1 < n and text[j + 1].isalpha())
                elif ch == "«":
                    closes = c == "»"
                else:
                    # “A,“ he said: an opening mark after final punctuation and before a space closes the quote.
                    closes = c in _ANY_CLOSE and (c != "“" or ch == "„" or (
                        text[j - 1] in ",.?!" and (j + 1 == n or text[j + 1].isspace())))
                if closes:
                    end = j + 1
                    break
                j += 1
            if end is None:
                end = n
            if end - i > 2:
                spans.append((i, end))
            i = end
        else:
            i += 1
    return spans


def _is_opening_pair(text: str, i: int) -> bool:
    """Whether a doubled mark ('' or ``) at ``i`` opens a quote rather than closing one."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 2] if i + 2 < len(text) else " "
    return (before.isspace() or before in "([—-:") and not after.isspace() and after != "'"


def _is_opening(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if text[i] == "'":  # a straight single mark opens only before a letter: not '90s, not rock 'n' roll
        return (before.isspace() or before in "([—-") and after.isalpha() and text[i + 1:i + 3] != "n'"
    if text[i] == "‘":
        return (before.isspace() or before in "([—-") and after.isalnum()
    if text[i] == "\"":
        return not after.isspace() and (before.isspace() or before in "([—-:" or i == 0)
    return not after.isspace()


def _speech_verb_near(sent: Span, quote: tuple[int, int]) -> Token | None:
    """A speech verb of the sentence that lies outside the quote."""
    candidates = [t for t in sent if (t.lemma_.lower() in SPEECH_VERBS or _puts_it(t)) and t.pos_ in {"VERB", "AUX"}
                  and not (quote[0] <= t.idx < quote[1])]
    if not candidates:
        return None
    # A verb right after the closing mark (“…,” said X; “…,” she said) wins, then the nearest one.
    right_after = [t for t in candidates if 0 <= t.idx - quote[1] <= 25
                   and not any(c in ".;:!?" for c in t.doc.text[quote[1]:t.idx])]
    if right_after:
        return min(right_after, key=lambda t: t.idx)
    return min(candidates, key=lambda t: min(abs(t.idx - quote[0]), abs(t.idx - quote[1])))


def _puts_it(token: Token) -> bool:
    """ "As X put it" is a speech verb: "put" with "it" as its object and no other complement."""
    return token.lemma_.lower() == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in token.children) \
        and not any(c.dep_ in {"prep", "prt"} for c in token.children)


def _subject_of(verb: Token) -> Token | None:
    """Who speaks: the active subject, or the ``by``-agent of a passive ("was told by X")."""
    if any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children):
        for child in verb.children:
            if child.dep_ == "agent":
                return next((g for g in child.children if g.dep_ == "pobj"), None)
        return None  # "they were told": the subject is the hearer, not the speaker
    for child in verb.children:
        if child.dep_ == "nsubj":
            if child.lower_ in _RELATIVE and verb.dep_ == "relcl":
                return verb.head  # "officials who said": the officials speak
            return child
    if verb.dep_ == "xcomp" and verb.head.i != verb.i:
        objects = [c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i]
        if objects:
            return objects[0]  # "the loss led some allies to worry that …": the object thinks
    if verb.dep_ in {"conj", "xcomp", "advcl"} and verb.head.i != verb.i:
        return _subject_of(verb.head)
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in {"VERB", "AUX"}:
        return _subject_of(verb.head.head)  # "rallied supporters by warning that …"
    if verb.dep_ == "acl" and verb.head.dep_ == "dobj" and verb.head.head.pos_ == "VERB":
        return _subject_of(verb.head.head)  # "she released a statement saying …"
    return _governing_subject(verb)


def _governing_subject(verb: Token) -> Token | None:
    """For a subjectless participle or infinitive ("aside from stating that …", "is likely to stress
    that …"): the subject of the nearest clause above it, through words that are not nouns."""
    if verb.dep_ not in {"advcl", "xcomp", "pcomp", "acomp", "conj", "prep", "pobj", "dep"}:
        return None  # a participle the parse made a subject or object is not a clause of its own
    token = verb
    for _ in range(4):
        if token.dep_ in {"ccomp", "ROOT", "relcl", "acl"} or token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ in {"NOUN", "PROPN", "PRON", "NUM"}:
            return None
        if token.pos_ in {"VERB", "AUX"}:
            if any(c.dep_ in {"nsubjpass", "auxpass", "csubj"} for c in token.children):
                return None
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                return token.head if subject.lower_ in _RELATIVE and token.dep_ == "relcl" else subject
    return None


def _noun_phrase(token: Token) -> Span:
    """The token's phrase without relative clauses or appositions."""
    doc = token.doc
    left = token.left_edge.i
    right = token.i
    for child in token.rights:
        if child.dep_ in {"relcl", "acl", "appos", "punct", "cc", "conj"}:
            break
        right = child.right_edge.i
    return doc[left:right + 1]


def _phrase_after(verb: Token) -> tuple[int, int, str, str] | None:
    """The name or noun phrase that follows an inverted speech verb, up to the next comma or verb."""
    doc = verb.doc
    end = verb.i + 1
    while end < len(doc) and end - verb.i <= 6 and (doc[end].pos_ in {"PROPN", "DET", "ADJ", "NOUN"}
                                                    or doc[end].text == "."):
        end += 1
    phrase = doc[verb.i + 1:end]
    if not len(phrase) or phrase[-1].pos_ != "PROPN" or end - verb.i > 6:
        return None
    return phrase.start_char, phrase.end_char, phrase.text, phrase[-1].text


def _speaker(verb: Token) -> tuple[int, int, str, str] | None:
    subject = _subject_of(verb)
    if subject is None and verb.i > 0 and verb.nbor(-1).is_punct and verb.dep_ != "relcl":
        # “…,” said Skelly: a name right after the inverted verb is its subject, whatever the parse.
        after = [c for c in verb.rights
                 if c.pos_ == "PROPN" and c.dep_ in {"dobj", "attr", "npadvmod", "oprd", "appos", "dep"}]
        subject = after[0] if after else None
        if subject is None:
            return _phrase_after(verb)  # the parse hung the name on a later verb ("said Ann Lee, who …")
    if subject is None:
        # "…, according to X": the object of "according to".
        return None
    phrase = _noun_phrase(subject)
    return phrase.start_char, phrase.end_char, phrase.text, subject.text


def _verb_before_colon(doc: Doc, p_start: int) -> Token | None:
    """The speech verb of a previous paragraph that ends in a colon ("He said:" then the quote)."""
    text = doc_text(doc)
    end = p_start - 1
    while end >= 0 and text[end].isspace():
        end -= 1
    if end < 0 or text[end] != ":":
        return None
    span = doc.char_span(end, end + 1, alignment_mode="expand")
    if span is None or not len(span):
        return None
    sent = sent_of(span[0])
    return _speech_verb_near(sent, (end, end + 1))


def _speech_verb_right_after(doc: Doc, quote: Span) -> Token | None:
    """A speech verb within the four words after the closing mark (“…,” Mr. Lee said), whatever the
    sentence split says."""
    for token in doc[quote.end:quote.end + 5]:
        if token.is_space or token.text in _OPENERS or token.text in _ANY_CLOSE or token.text in ".;:!?":
            return None
        if token.lemma_.lower() in SPEECH_VERBS and token.pos_ == "VERB":
            return token
    return None


def _verb_after_quote(doc: Doc, quote: Span, inner: str) -> Token | None:
    """The verb of a short clause right after a quote ending in , ? or ! (“…,” Hannity pressed.)."""
    if not inner or inner[-1] not in ",?!":
        return None
    tokens = []
    for token in doc[quote.end:]:
        if token.is_space or token.text in _OPENERS or token.text in _ANY_CLOSE or (
                token.is_punct and token.text in ".;:!?"):
            break
        tokens.append(token)
    if not tokens or len(tokens) > 6:
        return None
    for token in tokens:
        if token.pos_ == "VERB" and any(c.dep_ == "nsubj" and c in tokens for c in token.children):
            return token
    return None


def _verb_introducing(doc: Doc, text: str, p_start: int, start: int) -> Token | None:
    """The main verb of a clause ending in a colon right before the quote ("She put it bluntly: “…”")."""
    before = text[p_start:start].rstrip()
    if not before.endswith(":"):
        return None
    colon = doc.char_span(p_start + len(before) - 1, p_start + len(before), alignment_mode="expand")
    if colon is None or not len(colon):
        return None
    root = sent_of(colon[0]).root
    return root if root.pos_ in {"VERB", "AUX"} and root.i < colon[0].i else None


def _verb_right_before(doc: Doc, quote: Span) -> Token | None:
    """A verb standing right before the opening mark, after at most a comma or colon ("he boomed, “…”")."""
    i = quote.start - 1
    while i >= 0 and (doc[i].is_space or doc[i].text in {",", ":"}):
        i -= 1
    if i < 0 or doc[i].pos_ != "VERB" or doc[i].idx <= doc_text(doc).rfind("\n", 0, quote.start_char):
        return None
    return doc[i]


def _speaker_or_clause_subject(verb: Token) -> tuple[int, int, str, str] | None:
    """The verb's speaker or, for a participle the parse left without one ("…, writing “…”"), the
    subject of the nearest verb before it in its sentence."""
    speaker = _speaker(verb)
    if speaker is not None or verb.tag_ != "VBG":
        return speaker
    for token in reversed(list(sent_of(verb)[:verb.i - sent_of(verb).start])):
        if token.pos_ in {"VERB", "AUX"} and any(c.dep_ == "nsubj" for c in token.children):
            return _speaker(token)
    return None


def _verb_of_previous_sentence(doc: Doc, quote: Span, p_start: int) -> Token | None:
    """A quote that opens a sentence, after a sentence of the same paragraph with a speech verb
    ("Lee said she would run. “It is time.”")."""
    sent = sent_of(quote[0])
    if any(not t.is_space and not t.is_punct for t in doc[sent.start:quote.start]) or sent.start == 0:
        return None
    previous = sent_of(doc[sent.start - 1])
    if previous.start_char < p_start or "\n" in doc_text(doc)[previous.end_char:quote.start_char]:
        return None
    if any(t.text in _OPENERS or t.text in _ANY_CLOSE for t in previous if t.idx < quote.start_char):
        return None  # a sentence with quotes of its own is attributed on its own
    verbs = [t for t in previous if t.lemma_.lower() in SPEECH_VERBS and t.pos_ == "VERB"]
    return verbs[0] if verbs else None


def _label_speaker(doc: Doc, text: str, p_start: int, start: int) -> tuple[int, int, str, str] | None:
    """A name and colon right before the quote, opening the paragraph or after a dash
    ("Topic - Jane Roe: “…”")."""
    before = text[p_start:start]
    cut = max(before.rfind(" - "), before.rfind(" – "), before.rfind(" — "))
    offset = cut + 3 if cut >= 0 else 0
    source = re.match(r"(?:more )?from (?:the )?", before[offset:], flags=re.IGNORECASE)  # "More from Jones: “…”"
    if source:
        offset += source.end()
    first = "[A-Za-z]" if source else "[A-Z]"  # "from the report:" may be lower case, a bare label is a name
    match = re.fullmatch("(" + first + r"[^\n:“”\"‘’]{0,40}?):\s*", before[offset:])
    if match is None:
        return None
    return _name_span(doc, p_start + offset, p_start + offset + match.end(1), named=source is None)


def _name_span(doc: Doc, start: int, end: int, named: bool = True) -> tuple[int, int, str, str] | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span) or len(span) > 5:
        return None
    if named and not all(t.text[0].isupper() for t in span if t.is_alpha):
        return None
    if any(t.pos_ in {"VERB", "AUX"} for t in span):
        return None  # a name, not a clause
    return span.start_char, span.end_char, span.text, span.root.text


def _headline_speaker(doc: Doc, text: str, p_start: int, start: int) -> tuple[int, int, str, str] | None:
    """A one-line paragraph "Name: … ‘quote’" (a headline): the short name before the colon speaks."""
    match = re.match(r"([A-Z][^\n:“”\"‘’]{0,40}?):\s", text[p_start:start])
    if match is None:
        return None
    return _name_span(doc, p_start, p_start + match.end(1))


def _outside_text(text: str, p_start: int, start: int, end: int, p_end: int) -> str:
    """The paragraph's text around a quote."""
    return text[p_start:start].strip() + text[end:p_end].strip()


def _verb_ending_paragraph(doc: Doc, text: str, p_start: int) -> Token | None:
    """The speech verb of the last sentence of the previous paragraph, when that sentence reports speech
    itself (". …, he told reporters." or "She said the plan would fail.")."""
    end = p_start - 1
    while end >= 0 and text[end].isspace():
        end -= 1
    if end < 0 or text[end] not in ".!?”\"’'":
        return None
    span = doc.char_span(end, end + 1, alignment_mode="expand")
    if span is None or not len(span):
        return None
    sent = sent_of(span[0])
    verbs = [t for t in sent if t.lemma_.lower() in SPEECH_VERBS and t.pos_ == "VERB" and _subject_of(t) is not None]
    return verbs[-1] if verbs else None


def _paragraph_bounds(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, (len(text) if end == -1 else end)


def extract_quotes(doc: Doc) -> list[QuoteCandidate]:
    """Direct, continued, mixed and indirect quotes of ``doc`` with speaker spans."""
    text = doc_text(doc)
    quotes: list[QuoteCandidate] = []
    direct_spans = find_quote_spans(text)
    previous: QuoteCandidate | None = None
    for start, end in direct_spans:
        width = 2 if text.startswith(("''", "``"), start) else 1
        inner = text[start + width:end].rstrip("”\"»“’' \n")
        inner_start = start + width
        words = len(inner.split())
        span = doc.char_span(start, end, alignment_mode="expand")
        sent = sent_of(span[0]) if span is not None and len(span) else None
        p_start, p_end = _paragraph_bounds(text, start)
        verb = None
        label = _label_speaker(doc, text, p_start, start)  # "Topic - Jane Roe: “…”"
        if sent is not None and label is None:
            verb = (_speech_verb_right_after(doc, span) if inner[-1:] in {",", "?", "!"} else None) \
                or _speech_verb_near(sent, (start, end))
            if verb is None and span is not None and span[-1].i + 1 < len(doc):
                after = doc[span[-1].i + 1]
                if not after.is_space and sent_of(after) != sent:
                    verb = _speech_verb_near(sent_of(after), (start, end)) if after.idx < p_end else None
        if verb is None and span is not None and len(span):
            verb = _verb_after_quote(doc, span, inner)  # “…,” Hannity pressed.
        if verb is None and not text[p_start:start].strip():
            verb = _verb_before_colon(doc, p_start)  # "X said:" ends the paragraph before
        if (verb is None and not _outside_text(text, p_start, start, end, p_end)
                and not (previous is not None and previous.speaker_text and text[previous.end:start].count("\n") <= 2)):
            verb = _verb_ending_paragraph(doc, text, p_start)  # "…, he told reporters." then a quote paragraph
        speaker = _speaker(verb) if verb is not None else label
        if speaker is None and verb is None:
            speaker = _headline_speaker(doc, text, p_start, start)  # "Smith: Plan ‘Will Fail.’"
        if speaker is None and span is not None and len(span) and words > 3:
            verb = _verb_introducing(doc, text, p_start, start) or _verb_of_previous_sentence(doc, span, p_start)
            speaker = _speaker(verb) if verb is not None else None
            if speaker is None:
                verb = _verb_right_before(doc, span)  # "…, then boomed, “…”"; "…, writing “…”"
                speaker = _speaker_or_clause_subject(verb) if verb is not None else None
            if speaker is None:
                verb = None
        outside = text[p_start:start].strip() + text[end:p_end].strip()
        same_paragraph = previous is not None and "\n" not in text[previous.end:start]
        if words <= 3 and outside:
            kind = "mixed"
        elif speaker is not None:
            kind = "direct"
        elif (previous is not None and previous.speaker_text and not outside
              and text[previous.end:start].count("\n") <= 2):
            kind = "continuation"
            speaker = (previous.speaker_start, previous.speaker_end, previous.speaker_text, previous.speaker_head)
        elif same_paragraph and previous is not None and previous.speaker_text:
            # “A,” she said. “B.”: the second half of an interrupted quote keeps the speaker.
            kind = "continuation"
            speaker = (previous.speaker_start, previous.speaker_end, previous.speaker_text, previous.speaker_head)
        else:
            kind = "unattributed"
        candidate = QuoteCandidate(
            inner, inner_start, inner_start + len(inner), kind,
            speaker[0] if speaker else None, speaker[1] if speaker else None,
            speaker[2] if speaker else None, speaker[3] if speaker else None,
            verb.text if verb is not None and kind != "continuation" else None,
        )
        quotes.append(candidate)
        if kind != "mixed" or (candidate.speaker_text and not text[p_start:start].strip()):
            # “Short,” she said. “Then more.”: a short opening quote with a speaker still passes it on.
            previous = candidate
    return _merge_mixed(quotes, _indirect_quotes(doc, direct_spans))


def _merge_mixed(direct: list[QuoteCandidate], indirect: list[QuoteCandidate]) -> list[QuoteCandidate]:
    """Fold quoted fragments into the reported speech around them.

    'She said the plan was “a total disaster”' is one mixed quote: the
    reported clause, kind ``mixed``, with the quoted words inside it.  A short
    quoted fragment with no speech verb anywhere near ("the “Gang of Eight”")
    is a title or a scare quote, not somebody's words, and is left out.
    """
    merged: list[QuoteCandidate] = []
    for cand in indirect:
        inner = [q for q in direct if cand.start <= q.start and q.end <= cand.end]
        merged.append(replace(cand, kind="mixed") if inner else cand)
    covered = [(q.start, q.end) for q in indirect]
    for cand in direct:
        if any(s <= cand.start and cand.end <= e for s, e in covered):
            continue
        if cand.kind == "mixed" and cand.speaker_text is None:
            continue
        merged.append(cand)
    merged.sort(key=lambda q: q.start)
    return merged


def _quoted_share(span: Span, direct_spans: list[tuple[int, int]]) -> float:
    """Share of the span's characters that lie inside quote marks."""
    start, end = span.start_char, span.end_char
    inside = sum(max(0, min(end, e) - max(start, s)) for s, e in direct_spans)
    return inside / max(1, end - start)


def _indirect_quotes(doc: Doc, direct_spans: list[tuple[int, int]]) -> list[QuoteCandidate]:
    """Reported speech: speech verb + clausal complement, and "according to X"."""

    def inside_direct(offset: int) -> bool:
        return any(s <= offset < e for s, e in direct_spans)

    found: list[QuoteCandidate] = []
    for token in doc:
        if inside_direct(token.idx):
            continue
        if token.lemma_.lower() in SPEECH_VERBS and token.pos_ == "VERB":
            comps = [c for c in token.children if c.dep_ in {"ccomp", "xcomp"} and c.pos_ in {"VERB", "AUX"}]
            comps = [c for c in comps if c.dep_ == "ccomp" or token.lemma_.lower() in _INFINITIVE_VERBS]
            if not comps:
                continue
            clause = comps[0]
            left, right = clause.left_edge.i, clause.right_edge.i
            while right > left and doc[right].is_punct:
                right -= 1
            if doc[left].lower_ == "that":
                left += 1
            span = doc[left:right + 1]
            if len(span) < 3 or _quoted_share(span, direct_spans) >= 0.6:
                continue  # the words are a direct quote already
            speaker = _speaker(token)
            found.append(QuoteCandidate(
                span.text, span.start_char, span.end_char, "indirect",
                speaker[0] if speaker else None, speaker[1] if speaker else None,
                speaker[2] if speaker else None, speaker[3] if speaker else None, token.text))
        elif token.lower_ == "according" and token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "to":
            source = doc[token.i + 2]
            sent = sent_of(token)
            while source.head.i != source.i and source.head.i > token.i + 1 and source.head.i < sent.end:
                if source.dep_ == "pobj":
                    break
                source = source.head
            phrase = _noun_phrase(source)
            rest = [t for t in sent if not (token.i <= t.i < phrase.end) and not t.is_punct]
            if len(rest) < 3:
                continue
            body = doc[rest[0].i:rest[-1].i + 1]
            if body.start <= token.i < body.end:  # "X, according to Y, did Z": take the main clause only
                body = doc[phrase.end:rest[-1].i + 1] if token.i == sent.start else doc[sent.start:token.i]
                body = doc[body.start:body.end]
                while len(body) and (body[-1].is_punct or body[-1].is_space):
                    body = doc[body.start:body.end - 1]
            if len(body) < 3:
                continue
            found.append(QuoteCandidate(
                body.text, body.start_char, body.end_char, "indirect", phrase.start_char, phrase.end_char,
                phrase.text, source.text, "according to"))
    return found
