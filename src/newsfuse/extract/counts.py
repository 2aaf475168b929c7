"""Casualty and other counts: which words count whom, in which slot.

Finds trigger words (``data/counts.json``: "killed", "dead", "deaths", "injured", "admitted to
hospital", "in critical condition", "detained", "gunmen"...) in the dependency parse, walks to the
noun phrase they count (passive subject, object, the noun itself, "the lives of ..."), and counts
it with :mod:`headcount`. Subsets ("including five children") become their own findings with
``subset_of`` so they are never added to the total.

Slot ``shot`` is internal: people hit whose fate the phrase does not say ("two men were shot");
:func:`newsfuse.extract.derive.derived_injuries` turns it into injured = shot - killed.
"""

from __future__ import annotations

from newsfuse.extract.doctext import doc_text
from newsfuse.extract.headcount import (
    CountFinding,
    Headcount,
    count_phrase,
    is_person,
    make_finding,
    nearest_counted_noun,
    number_of,
    objects,
    subjects,
)
from newsfuse.extract.implied import fatal_parts, implied_death, suicides
from newsfuse.extract.subsets import with_subsets
from newsfuse.extract.lexicon import load, word_set
from newsfuse.extract.numbers import Quantity, find_quantities
from newsfuse.model import Qualifier


def token_quantities(doc, start: int, end: int) -> tuple[list[Quantity], dict[int, Quantity]]:
    """Number phrases in ``doc.text[start:end]`` and a map token index → Quantity."""
    found = find_quantities(doc_text(doc), start, end)
    by_token: dict[int, Quantity] = {}
    for q in found:
        span = doc.char_span(q.number_start, q.end, alignment_mode="expand")
        if span is None or _not_a_headcount(doc, span):
            continue
        for token in span:
            if token.pos_ not in ("ADP", "PUNCT", "CCONJ"):
                by_token[token.i] = q
    return found, by_token


_ALIVE = {"non-life-threatening", "minor", "non-fatal", "nonfatal", "superficial", "non-critical", "noncritical"}
_NON_COUNT_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}


#: Words a TIME/DATE entity may hold besides its number when the number is really a count:
#: "rose to more than 15 overnight" is tagged TIME as a whole.
_NOT_TIME_WORDS = {"more", "than", "at", "least", "about", "nearly", "almost", "over", "around", "some",
                   "overnight", "now", "so", "far", "up", "to", "fewer", "less", "roughly", "approximately"}


def _count_taken_for_time(token) -> bool:
    """A number the tagger put in a TIME or DATE entity whose other words name no time at all."""
    if token.ent_type_ not in ("TIME", "DATE") or not token.like_num or ":" in token.text:
        return False
    ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    # A lone number keeps its tag ("Jamal Berry, 30": an age): only a phrase like "more than 15
    # overnight" shows, by its other words, that the tagger saw a time where there is none.
    words = [t for t in ent if not t.like_num] if ent is not None else []
    return bool(words) and all(t.lower_ in _NOT_TIME_WORDS for t in words)


def _not_a_headcount(doc, span) -> bool:
    """Dates ("Jan. 11"), money, measures, and ages after a name ("Jamal Berry, 30")."""
    if any(t.ent_type_ in _NON_COUNT_ENTS and not _count_taken_for_time(t) for t in span):
        return True
    first, last = span[0], span[-1]
    if first.i >= 2 and doc[first.i - 1].text == "," and doc[first.i - 2].pos_ in ("PROPN",) and (
        last.i + 1 >= len(doc) or doc[last.i + 1].is_punct or doc[last.i + 1].lower_ in ("was", "is", "and", "who", "of")
    ):
        return True
    return False


def find_counts(doc, sent, quantities: dict[int, Quantity]) -> list[CountFinding]:
    """Every count claim in one sentence (a spaCy Span).

    Args:
        doc: the spaCy Doc of the article.
        sent: one of ``doc.sents``.
        quantities: token index → Quantity, from :func:`token_quantities`.

    Returns:
        Findings in sentence order; slot is one of the count slots, ``shot`` or ``other_count``.
    """
    lex = load("counts")
    findings: list[CountFinding] = []
    for token in sent:
        lemma = token.lemma_.lower()
        lower = token.lower_
        if token.pos_ == "VERB" and lemma == "pass" and any(c.dep_ == "prt" and c.lower_ == "away" for c in token.children):
            findings.extend(_verb_counts(token, "die", quantities))  # "he passed away": he died
        elif token.pos_ in ("VERB", "AUX") and lemma in lex["verbs"]:
            if token.dep_ == "amod" and token.head.lemma_.lower() not in lex["persons"]:
                continue  # "the recovered passenger list": a participle describing a thing
            findings.extend(_verb_counts(token, lemma, quantities))
        elif token.pos_ == "ADJ" and (lower in lex["adjectives"] or lemma in lex["adjectives"]):
            findings.extend(_adjective_counts(token, lex["adjectives"].get(lower) or lex["adjectives"][lemma], quantities))
        elif token.pos_ in ("NOUN", "PROPN") and lemma in lex["nouns"]:
            findings.extend(_noun_counts(token, lemma, quantities))
        elif token.pos_ == "NOUN" and lemma in ("hospital", "custody", "condition"):
            findings.extend(_place_counts(token, lemma, quantities))
        if token.pos_ in ("NOUN", "PROPN", "ADJ"):
            findings.extend(implied_death(token))
        if token.pos_ in ("NOUN", "PROPN") and (
            lemma in word_set("counts", "attackers") or lower in word_set("counts", "attackers")
        ):
            findings.extend(_attacker_counts(token, quantities, findings))
    findings.extend(suicides(doc, sent))
    findings.extend(fatal_parts(sent, quantities, findings))
    return with_subsets(_died_later(findings, doc_text(doc)), sent, quantities)


_PRONOUNS = {"he", "she", "they", "him", "her", "them"}


def _died_later(findings: list[CountFinding], text: str) -> list[CountFinding]:
    """Drop wounded/critical counts of people the same sentence says died: "a boy who was
    critically wounded on Friday died on Saturday" (one phrase counted twice), "the child was
    taken in critical condition, where he was pronounced dead" (a pronoun for the same child)."""
    dead = [f for f in findings if f.slot == "killed" and f.count.who != "attackers"]
    if not dead:
        return findings

    def same(f: CountFinding) -> bool:
        for d in dead:
            if d.count.start == f.count.start and d.count.point == f.count.point:
                return True
            pronoun = text[d.count.start : d.count.end].lower() in _PRONOUNS
            if pronoun and d.start > f.end and d.count.point == f.count.point:
                return True
        return False

    return [f for f in findings if f.slot not in ("injured", "critical", "shot") or not same(f)]


def _sum_counts(tokens, quantities) -> Headcount | None:
    counts = [count_phrase(t, quantities) for t in tokens]
    counts = [c for c in counts if c is not None]
    if not counts or len(counts) < len(tokens):
        return counts[0] if len(counts) == 1 and len(tokens) == 1 else (None if not counts else _add(counts))
    return counts[0] if len(counts) == 1 else _add(counts)


def _add(counts: list[Headcount]) -> Headcount:
    point = sum(c.point for c in counts) if all(c.point is not None for c in counts) else None
    exact = all(c.qualifier == Qualifier.EXACT for c in counts)
    high = None if any(c.high is None for c in counts) else sum(c.high for c in counts)
    return Headcount(
        low=sum(c.low for c in counts),
        high=high if exact else None,
        qualifier=Qualifier.EXACT if exact else Qualifier.AT_LEAST,
        point=point,
        start=min(c.start for c in counts),
        end=max(c.end for c in counts),
        who=counts[0].who,
    )


def _is_passive(verb) -> bool:
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod", "conj", "advcl", "oprd", "xcomp", "ccomp", "relcl"):
        return not any(c.dep_ == "nsubj" for c in verb.children)
    return False


def _reduced_passive(verb) -> bool:
    """"three others wounded": a past participle with a subject, no object, no 'have'."""
    return verb.tag_ == "VBN" and not any(
        c.dep_ == "dobj" or (c.dep_ == "aux" and c.lemma_ == "have") for c in verb.children
    )


def _own_number(token, quantities) -> Headcount | None:
    """A number hung directly on the trigger ("over 100 injured", "killing 40")."""
    for child in token.children:
        if child.i in quantities and child.dep_ in ("npadvmod", "nummod", "nsubj", "nsubjpass", "dobj", "attr"):
            if any(g.lower_ in word_set("counts", "fatal_modifiers") | word_set("counts", "critical_modifiers")
                   for g in child.children):
                continue  # ", one fatally" / ", one critically": a part of them, not their count
            c = count_phrase(child, quantities)
            if c is not None:
                return c
    return None


def _verb_slot(verb, lemma: str) -> str | None:
    lex = load("counts")
    slot = lex["verbs"][lemma]
    children = list(verb.children)
    lowers = {c.lower_ for c in children}
    if lemma in lex["struck_by_requires"]:
        agents = [g for c in children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if not any(a.lower_ in lex["struck_by_nouns"] or a.lemma_ in lex["struck_by_nouns"] for a in agents):
            return None
    if lemma == "shoot" and "at" in {c.lower_ for c in children if c.dep_ == "prep"} and not any(
        c.dep_ in ("dobj", "nsubjpass") for c in children
    ):
        return None  # "shot at a car": nobody hit
    if lemma == "book" and not any(c.lower_ in ("into", "on", "in") for c in children):
        return None
    if lemma == "recover" and any(c.dep_ == "dobj" for c in children):
        return None  # "police recovered a gun"
    if slot in ("shot", "injured"):
        if lowers & word_set("counts", "fatal_modifiers") or _to_death(verb):
            return "killed"
    return slot


def _to_death(verb) -> bool:
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ == "death" for g in c.children):
            return True
        if c.dep_ in ("oprd", "acomp", "advmod", "xcomp") and c.lower_ == "dead":
            return True
    return False


def _irrealis(verb) -> bool:
    """"tried to kill", "could have killed", "intent to kill", "if he died": nothing happened
    to count."""
    aux = word_set("counts", "irrealis_aux")
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in aux for c in verb.children):
        return True
    if any(c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in verb.children):
        return True  # "could not say if the man had died"
    return verb.dep_ == "conj" and any(c.dep_ == "aux" and c.lower_ in aux for c in verb.head.children)


def _verb_counts(verb, lemma: str, quantities) -> list[CountFinding]:
    slot = _verb_slot(verb, lemma)
    if slot is None or _irrealis(verb):
        return []
    out: list[CountFinding] = []
    negated = any(c.dep_ == "neg" for c in verb.children)
    count = _own_number(verb, quantities) or number_of(verb, quantities)
    if count is None:
        if lemma in load("counts")["subject_verbs"] or _is_passive(verb) or _reduced_passive(verb):
            targets = subjects(verb)
        else:
            targets = objects(verb)
        if not targets and _is_passive(verb):
            fallback = nearest_counted_noun(verb, quantities)
            targets = [fallback] if fallback is not None else []
        if any(t.lower_ in word_set("counts", "self_kill") for t in targets):
            return out  # "shot himself": see _suicides
        count = _sum_counts(targets, quantities) if targets else None
        if count is not None and count.who == "all" and _victims_of_someone(verb, targets, count):
            count.who = "victims"
    if count is None:
        return out
    if negated:
        count = Headcount(0, 0, Qualifier.EXACT, 0, count.start, count.end, count.who)
    revision = lemma in load("counts")["revision_words"]
    out.append(make_finding(slot, count, verb, revision=revision))
    if slot in ("injured", "shot"):
        critical = _critical_part(verb, quantities)
        if critical is not None:
            out.append(make_finding("critical", critical, verb))
        elif any(c.lower_ in word_set("counts", "critical_modifiers") and not _has_number(c, quantities)
                 for c in verb.children):
            out.append(make_finding("critical", count, verb))  # "were critically injured": all of them
    return out


def _victims_of_someone(verb, targets, count: Headcount) -> bool:
    """"A man killed his daughter, then himself": whom a person killed are his victims, so an
    attacker reported apart adds to them (reconcile/casualties.py). Not "the shooting killed
    two" (an event counts everyone) nor "killed four classmates and himself" (counted already)."""
    if not targets or any(t.dep_ != "dobj" for t in targets):
        return False
    if any(t.lower_ in word_set("counts", "self_kill") and count.start <= t.idx < count.end
           for target in targets for t in target.subtree):
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None and verb.dep_ == "conj":
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
        subject = verb.head  # "the officer who killed the man"
    if subject is None or subject.lower_ in ("they", "we", "you", "that", "which", "it"):
        return False
    police = word_set("counts", "law_enforcement")
    if subject.lower_ in police or subject.lemma_.lower() in police or any(
            c.lower_ in police for c in subject.children if c.dep_ == "compound"):
        return False  # police who shot a suspect: the dead is the attacker
    if subject.tag_ in ("NNS", "NNPS"):
        return False  # a plural killer is rare; in titles it is mostly a misparse
    return subject.pos_ in ("PROPN", "PRON") or is_person(subject)


def _has_number(token, quantities) -> bool:
    return any(g.i in quantities for g in token.children)


def _critical_part(verb, quantities) -> Headcount | None:
    """"Eleven others were injured, two of them critically" / "three men were shot, one
    critically": the part in critical condition, not all of them."""
    mods = word_set("counts", "critical_modifiers")
    for child in verb.children:
        if child.lower_ in mods:
            numbers = [g for g in child.children if g.i in quantities]
            if numbers:
                return count_phrase(numbers[0], quantities)
        elif child.i in quantities and child.dep_ in ("npadvmod", "appos", "nsubj", "advmod") and any(
            g.lower_ in mods for g in child.subtree
        ):
            return count_phrase(child, quantities)
    return None


def _adjective_counts(adj, slot: str, quantities) -> list[CountFinding]:
    count = _own_number(adj, quantities)
    if count is None:
        if adj.dep_ == "amod" and adj.head.pos_ in ("NOUN", "PROPN"):
            targets = [adj.head]
        else:
            targets = [c for c in adj.children if c.dep_ in ("nsubj", "nsubjpass")] or subjects(adj)
            if adj.dep_ in ("oprd", "ccomp", "xcomp") and adj.head.pos_ == "VERB":
                targets = objects(adj.head) or targets
        count = _sum_counts(targets, quantities) if targets else None
    if count is None or (adj.dep_ in ("acomp", "oprd") and _irrealis(adj.head)):
        return []  # "he should be dead"
    if any(c.dep_ == "neg" for c in adj.children) or any(c.dep_ == "neg" for c in adj.head.children if adj.dep_ in ("acomp", "oprd")):
        count = Headcount(0, 0, Qualifier.EXACT, 0, count.start, count.end, count.who)
    if slot == "injured_none":
        slot = "injured"
        count = Headcount(0, 0, Qualifier.EXACT, 0, count.start, count.end, count.who)
    return [make_finding(slot, count, adj)]


#: "the attempted assassination", "a foiled murder plot": nobody died.
_NOT_DONE = frozenset({"attempted", "attempt", "failed", "foiled", "planned", "alleged", "thwarted", "plot"})


def _noun_counts(noun, lemma: str, quantities) -> list[CountFinding]:
    lex = load("counts")
    if lemma in _POSSESSED_DEATHS - {"body", "corpse", "death"} and (
        any(c.lower_ in _NOT_DONE for c in noun.children) or noun.head.lower_ in _NOT_DONE
        or (noun.dep_ == "pobj" and noun.head.head.lower_ in _NOT_DONE)
    ):
        return []
    slot = lex["nouns"][lemma]
    revision = False
    count = None
    kinds = word_set("counts", "injury_kind_modifiers")
    counts_wounds = lemma in word_set("counts", "count_nouns_not_people") and (
        lemma == "wound" or any(c.lower_ in kinds for c in noun.children)
        or noun.head.lemma_.lower() in lex["suffer_verbs"]
    )
    for child in noun.children:
        after = noun.doc[child.i + 1] if child.i + 1 < len(noun.doc) else None
        if child.ent_type_ in ("DATE", "TIME") or (after is not None and after.ent_type_ == "DATE"):
            continue  # "the 16 November assassination": a day, not a count
        if child.i in quantities and child.dep_ in ("nummod", "quantmod", "amod", "compound"):
            if not counts_wounds:  # "six gunshot wounds" counts wounds, not people
                count = count_phrase(child, quantities)
        elif child.dep_ == "det" and child.lower_ == "no":
            count = Headcount(0, 0, Qualifier.EXACT, 0, child.idx, noun.idx + len(noun.text))
        elif child.dep_ == "poss" and lemma in _POSSESSED_DEATHS and _found_or_death(noun, lemma) and (
            child.lower_ in ("his", "her") or child.ent_type_ == "PERSON" or is_person(child)
            or child.lemma_.lower() in word_set("actors", "official_titles")
        ) and not any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children):  # "the army's killing of"
            # "his death", "Leongomez' assassination", "the priests' murder" (their number)
            count = count_phrase(child, quantities) if child.tag_ == "NNS" else None
            count = count or Headcount(1, 1, Qualifier.EXACT, 1, child.idx, noun.idx + len(noun.text))
    if lemma == "life":
        head = noun.head.head if noun.dep_ == "pobj" else noun.head
        if head.lemma_.lower() not in lex["life_verbs"]:
            return []
    if lemma == "toll":
        # "the death toll", or a bare "the toll" given a figure; not "the road toll"
        if any(c.dep_ == "compound" and c.lower_ not in ("death", "casualty") for c in noun.children):
            return []
        count, revision = _toll_value(noun, quantities)
        if count is None:
            return []
    if count is None:
        count = number_of(noun, quantities)  # "raising the number of dead to nine"
    via_person = False
    if lemma in ("injury", "wound") and count is None:
        via_person = True
        head = noun.head
        if noun.dep_ == "pobj" and head.lower_ in ("with", "from") and head.head.pos_ in ("NOUN", "PROPN", "ADJ") and head.head.dep_ != "pobj":
            count = _sum_counts([head.head], quantities)  # "a 15-year-old with a gunshot wound"
        elif noun.dep_ in ("dobj", "pobj") and head.lemma_.lower() in set(lex["suffer_verbs"]) | {"for", "from", "with"}:
            verb = head.head if head.dep_ == "prep" else head
            if verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() not in ("die", "succumb"):
                targets = subjects(verb) if verb.lemma_.lower() in lex["suffer_verbs"] or _is_passive(verb) else objects(verb)
                count = _sum_counts(targets, quantities) if targets else None
            if head.lemma_.lower() == "survive":
                count = None
    if count is None:
        # "the assassination of X and of Y": each "of" (a sibling or a conjunct of the first)
        preps = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"]
        preps += [g for p in preps for g in p.children if g.dep_ == "conj" and g.lower_ == "of"]
        objs = [g for p in preps for g in p.children if g.dep_ == "pobj"]
        count = _sum_counts(objs, quantities) if objs else None
        if count is None and lemma in _POSSESSED_DEATHS and len(objs) == 1:
            # "the murder of two American citizens", "the assassination of candidate Luis Galan"
            count = _numbered(objs[0], quantities) or (
                Headcount(1, 1, Qualifier.EXACT, 1, objs[0].idx, objs[0].idx + len(objs[0].text))
                if any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in objs[0].children) else None)
    if count is None:
        return []
    population = "hostages" if lemma == "hostage" else None
    alive = any(c.lower_ in _ALIVE for c in noun.children) or {noun.head.lemma_.lower(), noun.head.head.lemma_.lower()} & {"recover", "treat"}
    if slot == "injured" and (counts_wounds or via_person) and not alive:
        slot = "shot"  # "a man with a gunshot wound" is hurt, maybe fatally: hit, fate unknown
    return [make_finding(slot, count, noun, revision=revision, population=population)]


def _numbered(noun, quantities) -> Headcount | None:
    """The number on a noun ("two citizens"), whatever the noun: a killing's victims are people."""
    for child in noun.children:
        if child.i in quantities and child.dep_ == "nummod":
            q = quantities[child.i]
            return Headcount(q.low, q.high, q.qualifier, q.point, q.start, noun.idx + len(noun.text))
    return None


#: Nouns whose possessor is the dead: "his death", "her body", "Galan's assassination".
_POSSESSED_DEATHS = frozenset({"body", "death", "corpse", "murder", "assassination", "killing", "slaying"})


def _found_or_death(noun, lemma: str) -> bool:
    """"his body was found" (not "the side of his body"); "his death", "his murder"."""
    if lemma not in ("body", "corpse"):
        return True
    return noun.head.lemma_.lower() in ("find", "discover", "recover", "identify", "locate", "pull", "remove", "retrieve")


def _toll_value(toll, quantities) -> tuple[Headcount | None, bool]:
    """"the death toll rose to 62", "a death toll of 62", "the toll stands at 62"."""
    for prep in toll.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "at"):
            for obj in prep.children:
                if obj.i in quantities:
                    return count_phrase(obj, quantities), False
    verb = toll.head
    lex = load("counts")
    if verb.pos_ in ("VERB", "AUX") and (
        verb.lemma_.lower() in lex["toll_verbs"]
        or (toll.dep_ == "dobj" and verb.lemma_.lower() in lex["toll_object_verbs"])  # "bringing the toll to 52"
    ):
        revision = verb.lemma_.lower() in lex["revision_words"] or verb.lemma_.lower() in ("bring", "raise", "push", "lift")
        for child in verb.children:
            if child.i in quantities and child.dep_ in ("attr", "dobj", "npadvmod", "acomp"):
                return count_phrase(child, quantities), revision
            if child.dep_ == "prep" and child.lower_ in ("to", "at"):
                for obj in child.children:
                    if obj.i in quantities:
                        return count_phrase(obj, quantities), revision
    return None, False


def _place_counts(noun, lemma: str, quantities) -> list[CountFinding]:
    """"taken to the hospital", "taken into custody", "in critical condition"."""
    lex = load("counts")
    if noun.dep_ != "pobj" or noun.head.dep_ != "prep":
        return []
    prep = noun.head
    head = prep.head
    if lemma == "condition":
        if not any(c.lower_ in lex["condition_critical"] for c in noun.children):
            return []
        slot = "critical"
    elif lemma == "hospital":
        if prep.lower_ not in ("to", "in", "at") or head.lemma_.lower() not in lex["hospital_verbs"] + ["be", "remain", "treat", "admit", "hospitalize"]:
            return []
        slot = "hospitalized"
    else:
        if prep.lower_ not in ("into", "in") or head.lemma_.lower() not in lex["custody_verbs"]:
            return []
        slot = "arrested"
    if head.pos_ in ("NOUN", "PROPN", "NUM"):
        targets = [head]
    elif _is_passive(head) or head.lemma_.lower() in ("be", "remain", "have"):
        targets = subjects(head)
        if not targets:
            fallback = nearest_counted_noun(head, quantities)
            targets = [fallback] if fallback is not None else []
    else:
        targets = objects(head) or ([] if any(c.dep_ == "nsubj" for c in head.children) else subjects(head))
    count = _sum_counts(targets, quantities) if targets else None
    if count is None:
        return []
    return [make_finding(slot, count, prep, noun)]


def _attacker_counts(noun, quantities, found: list[CountFinding]) -> list[CountFinding]:
    count = None
    for child in noun.children:
        if child.i in quantities and child.dep_ in ("nummod", "quantmod"):
            count = count_phrase(child, quantities)
    if count is None or any(f.start <= noun.idx < f.end for f in found):
        return []
    count.who = "attackers"
    return [make_finding("attackers", count, noun)]


