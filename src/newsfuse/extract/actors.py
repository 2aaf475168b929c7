"""Actors: people and organisations an article names, with their role and title.

"Moscow regional governor Andrei Vorobyov" → name "Andrei Vorobyov", title "Moscow regional
governor", role "official"; "Colin P Clarke, a counterterrorism analyst at the Soufan Group" →
role "expert"; a person who was killed or wounded → "victim"; who shot or was arrested →
"perpetrator" / "suspect"; armed groups → type "group". One mention per name and article, the
first that carries a title when there is one.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsfuse.extract.lexicon import load


@dataclass
class ActorFinding:
    name: str
    canonical: str | None
    type: str
    role: str | None
    title: str | None
    start: int
    end: int
    sentence: int


def _title_before(ent, sent_start: int) -> tuple[str | None, int]:
    """Words before the name in the same noun phrase: "Russian Security Council Secretary"."""
    doc = ent.doc
    head = ent.root
    i = ent.start
    while i > sent_start and (ent.start <= doc[i - 1].head.i < ent.end or doc[i - 1].head.i == head.i) and doc[i - 1].dep_ in (
        "compound", "amod", "nmod", "nummod", "npadvmod"
    ):
        i -= 1
    # also words hanging on those words ("Moscow regional governor")
    while i > sent_start and doc[i - 1].dep_ in ("compound", "amod") and doc[i - 1].head.i >= i:
        i -= 1
    if i < ent.start:
        return doc[i : ent.start].text, doc[i].idx
    return None, ent.start_char


def _title_appos(ent) -> str | None:
    """"Alexey Shaposhnikov, the Chairman of Moscow City Duma" / "the Governor ..., Andrei Vorobyov"."""
    root = ent.root
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ in ("NOUN", "PROPN") and child.ent_type_ != "PERSON":
            return _np_text(child)
    if root.dep_ == "appos" and root.head.pos_ in ("NOUN", "PROPN") and root.head.ent_type_ != "PERSON":
        return _np_text(root.head, stop=root)
    return None


def _np_text(head, stop=None) -> str:
    tokens = [t for t in head.subtree if stop is None or not (stop.left_edge.i <= t.i <= stop.right_edge.i)]
    while tokens and (tokens[0].dep_ == "det" or tokens[0].is_punct):
        tokens.pop(0)
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    return " ".join(t.text for t in tokens)[:120] if tokens else ""


def _role(ent, title: str | None) -> str | None:
    lex = load("actors")
    words = set((title or "").lower().replace(",", " ").split())
    if words & set(lex["official_titles"]):
        return "official"
    if words & set(lex["expert_titles"]):
        return "expert"
    root = ent.root
    verb = root.head
    lemma = verb.lemma_.lower()
    counts = load("counts")
    if root.dep_ == "nsubjpass" and (lemma in counts["verbs"] and counts["verbs"][lemma] in ("killed", "injured", "shot")):
        return "victim"
    if root.dep_ == "nsubjpass" and lemma in ("arrest", "detain", "charge", "book", "apprehend"):
        return "suspect"
    if root.dep_ == "nsubj" and lemma in ("shoot", "kill", "stab", "attack", "open"):
        return "perpetrator"
    if root.dep_ == "dobj" and lemma in ("kill", "shoot", "wound", "injure", "stab"):
        return "victim"
    if root.dep_ == "nsubj" and lemma in ("die",):
        return "victim"
    return None


def find_actors(sents, ents_by_sent=None) -> list[ActorFinding]:
    """People and organisations named in the sentences, first titled occurrence per name."""
    groups = set(load("actors")["armed_group_ids"])
    best: dict[str, ActorFinding] = {}
    for i, sent in enumerate(sents):
        for ent in sent.ents if ents_by_sent is None else ents_by_sent[i]:
            if ent.label_ not in ("PERSON", "ORG"):
                continue
            name = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
            if len(name) < 2 or "\n" in name or (ent.label_ == "ORG" and len(name.split()) == 1 and name.istitle() and not ent.ent_id_ and name.lower() in ("state", "russian", "swat")):
                continue
            canonical = ent.ent_id_ or None
            if ent.label_ == "PERSON":
                title, start = _title_before(ent, sent.start)
                title = title or _title_appos(ent)
                kind = "person"
                role = _role(ent, title)
            else:
                title, start = None, ent.start_char
                kind = "group" if canonical in groups else "organisation"
                role = None
            key = (canonical or name).lower()
            finding = ActorFinding(name, canonical, kind, role, title, ent.start_char if ent.text == name else ent.end_char - len(name), ent.end_char, i)
            if title:
                finding.start = min(finding.start, start)
            known = best.get(key)
            if known is None or (not known.title and title) or (not known.role and role):
                if known is not None:
                    finding.title = finding.title or known.title
                    finding.role = finding.role or known.role
                best[key] = finding
    return sorted(best.values(), key=lambda f: f.start)
