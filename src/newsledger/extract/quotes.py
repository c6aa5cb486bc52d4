"""Quotes and their speakers.

Direct quotes are found from quote characters (curly or straight, single or
double, typewriter ''pairs'', matched in either style, unbalanced ones closed
at the end of their paragraph); a speaker comes from a speech verb in the
quote's own sentence, the text just around it ("X said:", "…," X said) or a
previous paragraph ending in a colon ("X said:", "X issued this statement:",
"Added X:").  A paragraph that is only a quote, right after a quote by a known
speaker, continues that speaker's quote, and so does the second half of an
interrupted quote (“A,” she said. “B.”), however short its first half.
When no speech verb is at hand, the speaker comes from the structure
around the quote: a short clause right after it (“…?” Lee pressed), a verb
right before its opening mark (he boomed, “…”), a clause ending in a colon,
a name and colon before it ("Topic - Jane Roe: “…”", "More from Roe:", a
headline "Roe: Plan ‘Will Fail’"), the previous sentence of the paragraph
or the last sentence of the previous paragraph when they report speech.
A speech verb right after the closing mark beats one earlier in the
sentence, a participle or infinitive without a subject takes the subject
of the clause above it, and the object of "led X to warn" is who speaks.
Indirect speech is read from the parse: a verb of saying, believing or learning
with a clausal complement ("X said that …"), a directive or promise with a
to-infinitive ("X called on Y to …"), a parenthetical speech verb and the clause
it interrupts ("The plan, X said, will fail"), the clause that an "as" clause of
reporting hangs on ("As the Times reported, …", "as reported by X"; not "as X
continued"), or "according to X"; a to-infinitive says enough in two words ("X
declined to comment").  In a main or a subordinate clause with a speaker ("…, citing X", "who backed X"), a stated
intention ("X wants to …", "X wants Y to …"), the object of a verb of judging or
backing ("X criticized the plan", "X called for a ban") and what a verb of casting
makes of its object ("X called the plan a disaster", "X sees Y as …") count too;
so do passive hearsay and raising verbs with no speaker ("the bridge is expected
to reopen", "is seen as", "Lee seemed ready to quit"), a claim noun ("his claim
that …", "her plan to …", "criticism of X", held by its possessor or by the subject
of the verb that utters or takes it up), an adjective of attitude ("X was critical
of …", "X is concerned that …") and a finding "in" a poll or a study.  A verb
inside what another verb of saying reports, and a claim inside another, add no
quote of their own.  Quoted words
inside reported speech make one ``mixed`` quote; a short quoted fragment with
no speaker is a title or scare quote and is dropped, and so is a quote whose
words are all capitalised in a sentence of ordinary prose, the title of a work
(“The Rachel Maddow Show”); in a headline, capitalised throughout, it is words.  Speakers are returned
as character spans; the pipeline maps them to entities.

Speaker rules beyond the verb's subject: a word inside quote marks is never a
speaker (the name next to the verb is taken instead); a quote in a clause with
no speech verb belongs to that clause's subject when it can speak ("Moore
thanked him for “…”"); a relative pronoun stands for the whole phrase before
it ("Ann Lee, a lawyer, who said"); a described subject with a name in
apposition is that name; a noun with a speaking participle speaks ("emails
showing that …"), and so does the asker of "Asked by X whether …"; a line
"— Name" after a quote paragraph credits it.  A picture that "shows" or
"reveals" depicts, it does not speak.  A personal or possessive pronoun
speaker ("he", "she", "they", "his plan to …", "their call for …") gets
``referent_*``: the phrase it refers back to, found from the parse (the subject
of a clause above it, an earlier subject of its sentence, the speaker of an
earlier quote of the paragraph, the latest subject of the sentences before),
agreeing in number and, when titles or the article's own pronouns tell it, in
gender.

A speaker is named with words: a subject that is punctuation, a link or a
spreadsheet formula ("=HYPERLINK(…) said officials") is passed over for the name
next to the verb, and what is no word is trimmed from a speaker's edges.
Content with no word outside links ("http://evil.example", "100%") is no quote.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token
from ..annotate import doc_ents, doc_text, sent_of, sentences, token_words

__all__ = ["QuoteCandidate", "extract_quotes", "find_quote_spans", "SPEECH_VERBS", "PronounResolver"]

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
# What a picture "shows" or "reveals" is what it depicts, evidence rather than somebody's words: "Photos of the
# massacre showed the fighters …" is no quote, while "The poll shows …" and "The report reveals …" are claims.
_DEPICTION_VERBS = {"show", "reveal", "depict"}
_VISUAL_NOUNS = {"photo", "photograph", "picture", "image", "video", "footage", "film", "clip", "still", "snapshot",
                 "screenshot", "camera", "imagery", "scan", "x-ray", "map", "drawing", "painting"}
# Verbs whose to-infinitive complement is what was said: "called on Iraq to end …", "vowed to fight".
_INFINITIVE_VERBS = {"call", "urge", "claim", "ask", "promise", "vow", "pledge", "threaten", "demand", "propose",
                     "warn", "advise", "instruct", "order", "plead", "beg", "refuse", "decline", "agree", "offer",
                     "appeal", "encourage", "tell", "remind", "insist"}
# Verbs of wanting and intending: what somebody "wants to", "plans to" or "refuses to" do is their stated
# intention, a claim of the ledger as much as what they say they will do.
_INTENTION_VERBS = {"want", "seek", "plan", "hope", "decide", "intend", "aim", "prefer", "wish", "expect"}
# Verbs of speaking about, judging or backing something, with what their object is met by ("" for a direct
# object): "criticized the plan", "called for a ban", "talked about taxes".
_STANCE_VERBS: dict[str, set[str]] = {
    **{v: {""} for v in (
        "support", "favor", "embrace", "tweet", "endorse", "criticize", "criticise", "defend", "cite", "accuse",
        "announce", "describe", "back", "mention", "attack", "oppose", "discuss", "praise", "question", "denounce",
        "blame", "dismiss", "propose", "reject", "express", "slam", "tout", "claim", "report", "recall",
        "acknowledge", "deny", "mock", "blast", "promote", "explain", "challenge", "highlight", "condemn", "applaud",
        "decry", "demand", "predict", "promise", "dispute", "hail", "reiterate", "repeat", "reveal", "disclose",
        "urge", "recommend", "advocate", "lament", "confirm", "suggest")},
    "talk": {"about"}, "speak": {"about", "of"}, "write": {"about", "of"}, "comment": {"on"},
    "complain": {"about", "of"}, "warn": {"of", "about", "against"}, "testify": {"about", "on"},
    "call": {"for"}, "push": {"for"}, "press": {"for"}, "argue": {"for", "against"}, "vote": {"for", "against"},
    "point": {"to"}, "refer": {"to"}, "agree": {"on", "with"}, "ask": {"about", "for"}, "rail": {"against"},
    "vouch": {"for"}, "apologize": {"for"}, "brag": {"about"}, "boast": {"about", "of"}, "disagree": {"with", "on"},
    "say": {""}, "hint": {"at"}, "think": {"about", "of"}, "worry": {"about"}, "care": {"about"}, "focus": {"on"},
    "respond": {"to"}, "react": {"to"}, "campaign": {"for", "against", "on"}, "fight": {"for", "against"},
    "lobby": {"for", "against"}, "object": {"to"}, "reply": {"to"}, "side": {"with"}, "weigh": {"in"},
    "show": {""},
}
# Verbs of coming to know, whose that-clause is a claim of their subject: "he learned that …".
_REALIZING_VERBS = {"learn", "hear", "discover", "calculate", "posit", "envision", "clarify", "notice", "imagine"}
# Verbs whose passive puts a claim on nobody in particular: "is expected to win", "is said to be ill".
_HEARSAY_VERBS = {"expect", "believe", "think", "say", "report", "rumor", "rumour", "project", "predict",
                  "estimate", "suppose", "allege"}
# Relative pronouns that stand for the noun their clause hangs on: "officials who said …".
_RELATIVE = {"who", "that", "which", "whom"}
_WILLING_VERBS = _INFINITIVE_VERBS | _INTENTION_VERBS
# Verbs that cast their object as something: "called the plan a disaster", "sees Lee as a leader",
# "consider him a phony".  The object with what it is cast as is the claim.
_CASTING_VERBS = {"call", "see", "view", "consider", "describe", "regard", "label", "brand", "deem", "portray",
                  "find", "characterize", "characterise", "dub", "term", "declare"}
# Raising verbs: "X seems to …", "X appears ready", "It seems that …" put a claim on nobody in particular.
_RAISING_VERBS = {"seem", "appear"}
# Nouns whose that-clause is somebody's claim: "the claim that …", "his warning that …".
_CLAIM_NOUNS = {"claim", "assertion", "statement", "allegation", "accusation", "argument", "belief", "view",
                "warning", "complaint", "charge", "suggestion", "promise", "pledge", "vow", "threat", "report",
                "rumor", "rumour", "fear", "concern", "hope", "notion", "insistence", "contention", "prediction",
                "speculation", "admission", "denial", "acknowledgment", "acknowledgement", "announcement",
                "message", "criticism", "assurance", "conclusion", "finding", "estimate", "suspicion", "worry",
                "expectation", "theory", "assessment", "opinion", "position", "idea", "sense", "feeling",
                "impression", "confidence", "doubt", "question", "indication", "signal", "reminder", "point",
                "case", "explanation", "excuse", "answer", "response", "reply", "remark", "comment", "testimony",
                "projection", "forecast", "insinuation", "implication", "evidence", "sign"}
# Nouns whose to-infinitive is an intention: "her plan to …", "the decision to …".
_INTENTION_NOUNS = {"plan", "decision", "promise", "pledge", "vow", "threat", "call", "push", "bid", "refusal",
                    "offer", "proposal", "desire", "intention", "commitment", "demand", "request", "appeal",
                    "willingness", "determination", "goal", "aim", "wish", "urge", "order",
                    "invitation", "reluctance", "readiness", "eagerness", "vote", "move"}
# Nouns of judging or backing, with the prepositions their object takes: "criticism of the bill".
_STANCE_NOUNS: dict[str, set[str]] = {
    **{n: {"of", "for"} for n in ("support", "endorsement", "praise", "backing", "defense", "defence")},
    **{n: {"of", "over", "about", "against"} for n in ("criticism", "condemnation", "denunciation", "rejection")},
    **{n: {"to", "against"} for n in ("opposition", "objection", "resistance")},
    **{n: {"on", "about", "against"} for n in ("attack", "comment", "remark", "view", "position", "stance")},
    **{n: {"about", "over", "of"} for n in ("question", "concern", "complaint", "worry", "warning", "talk",
                                            "doubt", "fear")},
}
_NOUN_CUES = _CLAIM_NOUNS | _INTENTION_NOUNS | _STANCE_NOUNS.keys()
# Verbs that put out a claim their subject holds: "made the claim that …", "voiced concern about …".
_UTTERING_VERBS = {"make", "issue", "level", "voice", "express", "raise", "offer", "deliver", "give", "release",
                   "publish", "file", "send", "post", "lodge", "air", "share", "repeat", "reiterate", "renew",
                   "echo", "put", "announce", "outline", "present", "unveil", "have"}
# Adjectives of an attitude, whose complement is what their subject holds: "was critical of the plan",
# "are concerned that …", "is eager to run".
_STANCE_ADJECTIVES = {"critical", "supportive", "opposed", "concerned", "worried", "skeptical", "sceptical", "wary",
                      "confident", "sure", "certain", "convinced", "hopeful", "optimistic", "pessimistic", "happy",
                      "unhappy", "eager", "reluctant", "proud", "angry", "furious", "upset", "frustrated",
                      "disappointed", "pleased", "satisfied", "aware", "afraid", "nervous", "mistrustful",
                      "suspicious", "determined", "adamant", "enthusiastic", "excited", "irritated", "upfront",
                      "vocal", "outspoken", "dismissive", "fond", "loyal", "hostile", "sympathetic",
                      "anxious", "open", "comfortable", "uncomfortable", "careful", "grateful", "thankful"}
# Every lemma that may introduce reported content.
_CUE_LEMMAS = SPEECH_VERBS | _REALIZING_VERBS | _INFINITIVE_VERBS | _INTENTION_VERBS | _STANCE_VERBS.keys() \
    | _HEARSAY_VERBS | _CASTING_VERBS | _RAISING_VERBS
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
    # For a pronoun speaker ("he said"), the phrase it refers back to, read from the parse; None otherwise.
    referent_start: int | None = None
    referent_end: int | None = None
    referent_text: str | None = None


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
            nxt = _QUOTE_MARK.search(text, i + 1)  # no quote opens before the next mark
            i = nxt.start() if nxt is not None else n
    return spans


# Every character a quote can open with: the opening marks, and "`" of a typewriter ``quote''.
_QUOTE_MARK = re.compile("[" + re.escape("".join(_OPENERS)) + "`]")


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


def _speech_verb_near(sent: Span, quote: tuple[int, int], quoted: Sequence[tuple[int, int]] = ()) -> Token | None:
    """A speech verb of the sentence that lies outside the quote (and outside any other quote in ``quoted``)."""
    candidates = [t for t in sent if (t.lemma_.lower() in SPEECH_VERBS or _puts_it(t)) and t.pos_ in {"VERB", "AUX"}
                  and not (quote[0] <= t.idx < quote[1]) and not _inside(t.idx, quoted) and not _depicts(t)]
    if not candidates:
        return None
    # A verb right after the closing mark (“…,” said X; “…,” she said) wins, then the nearest one.
    right_after = [t for t in candidates if 0 <= t.idx - quote[1] <= 25
                   and not any(c in ".;:!?" for c in t.doc.text[quote[1]:t.idx])]
    if right_after:
        return min(right_after, key=lambda t: t.idx)
    return min(candidates, key=lambda t: min(abs(t.idx - quote[0]), abs(t.idx - quote[1])))


def _depicts(verb: Token) -> bool:
    """Whether the verb is a picture showing a scene ("Photos showed …", "a video showing …"), not speech."""
    if verb.lemma_.lower() not in _DEPICTION_VERBS:
        return False
    if verb.dep_ == "acl":  # "a video showing the attack"
        return verb.head.lemma_.lower() in _VISUAL_NOUNS
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None and verb.dep_ == "conj":
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    return subject is not None and subject.lemma_.lower() in _VISUAL_NOUNS


def _inside(offset: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= offset < e for s, e in spans)


def _phrase_next_to(verb: Token, quoted: list[tuple[int, int]]) -> tuple[int, int, str, str] | None:
    """The noun phrase right before the verb, or right after an inverted one, outside quote marks: the speaker
    when the parse took a word inside the quote for the subject (“… Ohio,'' Mr. Lee said)."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and verb.i - i <= 6 and (doc[i].pos_ in {"PROPN", "NOUN", "ADJ", "DET", "PRON"} or doc[i].text == "."
                                          or doc[i].tag_ == "POS" or doc[i].dep_ == "compound") \
            and not _inside(doc[i].idx, quoted):
        i -= 1
    phrase = doc[i + 1:verb.i]
    while len(phrase) and phrase[-1].lower_ in _RELATIVE:  # "the promise that worried": the noun, not "that"
        phrase = phrase[:-1]
    if len(phrase) and (phrase[-1].pos_ in {"PROPN", "NOUN", "PRON"} or phrase[-1].dep_ == "compound") \
            and verb.i - i <= 6:
        return phrase.start_char, phrase.end_char, phrase.text, phrase[-1].text
    after = _phrase_after(verb)
    return after if after is not None and not _inside(after[0], quoted) else None


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
    # The subject nearest the verb: in "The rules, the agency said, would …" the parse may give "said" both.
    # A subject with no word in it (a formula "=HYPERLINK(…)", a link, a stray mark) is nobody.
    for child in sorted((c for c in verb.children if c.dep_ == "nsubj" and _is_word(c)), key=lambda c: -c.i):
        if child.lower_ in _RELATIVE and verb.dep_ == "relcl":
            return verb.head  # "officials who said": the officials speak
        return child
    agent = next((c for c in verb.children if c.dep_ == "agent"), None) if verb.tag_ == "VBN" else None
    if agent is not None:  # a participle with its asker: "Asked by Ann Lee whether …, he said …"
        return next((g for g in agent.children if g.dep_ == "pobj"), None)
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
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in {"NOUN", "PROPN", "NUM", "PRON"}:
        return verb.head  # "emails showing that …", "half of voters saying they …": the noun speaks
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


# What a word cannot hold: the brackets, quote marks and operators of a formula or a link ("=HYPERLINK(…)").
_NOT_IN_WORDS = re.compile(r"[=()\[\]{}<>\"“”|\\]|://")


def _is_word(token: Token) -> bool:
    """Whether the token is a word a speaker can be named with (a name, a number, "%"), not punctuation, a
    link or a formula (a spreadsheet's "=A1" is split into "=" and "A1")."""
    if token.i > 0 and token.nbor(-1).text.endswith("=") and not token.nbor(-1).whitespace_:
        return False
    text = token.text
    return (text == "%" or any(c.isalnum() for c in text)) and _NOT_IN_WORDS.search(text) is None


def _only_words(doc: Doc, start: int, end: int) -> tuple[int, int, str] | None:
    """A speaker span without what is no word at its edges (a formula before "officials", the line break after
    it); None when no word is left."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    words = [t for t in span if _is_word(t)]
    if not words:
        return None
    first = words[0].i
    last = span.end - 1
    while last > first and not _is_word(doc[last]) and doc[last].text not in {")", ".", "\"", "”", "’", "'"}:
        last -= 1
    trimmed = doc[first:last + 1]
    return trimmed.start_char, trimmed.end_char, trimmed.text


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
    if not len(phrase) or end - verb.i > 6 or any(t.ent_type_ in {"DATE", "TIME"} for t in phrase):
        return None
    if phrase[-1].pos_ != "PROPN" and not (phrase[-1].pos_ == "NOUN" and phrase[0].pos_ == "DET"):
        return None  # a name ("said Ann Lee") or a determined noun ("said the woman"), not "said today"
    return phrase.start_char, phrase.end_char, phrase.text, phrase[-1].text


def _speaker(verb: Token) -> tuple[int, int, str, str] | None:
    subject = _subject_of(verb)
    left = [c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i]
    if subject is None and left and any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children):
        # "Ann Lee, a rabbi helping …, said he …": the parse made the described name a clause of its own.
        subject = next((c for c in left[0].children if c.dep_ == "nsubj" and c.i < left[0].i), None)
    formula = any(c.dep_ == "nsubj" and not _is_word(c) for c in verb.children)  # "=A1 said officials"
    if subject is None and verb.i > 0 and (verb.nbor(-1).is_punct or formula) and verb.dep_ != "relcl":
        # “…,” said Skelly: a name right after the inverted verb is its subject, whatever the parse.
        after = [c for c in verb.rights if (c.pos_ == "PROPN" or (formula and c.pos_ == "NOUN"))
                 and c.dep_ in {"dobj", "attr", "npadvmod", "oprd", "appos", "dep", "nsubj"}]
        subject = after[0] if after else None
        if subject is None:
            return _phrase_after(verb)  # the parse hung the name on a later verb ("said Ann Lee, who …")
    if subject is None and left:
        return _phrase_next_to(verb, [])  # "…, Federal Election Commission records show.": a mis-tagged subject
    if subject is None and verb.dep_ == "ROOT" and _opens_sentence(verb):
        return _phrase_after(verb)  # "Continued Stone: …": an inverted verb opening its sentence
    if subject is None:
        return None
    phrase = _antecedent_phrase(subject, verb)
    if phrase is None and subject.pos_ in {"NOUN", "NUM"}:
        # "One of the men, Jessie Lee, 70, said": the name in apposition says who the description is.
        name = next((c for c in subject.rights if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if name is not None:
            subject = name
    phrase = phrase or _noun_phrase(subject)
    return phrase.start_char, phrase.end_char, phrase.text, subject.text


def _antecedent_phrase(noun: Token, verb: Token) -> Span | None:
    """For a speaker named by a relative pronoun, the whole phrase the pronoun stands for, with its
    appositions and conjuncts, up to the pronoun ("Ann Lee, a lawyer from Ohio, who said …")."""
    doc = noun.doc
    for clause in noun.rights:
        pronoun = next((c for c in clause.children if c.dep_ == "nsubj" and c.lower_ in _RELATIVE), None)
        if clause.dep_ != "relcl" or pronoun is None or not (clause == verb or clause in verb.ancestors):
            continue
        top = noun
        while top.dep_ in {"appos", "conj"} and top.head.i < top.i:
            top = top.head
        end = pronoun.i
        while end > top.i and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        if end - top.left_edge.i > 30:
            return None
        return doc[top.left_edge.i:end]
    return None


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
    for token in doc[_after_marks(doc, quote.end):]:
        if token.is_space or token.text in _OPENERS or token.text in _ANY_CLOSE or (
                token.is_punct and token.text in ".;:!?"):
            break
        tokens.append(token)
    if not tokens or len(tokens) > 30:
        return None
    if len(tokens) <= 6:
        for token in tokens:
            if token.pos_ == "VERB" and any(c.dep_ == "nsubj" and c in tokens for c in token.children):
                return token
    # A longer clause: its first speech verb when a noun phrase opens it (“…,” Ann Lee, now 81 and retired
    # in Ohio, said), however the parse hung the two together.
    if _phrase_opening(doc, tokens[0].i) is None:
        return None
    return next((t for t in tokens if t.pos_ == "VERB" and t.lemma_.lower() in SPEECH_VERBS), None)


def _phrase_opening(doc: Doc, i: int) -> tuple[int, int, str, str] | None:
    """The name or determined noun phrase that opens a clause at token ``i``, up to a comma or a verb."""
    end = i
    while end < len(doc) and end - i < 7 and (doc[end].pos_ in {"PROPN", "NOUN", "ADJ", "DET", "NUM"}
                                              or doc[end].tag_ == "POS" or doc[end].text == "."):
        end += 1
    phrase = doc[i:end]
    if not len(phrase) or end - i >= 7 or phrase[-1].text == ".":
        return None
    if phrase[-1].pos_ != "PROPN" and not (phrase[-1].pos_ == "NOUN" and phrase[0].pos_ == "DET"):
        return None
    return phrase.start_char, phrase.end_char, phrase.text, phrase[-1].text


def _after_marks(doc: Doc, i: int) -> int:
    """The first token at or after ``i`` that is not a stray closing mark left after the quote's own
    (a quote within a quote ending in three marks), nor a space inside the line."""
    while i < len(doc) and ((doc[i].text and all(c in "'’”\"" for c in doc[i].text))
                            or (doc[i].is_space and "\n" not in doc[i].text)):
        i += 1
    return i


def _verb_introducing(doc: Doc, text: str, p_start: int, start: int) -> Token | None:
    """The main verb of a clause ending in a colon right before the quote ("She put it bluntly: “…”")."""
    before = text[p_start:start].rstrip()
    if not before.endswith((":", "--", "—", "–", " -")):
        return None  # a colon or a dash ends the clause that introduces the quote
    colon = doc.char_span(p_start + len(before) - 1, p_start + len(before), alignment_mode="expand")
    if colon is None or not len(colon):
        return None
    token = colon[0]
    for _ in range(6):  # the clause the colon or dash ends, even when the parse made the quote its root
        token = token.head
        if token.pos_ in {"VERB", "AUX"} and token.i < colon[0].i:
            return token
        if token.head.i == token.i:
            break
    root = sent_of(colon[0]).root
    return root if root.pos_ in {"VERB", "AUX"} and root.i < colon[0].i else None


def _verb_introducing_paragraph(doc: Doc, text: str, p_start: int) -> Token | None:
    """The main verb of a previous paragraph that ends in a colon, whatever the verb, when its subject can
    speak or follows it ("Trump issued the following statement:", "Lee echoed:", "Continued Lee:")."""
    end = p_start - 1
    while end >= 0 and text[end].isspace():
        end -= 1
    if end < 0 or text[end] != ":":
        return None
    verb = _verb_introducing(doc, text, text.rfind("\n", 0, end) + 1, end + 1)
    if verb is None:
        return None
    subject = _subject_of(verb)
    return verb if (subject is not None and _can_speak(subject)) or (subject is None and _opens_sentence(verb)) \
        else None


def _opens_sentence(verb: Token) -> bool:
    """Whether the verb is the first word of its sentence, its subject after it ("Added the mayor: …")."""
    return not any(not t.is_space and not t.is_punct for t in verb.doc[sent_of(verb).start:verb.i])


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


def _clause_subject(doc: Doc, quote: Span, quoted: list[tuple[int, int]]) -> tuple[int, int, str, str] | None:
    """Who speaks a quote embedded in a clause with no speech verb: the subject of the verb the quote
    hangs on ("Moore thanked him for “stepping up …”", "Bush interjected by hitting Trump for “…”")."""
    inner = [t for t in quote if t.text not in _OPENERS and t.text not in _ANY_CLOSE and not t.is_space]
    if not inner:
        return None
    sent = sent_of(inner[0])
    token = next((t for t in inner if not (quote.start <= t.head.i < quote.end)), None)
    if token is None or not (sent.start <= token.head.i < sent.end):
        return None
    for _ in range(8):
        token = token.head
        if token.pos_ in {"VERB", "AUX"} and not (quote.start <= token.i < quote.end):
            subject = _subject_of(token)
            if subject is not None and _can_speak(subject) and not _inside(subject.idx, quoted):
                return _speaker(token)
        if token.head.i == token.i:
            break
    return None


# Nouns that name who or what can voice words: people by role, groups, and texts ("the statement says").
_SOURCE_NOUNS = {
    "official", "spokesman", "spokeswoman", "spokesperson", "aide", "adviser", "advisor", "leader", "president",
    "candidate", "senator", "lawmaker", "governor", "mayor", "minister", "secretary", "chairman", "chairwoman",
    "director", "chief", "head", "executive", "manager", "member", "supporter", "critic", "opponent", "rival",
    "voter", "resident", "protester", "activist", "expert", "analyst", "economist", "strategist", "pollster",
    "lawyer", "attorney", "judge", "prosecutor", "witness", "victim", "survivor", "officer", "commander",
    "soldier", "worker", "employee", "student", "teacher", "doctor", "scientist", "researcher", "author",
    "writer", "reporter", "journalist", "editor", "host", "anchor", "moderator", "commentator", "columnist",
    "man", "woman", "person", "people", "friend", "father", "mother", "son", "daughter", "wife", "husband",
    "group", "party", "campaign", "committee", "council", "government", "administration", "agency", "ministry",
    "department", "company", "organization", "organisation", "union", "coalition", "court", "police", "army",
    "statement", "report", "poll", "survey", "study", "document", "letter", "memo", "editorial", "ad",
    "advertisement", "message", "tweet", "post", "release", "complaint", "lawsuit", "filing", "ruling",
    "petition", "website", "site", "book", "article", "column", "speech", "interview", "transcript",
}


def _can_speak(subject: Token) -> bool:
    """Whether a subject may be a quote's source: a name, a personal pronoun or a noun of ``_SOURCE_NOUNS``."""
    if subject.pos_ == "PROPN" or subject.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}:
        return True
    if subject.pos_ == "PRON":
        return subject.lower_ in {"he", "she", "they", "i", "we", "who"}
    return subject.lemma_.lower() in _SOURCE_NOUNS


def _label_speaker(doc: Doc, text: str, p_start: int, start: int) -> tuple[int, int, str, str] | None:
    """A name and colon right before the quote, opening the paragraph or after a dash
    ("Topic - Jane Roe: “…”")."""
    before = text[p_start:start]
    # A label opens the paragraph, follows a dash, or opens a sentence (not after "Rep." or "Mr.").
    stops = [m.end() for m in re.finditer(r"\b(\w+)\. ", before)
             if not (m.group(1)[:1].isupper() and len(m.group(1)) <= 4)]
    cut = max(before.rfind(" - "), before.rfind(" – "), before.rfind(" — "))
    offset = max(cut + 3 if cut >= 0 else 0, max(stops, default=0))
    source = re.match(r"(?:more )?from (?:the )?", before[offset:], flags=re.IGNORECASE)  # "More from Jones: “…”"
    if source:
        offset += source.end()
    first = "[A-Za-z]" if source else "[A-Z]"  # "from the report:" may be lower case, a bare label is a name
    match = re.fullmatch("(" + first + r"[^\n:“”\"‘’]{0,40}?):\s*", before[offset:])
    if match is None:
        return None
    return _name_span(doc, p_start + offset, p_start + offset + match.end(1), named=source is None)


def _name_span(doc: Doc, start: int, end: int, named: bool = True) -> tuple[int, int, str, str] | None:
    """A short label naming who speaks: a name, or a description ending in one ("Former governor Ann Lee"),
    with a trailing parenthesis left out ("Rep. Ann Lee (R-Ohio)")."""
    label = doc_text(doc)[start:end]
    if label.endswith(")") and "(" in label:
        end = start + len(label[:label.rfind("(")].rstrip())
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span) or len(span) > 8:
        return None
    words = [t for t in span if t.is_alpha]
    if named and not (words and words[0].text[0].isupper() and words[-1].text[0].isupper()
                      and (len(span) <= 5 or words[-1].pos_ == "PROPN")):
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


def _credit_line(doc: Doc, text: str, p_end: int) -> tuple[int, int, str, str] | None:
    """A paragraph that credits the quote paragraph before it: a dash and a name ("— Ann Lee, Ohio.")."""
    match = re.match(r"\s*\n\s*[-—–]\s*([A-Z][^\n,.;:“”\"]{1,60}?)\s*(?:[,.;]|\n|$)", text[p_end:p_end + 120])
    if match is None:
        return None
    return _name_span(doc, p_end + match.start(1), p_end + match.end(1))


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


# Links and e-mail addresses: words of no language, so content made of them alone says nothing.
_LINK = re.compile(r"\S*://\S*|www\.\S+|\S+@\S+\.\S+")


def _has_words(text: str) -> bool:
    """Whether quoted content holds a word outside links: "http://evil.example" or "100%" alone is no quote."""
    return re.search(r"[^\W\d_]", _LINK.sub(" ", text)) is not None


def _with_word_speaker(doc: Doc, quote: QuoteCandidate) -> QuoteCandidate:
    """The quote with its speaker trimmed to words; a speaker with no word in it is none (a direct quote left
    without one is unattributed)."""
    if quote.speaker_start is None or quote.speaker_end is None:
        return quote
    words = _only_words(doc, quote.speaker_start, quote.speaker_end)
    if words is None:
        return replace(quote, speaker_start=None, speaker_end=None, speaker_text=None, speaker_head=None,
                       kind="unattributed" if quote.kind in {"direct", "continuation"} else quote.kind)
    if words[:2] == (quote.speaker_start, quote.speaker_end):
        return quote
    head = quote.speaker_head if quote.speaker_head and quote.speaker_head in words[2] else words[2].split()[-1]
    return replace(quote, speaker_start=words[0], speaker_end=words[1], speaker_text=words[2], speaker_head=head)


# Short words a title leaves in lower case ("Guardians of the Galaxy", "Flip the Script with Liz Plank").
_TITLE_SMALL_WORDS = {"a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "from", "by",
                      "with", "as", "into", "over", "is", "vs", "via", "per", "up"}


def _names_a_work(inner: str, rest_of_sentence: str) -> bool:
    """Whether quoted words are a title (“The Rachel Maddow Show”): every word capitalised but the small ones,
    in a sentence of ordinary prose (in a headline, where every word is capitalised, a quote is words)."""
    words = re.findall(r"[^\W\d_][\w’'-]*", inner)
    if len(words) < 2 or inner.isupper() or any(c in inner for c in "!?") or any(
            not w[0].isupper() and w.lower() not in _TITLE_SMALL_WORDS for w in words):
        return False
    return any(w[0].islower() and w.lower() not in _TITLE_SMALL_WORDS
               for w in re.findall(r"[^\W\d_][\w’'-]{3,}", rest_of_sentence))


# Verbs that voice capitalised words (a slogan, a chant, a cry) rather than name a work.
_VOICING = r"(?:said|says|shouted|shouts|shouting|chanted|chants|chanting|yelled|yells|yelling|cried|cries|" \
    r"screamed|screams|screaming|sang|sing|singing)"
_VOICED_BEFORE = re.compile(_VOICING + r"\s*[,:]?\s*$", re.IGNORECASE)
_VOICED_AFTER = re.compile(r"^\W*(?:[\w.'’-]+\s+){0,4}?" + _VOICING + r"\b", re.IGNORECASE)


def _shouted(before: str, after: str) -> bool:
    """Whether capitalised quoted words are voiced: “Allahu Akbar,” the attacker shouted; protesters chanted
    “Death To America”.  A slogan is somebody's words even when every word of it is capitalised like a title."""
    return bool(_VOICED_BEFORE.search(before) or _VOICED_AFTER.match(after))


def _paragraph_bounds(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, (len(text) if end == -1 else end)


# A speaker span as (start, end, text, head); a continuation copies the previous quote's, which may be unset.
_SpeakerFields = tuple[int | None, int | None, str | None, str | None]


@dataclass(frozen=True)
class _QuoteSite:
    """Where a direct quote sits (its words, sentence and paragraph), looked up once for every rule."""
    doc: Doc
    text: str
    start: int  # the opening mark
    end: int  # past the closing mark
    inner: str  # the quoted words, without the marks
    inner_start: int
    span: Span | None
    sent: Span | None
    p_start: int
    p_end: int
    quoted: list[tuple[int, int]]  # every direct quote of the text

    @property
    def words(self) -> int:
        """How many words are quoted: three or fewer inside a sentence make a mixed quote."""
        return len(self.inner.split())

    @property
    def outside(self) -> str:
        """The paragraph's text outside the quote ("" for a quote paragraph)."""
        return self.text[self.p_start:self.start].strip() + self.text[self.end:self.p_end].strip()


def extract_quotes(doc: Doc) -> list[QuoteCandidate]:
    """Direct, continued, mixed and indirect quotes of ``doc`` with speaker spans."""
    text = doc_text(doc)
    quotes: list[QuoteCandidate] = []
    direct_spans = find_quote_spans(text)
    previous: QuoteCandidate | None = None
    for start, end in direct_spans:
        site = _quote_site(doc, text, start, end, direct_spans)
        if _is_title(site):
            continue  # “The Rachel Maddow Show”, ''A Time for Truth,'': a title, not somebody's words
        label = _label_speaker(doc, text, site.p_start, start)  # "Topic - Jane Roe: “…”"
        speaker, verb = _quote_speaker(site, _quote_verb(site, label, previous), label)
        kind, speaker = _quote_kind(site, speaker, previous)
        candidate = QuoteCandidate(
            site.inner, site.inner_start, site.inner_start + len(site.inner), kind,
            speaker[0] if speaker else None, speaker[1] if speaker else None,
            speaker[2] if speaker else None, speaker[3] if speaker else None,
            verb.text if verb is not None and kind != "continuation" else None,
        )
        quotes.append(candidate)
        if _passes_speaker_on(site, candidate, kind, verb):
            previous = candidate
    found = _merge_mixed(quotes, _indirect_quotes(doc, direct_spans))
    found = [_with_word_speaker(doc, q) for q in found if _has_words(q.text)]
    return _with_referents(doc, found, direct_spans)


def _quote_site(doc: Doc, text: str, start: int, end: int, quoted: list[tuple[int, int]]) -> _QuoteSite:
    """The words, sentence and paragraph of the quote between ``start`` and ``end``."""
    width = 2 if text.startswith(("''", "``"), start) else 1
    span = doc.char_span(start, end, alignment_mode="expand")
    p_start, p_end = _paragraph_bounds(text, start)
    return _QuoteSite(doc, text, start, end, inner=text[start + width:end].rstrip("”\"»“’' \n"),
                      inner_start=start + width, span=span,
                      sent=sent_of(span[0]) if span is not None and len(span) else None,
                      p_start=p_start, p_end=p_end, quoted=quoted)


def _is_title(site: _QuoteSite) -> bool:
    """Whether the quote names a work (a show, a book) rather than giving somebody's words; a shout is words."""
    text, sent, start, end = site.text, site.sent, site.start, site.end
    return sent is not None and _names_a_work(site.inner, text[sent.start_char:start] + " " + text[end:sent.end_char]) \
        and not _shouted(text[sent.start_char:start], text[end:sent.end_char])


def _quote_verb(site: _QuoteSite, label: tuple[int, int, str, str] | None,
                previous: QuoteCandidate | None) -> Token | None:
    """The speech verb of a quote: in or next to its sentence, else one that introduces or ends its paragraph."""
    doc, text, span, sent, start, end = site.doc, site.text, site.span, site.sent, site.start, site.end
    verb = None
    if sent is not None and span is not None and label is None:  # a sentence implies a span
        verb = (_speech_verb_right_after(doc, span) if site.inner[-1:] in {",", "?", "!"} else None) \
            or _speech_verb_near(sent, (start, end), site.quoted)
        if verb is None and span is not None and _after_marks(doc, span[-1].i + 1) < len(doc):
            after = doc[_after_marks(doc, span[-1].i + 1)]
            if not after.is_space and sent_of(after) != sent:
                verb = _speech_verb_near(sent_of(after), (start, end), site.quoted) if after.idx < site.p_end else None
    if verb is None and span is not None and len(span):
        verb = _verb_after_quote(doc, span, site.inner)  # “…,” Hannity pressed.
    if verb is None and not text[site.p_start:start].strip():
        verb = _verb_before_colon(doc, site.p_start)  # "X said:" ends the paragraph before
        if verb is None or _speaker(verb) is None:
            verb = _verb_introducing_paragraph(doc, text, site.p_start)  # "X issued this statement:", "Added X:"
    if (verb is None and not _outside_text(text, site.p_start, start, end, site.p_end)
            and not (previous is not None and previous.speaker_text and text[previous.end:start].count("\n") <= 2)):
        verb = _verb_ending_paragraph(doc, text, site.p_start)  # "…, he told reporters." then a quote paragraph
    return verb


def _quote_speaker(site: _QuoteSite, verb: Token | None, label: tuple[int, int, str, str] | None
                   ) -> tuple[_SpeakerFields | None, Token | None]:
    """Who says a quote, and the verb that says so: the verb's subject, else a phrase the parse missed."""
    doc, span, words = site.doc, site.span, site.words
    speaker: _SpeakerFields | None
    speaker = _speaker(verb) if verb is not None else label
    if speaker is not None and verb is not None and _inside(speaker[0], site.quoted):
        speaker = _phrase_next_to(verb, site.quoted)  # the parse took a quoted word for the subject
    if speaker is None and verb is not None and span is not None and len(span) and verb.i >= span.end \
            and not any(t.text in ".;:!?" or t.text in _OPENERS for t in doc[span.end:verb.i]):
        speaker = _phrase_opening(doc, _after_marks(doc, span.end))  # “…,” Ann Lee, 81, said (parse lost)
    if speaker is None and verb is None:
        speaker = _headline_speaker(doc, site.text, site.p_start, site.start)  # "Smith: Plan ‘Will Fail.’"
    if speaker is None and span is not None and len(span) and words > 3:
        verb = _verb_introducing(doc, site.text, site.p_start, site.start) \
            or _verb_of_previous_sentence(doc, span, site.p_start)
        speaker = _speaker(verb) if verb is not None else None
        if speaker is None:
            verb = _verb_right_before(doc, span)  # "…, then boomed, “…”"; "…, writing “…”"
            speaker = _speaker_or_clause_subject(verb) if verb is not None else None
        if speaker is None:
            verb = None
    if speaker is None and span is not None and len(span) and words > 3:
        speaker = _clause_subject(doc, span, site.quoted)  # "Moore thanked him for “…”"
    if speaker is None and not site.outside and words > 3:
        speaker = _credit_line(doc, site.text, site.p_end)  # “…” then a line "— Ann Lee, Ohio."
    return speaker, verb


def _quote_kind(site: _QuoteSite, speaker: _SpeakerFields | None, previous: QuoteCandidate | None
                ) -> tuple[str, _SpeakerFields | None]:
    """Whether a quote is mixed, direct, a continuation (taking the previous speaker) or unattributed."""
    text, start = site.text, site.start
    same_paragraph = previous is not None and "\n" not in text[previous.end:start]
    if site.words <= 3 and site.outside:
        return "mixed", speaker
    if speaker is not None:
        return "direct", speaker
    if (previous is not None and previous.speaker_text and not site.outside
            and text[previous.end:start].count("\n") <= 2):
        return "continuation", _speaker_of(previous)
    if same_paragraph and previous is not None and previous.speaker_text:
        # “A,” she said. “B.”: the second half of an interrupted quote keeps the speaker.
        return "continuation", _speaker_of(previous)
    return "unattributed", speaker


def _speaker_of(quote: QuoteCandidate) -> _SpeakerFields:
    """A quote's speaker fields, for a continuation to take over."""
    return quote.speaker_start, quote.speaker_end, quote.speaker_text, quote.speaker_head


def _passes_speaker_on(site: _QuoteSite, candidate: QuoteCandidate, kind: str, verb: Token | None) -> bool:
    """Whether the next quote may continue this one.

    “Short,” she said. “Then more.”: a short quote with a speaker still passes it on when it opens the
    paragraph or its speech verb follows it in the same sentence (“It's fine,” Lee says of it. “And …”).
    """
    text, start, end = site.text, site.start, site.end
    verb_follows = verb is not None and verb.idx >= end and not any(c in ".;:!?\n" for c in text[end:verb.idx])
    return bool(kind != "mixed" or (candidate.speaker_text and (not text[site.p_start:start].strip() or verb_follows)))


_PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f", "they": "p", "them": "p"}
_GENDER_WORDS = {
    "m": {"he", "his", "him", "himself", "mr", "mr.", "man", "spokesman", "chairman", "congressman", "businessman",
          "father", "husband", "son", "brother", "king", "prince", "actor", "boy", "gentleman", "uncle", "nephew",
          "grandfather", "sir", "lord", "pope"},
    "f": {"she", "her", "hers", "herself", "mrs", "mrs.", "ms", "ms.", "miss", "woman", "spokeswoman", "chairwoman",
          "congresswoman", "businesswoman", "mother", "wife", "daughter", "sister", "queen", "princess", "actress",
          "girl", "lady", "aunt", "niece", "grandmother", "dame"},
}
_TITLES = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss"}
# Common nouns that name a person (besides the gendered ones): "the senator said … he".
_PERSON_NOUNS = (_SOURCE_NOUNS - {"people", "group", "party", "campaign", "committee", "council", "government",
                                  "administration", "agency", "ministry", "department", "company", "organization",
                                  "organisation", "union", "coalition", "court", "police", "army", "statement",
                                  "report", "poll", "survey", "study", "document", "letter", "memo", "editorial",
                                  "ad", "advertisement", "message", "tweet", "post", "release", "complaint",
                                  "lawsuit", "filing", "ruling", "petition", "website", "site", "book", "article",
                                  "column", "speech", "interview", "transcript"}) | {"justice", "nominee", "speaker",
                                                                                     "frontrunner", "front-runner"}


# A possessive speaker ("his plan to …", "their call for …") refers back as its personal pronoun does.
_SPEAKER_PRONOUN_GENDER = {**_PRONOUN_GENDER, "his": "m", "their": "p"}


def _with_referents(doc: Doc, quotes: list[QuoteCandidate], quoted: list[tuple[int, int]]) -> list[QuoteCandidate]:
    """Fill in what each personal or possessive pronoun speaker ("he", "she", "they", "his", "their") refers
    back to."""
    genders: dict[str, str] | None = None
    out = []
    previous: list[QuoteCandidate] = []
    for quote in quotes:
        head = quote.speaker_text.lower() if quote.speaker_text else ""
        if head in _SPEAKER_PRONOUN_GENDER and quote.speaker_start is not None and quote.speaker_end is not None:
            span = doc.char_span(quote.speaker_start, quote.speaker_end, alignment_mode="expand")
            if span is not None and len(span) == 1:
                if genders is None:
                    genders = _name_genders(doc, quoted)
                referent = _antecedent(span[0], _SPEAKER_PRONOUN_GENDER[head], genders, previous, quoted)
                if referent is not None:
                    quote = replace(quote, referent_start=referent.start_char, referent_end=referent.end_char,
                                    referent_text=referent.text)
        out.append(quote)
        if quote.speaker_start is not None and quote.kind != "continuation":
            previous.append(quote)
    return out


class PronounResolver:
    """What a personal pronoun ("he", "she", "they") stands for, by the rules speakers are resolved with.

    Made once per document: the genders of the names it holds are read on the first call.
    """

    def __init__(self, doc: Doc, quoted: list[tuple[int, int]] | None = None):
        self.doc = doc
        self._quoted = quoted  # found on the first call: most articles have no pronoun to resolve
        self._genders: dict[str, str] | None = None

    def referent(self, pronoun: Token) -> Span | None:
        gender = _PRONOUN_GENDER.get(pronoun.lower_)
        if gender is None:
            return None
        if self._quoted is None:
            self._quoted = find_quote_spans(doc_text(self.doc))
        if self._genders is None:
            self._genders = _name_genders(self.doc, self._quoted)
        return _antecedent(pronoun, gender, self._genders, [], self._quoted)


def _name_genders(doc: Doc, quoted: list[tuple[int, int]]) -> dict[str, str]:
    """Gender of the people named in the article, by last name: from titles ("Mrs. Lee") and from the personal
    pronouns of sentences that name only one person ("Lee said she …")."""
    votes: dict[str, dict[str, int]] = {}

    def vote(word: str, gender: str, weight: int) -> None:
        votes.setdefault(word, {"m": 0, "f": 0})[gender] += weight

    _, lowers, _ = token_words(doc)
    for i, word in enumerate(lowers):
        if word not in _TITLES and word not in _TITLE_WORDS:
            continue  # (_title_gender's own first check, without making a Token of every word)
        token = doc[i]
        title = _title_gender(token)
        if title is not None:
            last = token.i + 1
            while last + 1 < len(doc) and doc[last + 1].pos_ == "PROPN":
                last += 1
            vote(doc[last].lower_, title, 3)
    people_in: dict[int, list[Span]] = {}  # sentence start -> its PERSON names (Span.ents rescans the doc)
    for ent in doc_ents(doc):
        if ent.label_ == "PERSON":
            people_in.setdefault(sent_of(ent[0]).start, []).append(ent)
    for sent in sentences(doc):
        people = people_in.get(sent.start, [])
        if len({e[-1].lower_ for e in people}) != 1:
            continue
        words = [t.lower_ for t in sent if t.i >= people[0].end and not _inside(t.idx, quoted)
                 and not _object_of_own_subject(t, people)]
        male = sum(w in {"he", "his", "him", "himself"} for w in words)
        female = sum(w in {"she", "her", "hers", "herself"} for w in words)
        if male and not female:
            vote(people[0][-1].lower_, "m", 1)
        elif female and not male:
            vote(people[0][-1].lower_, "f", 1)
    return {word: ("m" if v["m"] > v["f"] else "f") for word, v in votes.items() if v["m"] != v["f"]}


# Gendered nouns that stand as a title right before a name ("Queen Noor", "Congresswoman Ann Lee").  Not
# "Chancellor" or "Minister", which say nothing of gender; not "spokesman" or "chairman", which papers use for
# women too ("spokesman Hope Hicks"); not "wife" or "daughter", whose name shares its last name with a relative
# ("his daughter Ivanka Trump"), and genders are kept by last name.
_TITLE_NOUNS = {
    "m": {"king", "prince", "sir", "lord", "pope"},
    "f": {"queen", "princess", "lady", "dame", "actress", "spokeswoman", "chairwoman", "congresswoman",
          "businesswoman"},
}


_TITLE_WORDS = set().union(*_TITLE_NOUNS.values())


def _title_gender(token: Token) -> str | None:
    """The gender a title gives the name right after it: Mr/Mrs/Ms before any proper noun, a gendered noun
    ("Queen", "Congresswoman") before a person's name."""
    word = token.lower_
    if word not in _TITLES and word not in _TITLE_WORDS:
        return None  # (checked first: this runs on every token of the article)
    doc = token.doc
    if token.i + 1 >= len(doc) or doc[token.i + 1].pos_ != "PROPN":
        return None
    if word in _TITLES:
        return "f" if word in _GENDER_WORDS["f"] else "m"
    if doc[token.i + 1].ent_type_ != "PERSON" and not token.is_title:  # "Queen Noor", "his lady Jane"
        return None
    return next((gender for gender, words in _TITLE_NOUNS.items() if word in words), None)


def _object_of_own_subject(pronoun: Token, people: list[Span]) -> bool:
    """Whether an object pronoun has the sentence's named person, or a pronoun standing for them, as the
    subject of its own clause: in "Kohl thanked her" and "Kohl said he would call her" the "her" is somebody
    else (a clause's subject and its object pronoun are never the same person)."""
    if pronoun.lower_ not in {"him", "her"} or pronoun.dep_ not in {"dobj", "dative", "pobj"}:
        return False
    verb = pronoun.head
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    named = {t.i for person in people for t in person}
    return any(c.dep_ in {"nsubj", "nsubjpass"}
               and (c.lower_ in _PRONOUN_GENDER or any(t.i in named for t in c.subtree)) for c in verb.children)


def _gender_of(token: Token, genders: dict[str, str]) -> str | None:
    for gender, words in _GENDER_WORDS.items():
        if token.lower_ in words or token.lemma_.lower() in words:
            return gender
    if token.pos_ == "PROPN":
        return genders.get(token.lower_)
    return None


def _agrees(candidate: Token, gender: str, genders: dict[str, str]) -> bool:
    """Whether a noun can be what a pronoun of ``gender`` (m, f or p for plural) stands for."""
    plural = candidate.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "conj" for c in candidate.children)
    if gender == "p":
        return plural or candidate.ent_type_ in {"ORG", "NORP"} or candidate.lemma_.lower() in _SOURCE_NOUNS
    if plural or candidate.pos_ == "PRON":
        return False
    if candidate.ent_type_ not in {"PERSON", ""} and candidate.pos_ == "PROPN":
        return False
    person = candidate.ent_type_ == "PERSON" or candidate.pos_ == "PROPN" or _gender_of(candidate, {}) is not None \
        or candidate.lemma_.lower() in _PERSON_NOUNS
    known = _gender_of(candidate, genders)
    return person and (known is None or known == gender)


def _antecedent(pronoun: Token, gender: str, genders: dict[str, str], previous: list[QuoteCandidate],
                quoted: list[tuple[int, int]]) -> Span | None:
    """What a pronoun speaker refers back to: the subject of a clause above it that agrees with it ("Lee
    said he …", "Lee left because she …"), the speaker of an earlier quote of the paragraph, or the latest
    subject that agrees in the sentences before (within the paragraph, then the one before it)."""
    doc = pronoun.doc

    def usable(token: Token) -> bool:
        return token.i < pronoun.i and not _inside(token.idx, quoted) and _agrees(token, gender, genders)

    token = pronoun.head
    for _ in range(8):  # 1. up the clauses of the pronoun's own sentence
        subject = next((c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i != pronoun.i), None)
        if subject is not None and usable(subject):
            return _noun_phrase(subject)
        if token.head.i == token.i:
            break
        token = token.head
    earlier = [t for t in sent_of(pronoun) if t.dep_ in {"nsubj", "nsubjpass"} and usable(t)]
    if earlier:  # 1b. the nearest subject before it in its sentence ("Ann Lee left early: she said …")
        return _noun_phrase(earlier[-1])
    text = doc_text(doc)
    p_start = text.rfind("\n", 0, pronoun.idx) + 1
    own = sent_of(pronoun).start_char
    for quote in reversed(previous):  # 2. the speaker of a quote in an earlier sentence of the paragraph
        if quote.speaker_start is None or quote.speaker_end is None or quote.speaker_start < p_start \
                or quote.speaker_start >= own:
            continue
        span = doc.char_span(quote.speaker_start, quote.speaker_end, alignment_mode="expand")
        if span is not None and len(span) and usable(span.root):
            return span
        break
    sentence = sent_of(pronoun)
    for _ in range(6):  # 3. the latest agreeing subject of the sentences before, main clauses first
        if sentence.start == 0 or pronoun.idx - sentence.start_char > 1500:
            break
        sentence = sent_of(doc[sentence.start - 1])
        subjects = [t for t in sentence if t.dep_ in {"nsubj", "nsubjpass"} and usable(t)]
        subjects.sort(key=lambda t: (t.head.dep_ != "ROOT", t.i))
        if subjects:
            return _noun_phrase(subjects[0])
        if gender in {"m", "f"}:  # no subject agrees: a name of the right gender in another role ("met Ms. Lee")
            names = [t for t in sentence if t.pos_ == "PROPN" and t.dep_ != "compound" and usable(t)
                     and _gender_of(t, genders) == gender]
            if names:
                return _noun_phrase(names[-1])
    return None


def _merge_mixed(direct: list[QuoteCandidate], indirect: list[QuoteCandidate]) -> list[QuoteCandidate]:
    """Fold quoted fragments into the reported speech around them.

    'She said the plan was “a total disaster”' is one mixed quote: the
    reported clause, kind ``mixed``, with the quoted words inside it.  A short
    quoted fragment with no speech verb anywhere near ("the “Gang of Eight”")
    is a title or a scare quote, not somebody's words, and is left out.
    """
    def words_end(quote: QuoteCandidate) -> int:
        """Where the quoted words end: 'called him a “loser.”' reports "a loser", its final stop aside."""
        return quote.start + len(quote.text.rstrip(",.;:!? "))

    merged: list[QuoteCandidate] = []
    for cand in indirect:
        inner = [q for q in direct if cand.start <= q.start and words_end(q) <= cand.end]
        merged.append(replace(cand, kind="mixed") if inner else cand)
    covered = [(q.start, q.end) for q in indirect]
    for cand in direct:
        if any(s <= cand.start and words_end(cand) <= e for s, e in covered):
            continue
        if cand.kind == "mixed" and cand.speaker_text is None:
            continue
        merged.append(cand)
    merged.sort(key=lambda q: q.start)
    return merged


def _lemma(token: Token) -> str:
    """The token's lemma, mended where the tagger strips "hoping" to "hop"."""
    lemma = token.lemma_.lower()
    return "hope" if lemma == "hop" and token.lower_.startswith("hop") else lemma


def _reported_clause(verb: Token, lemma: str) -> Token | None:
    """The clause a reporting verb reports: a that-clause of a verb of saying, believing or learning, the
    to-infinitive of a verb of asking, promising or intending ("wants to run", "declined to comment"), or the
    clause a parenthetical speech verb interrupts ("The plan, she said, will fail").  A verb inside what
    another verb of saying reports adds no quote of its own."""
    if verb.dep_ == "parataxis" and lemma in SPEECH_VERBS and verb.head.pos_ in {"VERB", "AUX"} \
            and any(c.dep_ == "nsubj" for c in verb.children):
        return verb.head
    if _as_clause(verb, lemma):
        return verb.head  # "As the paper noted, trust is collapsing": the clause "as" is hung on
    # A clause after the verb is what it reports, before one the parse hung on it from the left ("Ann Lee, a
    # rabbi helping …, said he was alarmed" with "rabbi" tagged a verb), unless that one is a quote (“…,” said).
    quoted_before = any(t.text in _ANY_CLOSE or t.text in {"''", "’", "'"}
                        for t in verb.doc[max(0, verb.i - 3):verb.i])
    for child in sorted(verb.children, key=lambda c: c.i < verb.i and not quoted_before):
        if child.pos_ not in {"VERB", "AUX"}:
            continue
        if child.dep_ == "ccomp" and lemma in SPEECH_VERBS | _REALIZING_VERBS and not _reported(verb):
            return child
        if child.dep_ == "xcomp" and lemma in _INFINITIVE_VERBS & SPEECH_VERBS and not _reported(verb):
            return child
        if child.dep_ == "xcomp" and lemma in _WILLING_VERBS and _own_stance(verb):
            return child
        if child.dep_ == "ccomp" and lemma in _WILLING_VERBS and _own_stance(verb) \
                and any(g.dep_ == "aux" and g.lower_ == "to" for g in child.children):
            return child  # "wants Lee to run": the wish with who is to act
    return None


# Verbs of reporting that credit a clause from an "as" clause; not "as Lee continued", "as we know it", which
# tell when or how.
_AS_CREDIT_VERBS = {"report", "say", "note", "write", "explain", "point", "tell", "reveal", "announce", "state",
                    "observe", "argue", "acknowledge", "confirm", "predict", "remark", "recall", "add", "warn",
                    "claim", "tweet", "mention", "suggest", "indicate", "disclose", "show", "find", "conclude"}


def _as_clause(verb: Token, lemma: str) -> bool:
    """Whether the verb is a verb of reporting in a clause led by "as" that credits the clause it hangs on ("As
    The Times reported, …", "as reported by Ann Lee", "…, as Lee noted")."""
    return verb.dep_ == "advcl" and lemma in _AS_CREDIT_VERBS and verb.head.pos_ in {"VERB", "AUX"} \
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children) and not _reported(verb) \
        and not any(c.dep_ == "nsubjpass" for c in verb.children)  # not "as she was announced the winner"


def _without_as_clause(what: Span, verb: Token) -> Span:
    """What an "as" clause credits, without that clause when it opens or closes it."""
    doc = what.doc
    start, end = what.start, what.end
    if verb.left_edge.i == start:
        start = verb.right_edge.i + 1
        while start < end and (doc[start].is_punct or doc[start].is_space):
            start += 1
    elif verb.right_edge.i >= end - 2:
        end = verb.left_edge.i
    return doc[start:max(start, end)]


def _stray_subject(verb: Token, clause: Token) -> Token:
    """Where the reported clause starts: at the subject the parse gave the speech verb as well as its speaker,
    when a comma sets the speaker apart ("The rules, the agency said, would take effect": "The rules")."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
    if len(subjects) > 1 and clause.i > verb.i and not any(c.dep_ == "nsubj" for c in clause.children) \
            and any(t.text == "," for t in verb.doc[subjects[0].i:subjects[-1].left_edge.i]):
        return subjects[0]
    return clause


def _reported(verb: Token) -> bool:
    """Whether the verb lies in what another verb of saying reports ("she said she thinks …"): the
    whole report is the claim, already found from the outer verb."""
    token = verb
    for _ in range(8):
        if token.head.i == token.i:
            return False
        if token.dep_ == "ccomp" and _lemma(token.head) in SPEECH_VERBS:
            return True
        token = token.head
    return False


def _own_stance(verb: Token) -> bool:
    """Whether the verb states its own speaker's stance: a speaker is found for it, in a main or a
    subordinate clause ("…, citing the report", "who backed Lee"), outside what another verb reports."""
    if verb.dep_ == "xcomp" and _lemma(verb.head) in _WILLING_VERBS:
        return False  # "declined to comment on X": the intention is the claim, the comment inside it
    return not _reported(verb) and _subject_of(verb) is not None


def _main_clause(verb: Token) -> bool:
    """Whether the verb heads its sentence, alone or joined to its head by "and" or "but"."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ROOT"


def _unsourced_claim(verb: Token, lemma: str) -> Span | None:
    """A claim held by nobody in particular: "X is expected to …", "X is said to …", "X is seen as …".  The
    subject and what is said of it make the claim; there is no speaker."""
    if lemma not in _HEARSAY_VERBS | _CASTING_VERBS or not any(c.dep_ == "auxpass" for c in verb.children) \
            or any(c.dep_ == "agent" for c in verb.children):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    said = next((c for c in verb.rights if c.dep_ in {"xcomp", "oprd"} or (
        lemma in _CASTING_VERBS and c.dep_ == "prep" and c.lower_ == "as")), None)
    if subject is None or said is None or subject.lower_ in _RELATIVE or _reported(verb):
        return None  # inside somebody's reported speech, the claim is theirs
    if _lemma(said) in _CUE_LEMMAS:
        return None  # "X is expected to endorse Y": X speaks, and that claim is found on its own
    return verb.doc[subject.left_edge.i:said.right_edge.i + 1]


def _cast_object(verb: Token, lemma: str) -> Span | None:
    """What a verb of casting says of its object, with the object: "called the plan a disaster", "sees Lee
    as a leader", "consider him a phony" (a small clause)."""
    if lemma not in _CASTING_VERBS or not _own_stance(verb):
        return None
    doc = verb.doc
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is not None:
        # "sees Lee as a leader": the "as" may hang on the verb or on its object.
        cast = next((c for c in list(verb.rights) + list(obj.rights) if c.i > obj.i and (c.dep_ == "oprd" or (
            c.dep_ == "prep" and c.lower_ == "as" and any(g.dep_ == "pobj" for g in c.children)))), None)
        return doc[obj.left_edge.i:cast.right_edge.i + 1] if cast is not None else None
    small = next((c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in {"NOUN", "ADJ", "PROPN"}
                  and any(g.dep_ == "nsubj" for g in c.children)), None)
    return doc[small.left_edge.i:small.right_edge.i + 1] if small is not None else None


def _raised_claim(verb: Token, lemma: str) -> Span | None:
    """What "seems" or "appears" so, held by nobody in particular: the subject with what it seems to be or
    do ("Lee seemed ready to quit", "the race appears to be tightening"), or the clause of "it seems that"."""
    if lemma not in _RAISING_VERBS or _reported(verb):
        return None
    doc = verb.doc
    said = next((c for c in verb.rights if c.dep_ in {"xcomp", "oprd", "acomp", "ccomp"}
                 or (c.dep_ == "prep" and c.lower_ == "like")), None)
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if said is None or subject is None:
        return None
    if subject.lower_ == "it" and said.dep_ == "ccomp":
        return doc[said.left_edge.i:said.right_edge.i + 1]  # "it seems that …": the clause is the claim
    if subject.lower_ in _RELATIVE:
        return None
    return doc[subject.left_edge.i:said.right_edge.i + 1]


def _stance_object(verb: Token, lemma: str) -> Span | None:
    """What a verb of speaking about, judging or backing is about: its object ("criticized the plan",
    "endorsed Ann Lee") or the object of its preposition ("called for a ban", "talked about taxes")."""
    preps = _STANCE_VERBS.get(lemma)
    if preps is None or not _own_stance(verb):
        return None
    doc = verb.doc
    for child in verb.children:
        if lemma == "say" and child.lower_ in {"yes", "no", "so"} and child.dep_ in {"intj", "advmod", "dobj"}:
            return doc[child.i:child.i + 1]  # "72 percent said yes", "he said so"
        if child.dep_ == "dobj" and "" in preps and child.pos_ in {"NOUN", "PROPN", "NUM", "PRON"} \
                and child.lower_ not in {"what", "whatever"}:  # "what the survey shows" names no content
            # "accused Lee of lying", "praised the mayor for acting", "criticized the plan as reckless": the
            # charge belongs to what is said.
            grounds = [c for c in verb.rights if c.dep_ == "prep" and c.lower_ in {"of", "for", "as"} and c.i > child.i]
            return doc[child.left_edge.i:(grounds[0] if grounds else child).right_edge.i + 1]
        if child.dep_ == "prep" and child.lower_ in preps:
            obj = next((g for g in child.children if g.dep_ == "pobj" and g.pos_ in {"NOUN", "PROPN", "NUM"}), None)
            if obj is not None:
                return doc[obj.left_edge.i:obj.right_edge.i + 1]
    return None


# Words that head a headline as a banner, not as a source: "Breaking: …", "Watch: …".
_BANNERS = {"breaking", "breaking news", "bombshell", "exclusive", "update", "updated", "watch", "video", "photos",
            "live", "analysis", "opinion", "editorial", "the latest", "latest", "report", "q", "a", "fact check"}


def _headline_claims(doc: Doc, direct_spans: list[tuple[int, int]]) -> list[QuoteCandidate]:
    """Headline lines "Name: claim" with no quote marks ("Lee: Tax Plan Will Fail"): the name says the claim,
    unless the claim names its own speaker ("The Latest: Lee says …") or the label is an interview's "Q"."""
    text = doc_text(doc)
    found = []
    for match in re.finditer(r"^([A-Z][^\n:“”\"‘’]{1,40}?):[ \t]+([^\n]{10,160})$", text, re.MULTILINE):
        if any(s < match.end() and match.start() < e for s, e in direct_spans):
            continue
        speaker = _name_span(doc, match.start(1), match.end(1))
        claim = doc.char_span(match.start(2), match.end(2), alignment_mode="expand")
        if speaker is None or claim is None or len(claim) < 3 or not any(t.pos_ in {"VERB", "AUX"} for t in claim):
            continue  # a claim has a verb; "Photos: the day in pictures" is a label
        if speaker[2].lower() in _BANNERS:
            continue
        if any(_lemma(t) in _CUE_LEMMAS and t.pos_ == "VERB" for t in claim):
            continue
        while len(claim) > 1 and claim[-1].is_punct:
            claim = claim[:-1]
        found.append(QuoteCandidate(claim.text, claim.start_char, claim.end_char, "indirect", *speaker, ":"))
    return found


def _quoted_share(span: Span, direct_spans: list[tuple[int, int]]) -> float:
    """Share of the span's characters that lie inside quote marks."""
    start, end = span.start_char, span.end_char
    inside = sum(max(0, min(end, e) - max(start, s)) for s, e in direct_spans)
    return inside / max(1, end - start)


def _indirect_quotes(doc: Doc, direct_spans: list[tuple[int, int]]) -> list[QuoteCandidate]:
    """Reported speech: speech verb + clausal complement, a stated intention, what a verb of judging is
    about, passive hearsay, and "according to X"."""

    def inside_direct(offset: int) -> bool:
        return any(s <= offset < e for s, e in direct_spans)

    found: list[QuoteCandidate] = []
    lemmas, lowers, tags = token_words(doc)
    for i, (lemma, lower, pos) in enumerate(zip(lemmas, lowers, tags)):
        if lemma == "hop" and lower.startswith("hop"):
            lemma = "hope"  # as _lemma mends it
        speech = lemma in _CUE_LEMMAS and pos == "VERB"
        if not (speech or lower == "according"):
            continue
        token = doc[i]
        if inside_direct(token.idx):
            continue
        if speech and not _depicts(token):
            clause = _reported_clause(token, lemma)
            cast = _cast_object(token, lemma) if clause is None else None
            unsourced = (_unsourced_claim(token, lemma) or _raised_claim(token, lemma)) if clause is None else None
            about = cast or (_stance_object(token, lemma) if clause is None and unsourced is None else None)
            what = doc[_stray_subject(token, clause).left_edge.i:clause.right_edge.i + 1] if clause is not None \
                else unsourced or about
            if what is None:
                continue
            if clause is not None and _as_clause(token, lemma):
                what = _without_as_clause(what, token)
            # "endorsed Lee" says enough in one word, "declined to comment" in a two-word infinitive.
            shortest = 1 if about is not None else 2 if clause is not None and clause.dep_ == "xcomp" else 3
            span = _without_final_punct(what)
            if span[0].lower_ == "that" and span[0].dep_ == "mark":  # not "That plan, Lee argued, …"
                span = span[1:]
            if len(span) < shortest or _quoted_share(span, direct_spans) >= 0.6:
                continue  # the words are a direct quote already
            speaker = _speaker(token) if unsourced is None else None
            if speaker is not None and inside_direct(speaker[0]):
                speaker = _phrase_next_to(token, direct_spans)  # the parse took a quoted word for the subject
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
    found += [q for q in _findings_in(doc, direct_spans) if not any(f.start < q.end and q.start < f.end for f in found)]
    # A claim inside another ("criticized the mayor who backed the plan", "said his plan to … failed") is part of it.
    found = _outermost(found + _noun_claims(doc, direct_spans) + _attitude_claims(doc, direct_spans))
    return sorted(found + _headline_claims(doc, direct_spans), key=lambda q: q.start)


# Tallies that state findings: "In a poll released Sunday, Lee led with 40 percent."  (Not "in an interview":
# what is done in one is mostly said by a speaker named elsewhere.)
_FINDING_SOURCES = {"poll", "survey", "study", "average", "analysis", "tally", "count", "estimate", "forecast",
                    "projection"}


def _findings_in(doc: Doc, direct_spans: list[tuple[int, int]]) -> list[QuoteCandidate]:
    """What a sentence states "in" a poll or a study, when its own verb is no cue: the rest of the sentence is
    the finding and the poll its source ("In the latest poll, Lee leads by four points")."""
    found = []
    _, lowers, _ = token_words(doc)
    for i in (i for i, lower in enumerate(lowers) if lower == "in"):
        token = doc[i]
        if token.dep_ != "prep" or _inside(token.idx, direct_spans):
            continue
        source = next((c for c in token.children if c.dep_ == "pobj" and c.lemma_.lower() in _FINDING_SOURCES), None)
        verb = token.head
        if source is None or verb.dep_ != "ROOT" or verb.pos_ not in {"VERB", "AUX"} or _lemma(verb) in _CUE_LEMMAS:
            continue
        rest = [t for t in sent_of(token) if not (token.left_edge.i <= t.i <= token.right_edge.i) and not t.is_punct
                and not t.is_space]
        if len(rest) < 3:
            continue
        body = doc[rest[0].i:rest[-1].i + 1]
        phrase = _noun_phrase(source)
        found.append(QuoteCandidate(body.text, body.start_char, body.end_char, "indirect", phrase.start_char,
                                    phrase.end_char, phrase.text, source.text, "in"))
    return found


def _without_final_punct(span: Span) -> Span:
    """The words of a reported clause without the punctuation that closes it (it belongs to the sentence)."""
    end = span.end
    while end - 1 > span.start and span.doc[end - 1].is_punct:
        end -= 1
    return span.doc[span.start:end]


def _outermost(quotes: list[QuoteCandidate]) -> list[QuoteCandidate]:
    """The quotes that lie inside no other: a stance or a claim noun within another claim ("criticized the
    mayor who backed the plan") is part of it, not a claim of its own."""
    return [q for q in quotes if not any(o.start <= q.start and q.end <= o.end and (o.start, o.end) != (q.start, q.end)
                                         for o in quotes)]


def _attitude_claims(doc: Doc, direct_spans: list[tuple[int, int]]) -> list[QuoteCandidate]:
    """What the subject of an adjective of attitude holds: "Lee was critical of the plan", "voters are
    concerned that …", "she is eager to run"; the subject of the verb the adjective completes holds it."""
    found = []
    _, lowers, tags = token_words(doc)
    for i, (lower, pos) in enumerate(zip(lowers, tags)):
        if pos != "ADJ" or lower not in _STANCE_ADJECTIVES:
            continue
        token = doc[i]
        if token.dep_ not in {"acomp", "oprd"}:
            continue
        verb = token.head
        if _inside(token.idx, direct_spans) or _reported(verb) or verb.pos_ not in {"VERB", "AUX"}:
            continue
        what = None
        for child in token.rights:
            if child.dep_ == "prep":
                obj = next((g for g in child.children if g.dep_ in {"pobj", "pcomp"}), None)
                what = doc[obj.left_edge.i:obj.right_edge.i + 1] if obj is not None else None
            elif child.dep_ in {"ccomp", "xcomp"} and child.pos_ in {"VERB", "AUX"}:
                mark = next((g for g in child.children if g.dep_ == "mark" and g.lower_ == "that"), None)
                what = doc[(mark.i + 1 if mark is not None else child.left_edge.i):child.right_edge.i + 1]
            if what is not None:
                break
        if what is None:
            continue
        span = _without_final_punct(what)
        speaker = _speaker(verb)
        if speaker is None or _quoted_share(span, direct_spans) >= 0.6:
            continue
        found.append(QuoteCandidate(span.text, span.start_char, span.end_char, "indirect", *speaker, token.text))
    return found


def _noun_claims(doc: Doc, direct_spans: list[tuple[int, int]]) -> list[QuoteCandidate]:
    """Claims carried by a noun: "the claim that …", "her plan to …", "his criticism of the bill", "His
    message has been that …".  Who holds them is the noun's possessor ("his", "Lee's"), the source after
    "from" or "by", or the subject of a verb that puts the claim out ("Lee made the claim that …")."""
    found = []
    lemmas, _, tags = token_words(doc)
    for i, (lemma, pos) in enumerate(zip(lemmas, tags)):
        if pos != "NOUN" or lemma not in _NOUN_CUES:
            continue
        noun = doc[i]
        if _inside(noun.idx, direct_spans) or _reported(noun):
            continue
        what = _noun_content(noun, lemma)
        if what is None:
            continue
        span = _without_final_punct(what)
        if len(span) < 1 or _quoted_share(span, direct_spans) >= 0.6:
            continue
        speaker = _noun_holder(noun)
        if speaker is None and what.start > 0 and doc[what.start - 1].lower_ == "that":
            speaker = _claim_taker(noun)  # "the claim that …" may stand without its own holder
        elif speaker is None:
            continue  # "support for X" does not
        found.append(QuoteCandidate(
            span.text, span.start_char, span.end_char, "indirect",
            speaker[0] if speaker else None, speaker[1] if speaker else None,
            speaker[2] if speaker else None, speaker[3] if speaker else None, noun.text))
    return found


def _noun_content(noun: Token, lemma: str) -> Span | None:
    """What a claim noun carries: its that-clause, its to-infinitive, or the object of its preposition; for a
    noun subject of "is", the that-clause after it ("His message is that …")."""
    doc = noun.doc
    for child in noun.rights:
        if child.dep_ in {"acl", "relcl"} and child.pos_ in {"VERB", "AUX"}:
            mark = next((g for g in child.children if g.dep_ == "mark" and g.lower_ == "that"), None)
            if mark is not None and lemma in _CLAIM_NOUNS:
                return doc[mark.i + 1:child.right_edge.i + 1]
            if lemma in _INTENTION_NOUNS and any(g.dep_ == "aux" and g.lower_ == "to" for g in child.children):
                return doc[child.left_edge.i:child.right_edge.i + 1]
        if child.dep_ == "prep" and child.lower_ in _STANCE_NOUNS.get(lemma, set()):
            obj = next((g for g in child.children if g.dep_ in {"pobj", "pcomp"}), None)
            if obj is not None:
                return doc[obj.left_edge.i:obj.right_edge.i + 1]
    head = noun.head
    if noun.dep_ == "nsubj" and head.lemma_ == "be" and lemma in _CLAIM_NOUNS:
        clause = next((c for c in head.rights if c.dep_ == "ccomp"
                       and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), None)
        if clause is not None:
            return doc[clause.left_edge.i + 1:clause.right_edge.i + 1]
    return None


def _noun_holder(noun: Token) -> tuple[int, int, str, str] | None:
    """Who holds a claim noun: its possessor, the source after "from" or "by", or the subject of a verb that
    utters it."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        source = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in {"from", "by"}), None)
        owner = next((g for g in source.children if g.dep_ == "pobj"), None) if source is not None else None
        if owner is not None and not _can_speak(owner):
            owner = None
    if owner is not None:
        phrase = _noun_phrase(owner)
        return phrase.start_char, phrase.end_char, phrase.text, owner.text
    if noun.dep_ == "dobj" and _lemma(noun.head) in _UTTERING_VERBS:
        return _speaker(noun.head)
    return None


def _claim_taker(noun: Token) -> tuple[int, int, str, str] | None:
    """For a claim noun with no holder of its own, who takes it up: the subject of the verb it is the object
    of ("Lee dismissed the suggestion that …", "critics cite it as evidence that …")."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    elif noun.dep_ != "dobj":
        return None
    return _speaker(verb) if verb.pos_ == "VERB" else None
