"""Claims of responsibility: who claimed, through what channel, and whether it was claimed,
denied, or attributed by someone else ("officials blamed X", "intelligence showed X was
plotting" are attributions, not claims).

Generic subjects ("the terror group", "the organization", "they") stand for the last armed group
the article named. Word lists: ``data/actors.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsfuse.extract.doctext import doc_text
from newsfuse.extract.lexicon import load, word_set


@dataclass
class ResponsibilityFinding:
    claimant: str
    canonical: str | None
    parent: str | None
    stance: str
    channel: str | None
    start: int
    end: int


def _group_of(token, last_group, ents, named_only: bool = False):
    """(name, canonical) of the organisation a token stands for, or None. Unless ``named_only``,
    a proper-noun phrase the model did not tag ("the Extraditables") and the group a speaker
    noun speaks for ("sources of the group", "a spokesman for the Front") count too."""
    if token.ent_type_ in ("ORG", "NORP"):
        ent = next((e for e in ents if e.start <= token.i < e.end), None)
        if ent is not None:
            return ent.text, ent.ent_id_ or None
    lemma = token.lemma_.lower()
    if not named_only:
        if lemma in word_set("actors", "speaker_nouns"):
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ in ("of", "for", "from"):
                    for obj in prep.children:
                        found = _group_of(obj, last_group, ents, named_only)
                        if found:
                            return found
        if token.pos_ == "PROPN" and token.ent_type_ not in ("PERSON", "GPE", "LOC", "DATE", "FAC"):
            words = [t for t in token.subtree if t.i <= token.i and t.dep_ in ("compound", "amod") or t.i == token.i]
            if words:
                start, end = words[0].idx, token.idx + len(token.text)
                return doc_text(token.doc)[start:end], None
    # "The Islamic State group", 'a self-styled "Zarate Willka" group': the name is in its phrase
    for ent in ents:
        if ent.label_ == "ORG" and ent.end <= token.i and ent.start >= token.left_edge.i:
            return ent.text, ent.ent_id_ or None
    if (lemma in word_set("actors", "generic_group_nouns") or token.lower_ in ("they", "it")) and last_group:
        return last_group
    return None


def _subjects(verb) -> list:
    """The verb's subjects; "..., taking credit for it": those of the verb it depends on."""
    for v in (verb, verb.head):
        found = [c for c in v.children if c.dep_ == "nsubj"]
        if v.dep_ == "relcl" and (not found or found[0].lower_ in ("which", "who", "that")):
            return [v.head]  # "the organization that claimed responsibility"
        if found or v.dep_ not in ("advcl", "conj", "xcomp"):
            return found
    return []


def _claims_a_deed(verb, lex) -> bool:
    """"The Front claims it attacked the brigade", "the killing was claimed by a group": a claim
    verb whose clause says the claimant did a violent deed, or whose passive subject is one."""
    deeds = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if any(d.lemma_.lower() in lex["attack_nouns"] or d.lemma_.lower() in _event_words() for d in deeds):
        return any(c.dep_ == "agent" for c in verb.children)
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        doers = [c for c in clause.children if c.dep_ == "nsubj"]
        violent = {clause.lemma_.lower()} | {c.lemma_.lower() for c in clause.children if c.dep_ == "conj"}
        if any(d.lower_ in ("it", "they", "we") for d in doers) and violent & (_event_words() | set(lex["perpetrate_verbs"])):
            return True
    return False


def _event_words() -> frozenset[str]:
    """Single words of the event types and the killing verbs: what a violent deed is called."""
    words = {w for ws in load("event_types")["labels"].values() for w in ws if " " not in w}
    return frozenset(words | {v for v, slot in load("counts")["verbs"].items() if slot in ("killed", "injured", "shot")})


def _says_it_did(verb, lex) -> bool:
    """A claim in reported speech: the speaker says that it, or its own members, did the attack
    ("... said that its fighters had carried out the attack", "which said it was behind the
    bombing"). Another doer ("said police had carried out a raid") is no claim."""
    say = verb.head
    if verb.dep_ != "ccomp" or say.lemma_.lower() not in lex["say_verbs"]:
        return False
    if any(c.dep_ == "neg" for c in say.children) or any(
        g.dep_ == "det" and g.lower_ == "no" for c in say.children if c.dep_ == "nsubj" for g in c.children
    ):
        return False  # "no group has said it carried out the attack"
    lemma = verb.lemma_.lower()
    if lemma == "be" and any(c.dep_ == "acomp" and c.lower_ == "responsible" for c in verb.children):
        return _pronoun_doer(verb, lex)  # "... who said they were responsible for the action"
    if lemma == "be":
        deeds = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "behind" for g in c.children]
    elif lemma in lex["perpetrate_verbs"] and (lemma != "carry" or any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)):
        deeds = [c for c in verb.children if c.dep_ == "dobj"]
    else:
        return False
    if not any(d.lemma_.lower() in lex["attack_nouns"] and not _another_deed(d) for d in deeds):
        return False
    return _pronoun_doer(verb, lex)


def _pronoun_doer(verb, lex) -> bool:
    """The doer is the speaker: "it", "they", "we", or its own members ("its commandos")."""
    doers = [c for c in verb.children if c.dep_ == "nsubj"]
    return any(
        d.lower_ in ("it", "they", "we")
        or (d.lower_ in lex["own_members"] and any(g.dep_ == "poss" and g.lower_ in ("its", "their", "our") for g in d.children))
        for d in doers
    )


def _we_did_it(token, lex) -> bool:
    """First person deeds of violence: "we killed three", "our units sabotaged the power
    lines", "after our attack". Who "we" are: the armed group the text last named."""
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB" and (lemma in _event_words() or lemma in lex["perpetrate_verbs"]):
        doers = [c for c in token.children if c.dep_ == "nsubj"]
        return any(d.lower_ == "we" or (d.lower_ in lex["own_members"] and any(
            g.dep_ == "poss" and g.lower_ == "our" for g in d.children)) for d in doers)
    if token.pos_ == "NOUN" and lemma in lex["attack_nouns"]:
        return any(c.dep_ == "poss" and c.lower_ == "our" for c in token.children)
    return False


def _finding(group, stance: str, channel: str | None, start: int, end: int, lex) -> ResponsibilityFinding:
    name, canonical = group
    canonical = canonical or name
    return ResponsibilityFinding(claimant=name, canonical=canonical, parent=lex["group_parents"].get(canonical),
                                 stance=stance, channel=channel, start=start, end=end)


def _another_deed(noun) -> bool:
    """"that attack", "the earlier bombing", "the 2019 attack": an attack other than this one."""
    return any(
        (c.dep_ == "det" and c.lower_ in ("that", "those"))
        or (c.dep_ == "amod" and c.lower_ in ("earlier", "previous", "prior", "last", "past", "former"))
        or c.ent_type_ == "DATE"
        for c in noun.children
    )


def _speakers(say) -> list:
    """Who says it: the subject, or the noun a relative clause hangs on ("the Front, which said")."""
    subjects = [c for c in say.children if c.dep_ == "nsubj"]
    if say.dep_ == "relcl" and (not subjects or subjects[0].lower_ in ("which", "who", "that")):
        return [say.head]
    return subjects


def _group_before(verb, ents):
    """The armed group named just before a claim verb on the same line, when the parse missed
    the subject ("The Islamic State Khorasan (IS-K) has claimed ..." after a heading)."""
    ids = set(load("actors")["armed_group_ids"])
    text = doc_text(verb.doc)
    line_start = text.rfind("\n", 0, verb.idx) + 1
    before = [e for e in ents if e.label_ == "ORG" and e.ent_id_ in ids and line_start <= e.start_char and e.end_char <= verb.idx]
    if not before:
        return None
    first = min(before, key=lambda e: e.start_char)
    between = text[first.end_char : verb.idx]
    if len(between) > 40 or re.search(r"[.;:]|\b(?:which|who|that|said|says)\b", between):
        return None
    return first.text, first.ent_id_, first.start_char


def _channels(text: str, start: int, end: int) -> list[str]:
    names = load("actors")["channels"]
    found = []
    for name in sorted(names, key=len, reverse=True):
        for m in re.finditer(r"\b" + re.escape(name) + r"\b", text[start:end], re.IGNORECASE):
            if not any(name in f.lower() for f in found):
                found.append(m.group(0))
    order = {f: text.lower().find(f.lower(), start) for f in found}
    return sorted(found, key=order.get)


def find_responsibility(sents: list, last_groups: list, ents_by_sent=None) -> list[tuple[int, ResponsibilityFinding]]:
    """(sentence index, finding) for every claim, denial or attribution of responsibility.

    Args:
        sents: the article's sentences (spaCy Spans).
        last_groups: per sentence, the last armed group (name, canonical) named before it, or None.
    """
    lex = load("actors")
    out = []
    for i, sent in enumerate(sents):
        for token in sent:
            lemma = token.lemma_.lower()
            stance, claimant_tokens = None, []
            if token.pos_ == "VERB" and lemma in lex["claim_verbs"] + lex["deny_verbs"]:
                objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
                if not any(o.lemma_.lower() in lex["claim_objects"] for o in objects) and not (
                    lemma == "claim" and _claims_a_deed(token, lex)
                ):
                    continue
                stance = "denied" if lemma in lex["deny_verbs"] else "claimed"
                claimant_tokens = _subjects(token)
                claimant_tokens += [g for c in token.children if c.dep_ == "agent" for g in c.children]
            elif token.pos_ == "NOUN" and lemma == "claim" and any(
                c.lemma_.lower() == "of" and any(g.lemma_.lower() == "responsibility" for g in c.children)
                for c in token.children
            ):
                stance = "claimed"
                claimant_tokens = [g for c in token.children if c.lower_ == "by" for g in c.children]
            elif _we_did_it(token, lex) and last_groups[i]:
                # a group's own bulletin: "we killed three", "our units attacked"
                out.append((i, _finding(last_groups[i], "claimed", None, token.idx, token.idx + len(token.text), lex)))
                continue
            elif token.pos_ in ("VERB", "AUX") and _says_it_did(token, lex):
                stance = "claimed"  # "the Front said that its fighters had carried out the attack"
                claimant_tokens = _speakers(token.head)
            elif token.pos_ == "VERB" and lemma in lex["attribute_verbs"]:
                stance = "attributed"
                if lemma in ("blame", "accuse", "suspect", "attribute"):
                    claimant_tokens = [c for c in token.children if c.dep_ in ("dobj",)]
                    claimant_tokens += [g for c in token.children if c.lower_ in ("on", "to") for g in c.children]
                else:
                    claimant_tokens = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
            if stance is None:
                continue
            group = None
            # "the group" stands for the armed group named last BEFORE the claim, in this
            # sentence or an earlier one (not one the sentence names after it)
            ents_here = sent.ents if ents_by_sent is None else ents_by_sent[i]
            earlier = [e for e in ents_here if e.label_ == "ORG" and e.ent_id_ in set(lex["armed_group_ids"]) and e.end_char <= token.idx]
            last_group = (earlier[-1].text, earlier[-1].ent_id_) if earlier else (last_groups[i - 1] if i else None)
            for t in claimant_tokens:
                group = _group_of(t, last_group, sent.ents if ents_by_sent is None else ents_by_sent[i],
                                  named_only=stance == "attributed")
                if group:
                    break
            group_start = None
            if group is None and stance != "attributed":
                group = _group_before(token, sent.ents if ents_by_sent is None else ents_by_sent[i])
                group_start = group and group[2]
                group = group and group[:2]
            if group is None:
                continue
            name, canonical = group
            canonical = canonical or name
            if stance == "attributed" and canonical not in lex["armed_group_ids"]:
                continue
            channels = _channels(doc_text(sent.doc), sent.start_char, sent.end_char)
            if not channels and stance == "claimed" and i + 1 < len(sents):
                nxt = sents[i + 1]
                channels = _channels(doc_text(sent.doc), nxt.start_char, nxt.end_char)
            starts = [t.idx for t in claimant_tokens] + [token.idx] + ([group_start] if group_start is not None else [])
            ends = [token.idx + len(token.text)] + [t.idx + len(t.text) for t in claimant_tokens]
            for c in token.children:
                if c.lemma_.lower() in lex["claim_objects"]:
                    ends.append(c.idx + len(c.text))
            start, end = min(starts), max(ends)
            cut = doc_text(sent.doc).rfind("\n", start, token.idx)
            start = cut + 1 if cut >= 0 else start
            out.append((i, ResponsibilityFinding(
                claimant=name, canonical=canonical, parent=lex["group_parents"].get(canonical),
                stance=stance, channel=", ".join(channels) or None, start=start, end=end,
            )))
    return out


def last_groups_by_sentence(sents, ents_by_sent=None) -> list:
    """For each sentence, the last armed group (name, canonical) named in it or before it."""
    ids = set(load("actors")["armed_group_ids"])
    out, last = [], None
    for i, sent in enumerate(sents):
        for ent in sent.ents if ents_by_sent is None else ents_by_sent[i]:
            if ent.label_ == "ORG" and (ent.ent_id_ in ids):
                last = (ent.text, ent.ent_id_)
        out.append(last)
    return out
