"""Actors: people and organisations an article names, with their role and title.

"Moscow regional governor Andrei Vorobyov" → name "Andrei Vorobyov", title "Moscow regional
governor", role "official"; "Colin P Clarke, a counterterrorism analyst at the Soufan Group" →
role "expert"; a person who was killed or wounded → "victim"; who shot or was arrested →
"perpetrator" / "suspect"; armed groups → type "group"; "the Piknik band" → an organisation.
One mention per name and article, the first that carries a title when there is one.

Not actors: news outlets and agencies (attribution sources: "according to Reuters"), seats of
government named for it ("the Kremlin"), place names tagged as organisations ("Washington"),
names in a heading line ("Global Reaction and the Path Forward"), a name modifying a common noun
("a SWAT team", "a white Renault car"), names cut off by the tagger ("Main Directorate of
the") and streets, buildings and venues ("Lamar St.", "UW Hospital": the place, which the place
stage reads). Word lists: ``data/actors.json``.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsfuse.extract.attribution import source_kind
from newsfuse.extract.doctext import doc_text
from newsfuse.extract.gazetteer import lookup
from newsfuse.extract.lexicon import load, word_set


_PLACE_PREPOSITIONS = {"in", "near", "outside", "across", "throughout", "around"}


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
        return doc[i : ent.start].text.strip(), doc[i].idx
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
    # "an analyst at the Soufan Group, a firm based in ...": the title ends at its first comma
    cut = next((k for k, t in enumerate(tokens) if t.i > head.i and t.text in (",", ";", "(")), None)
    tokens = tokens[:cut] if cut is not None else tokens
    while tokens and (tokens[0].dep_ == "det" or tokens[0].is_punct):
        tokens.pop(0)
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    return "".join(t.text_with_ws for t in tokens).strip()[:120] if tokens else ""


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


def _in_heading(ent) -> bool:
    """Is the entity on a heading line (short, no closing punctuation, content words capitalised)?"""
    doc = ent.doc
    text = doc_text(doc)
    start = text.rfind("\n", 0, ent.start_char) + 1
    end = text.find("\n", ent.end_char)
    end = end if end >= 0 else len(text)
    line = text[start:end].strip()
    if not line or line[-1] in ".!?\"'”’:":
        return False
    words = [t for t in doc.char_span(start, end, alignment_mode="expand") or [] if t.is_alpha]
    content = [t for t in words if not t.is_stop]
    if not content or len(words) > 15:
        return False
    return sum(t.text[0].isupper() for t in content) * 3 >= 2 * len(content)


def _head(ent):
    """The entity's head token (a leading "the" tagged into the name is not it)."""
    return next((t for t in reversed(ent) if t.dep_ != "det" and not ent.start <= t.head.i < ent.end), ent.root)


def _organisation_noun(ent) -> bool:
    """"the Piknik band", "the rock band Picnic": the name of a band, firm, party..."""
    root = _head(ent)
    nouns = word_set("actors", "organisation_nouns")
    if root.dep_ in ("compound", "appos", "poss") and root.head.lemma_.lower() in nouns:
        return True
    return any(c.dep_ == "appos" and c.lemma_.lower() in nouns for c in root.children)


def not_an_actor(ent, name: str) -> bool:
    """Names that are not actors of the event (see the module docstring)."""
    lex = load("actors")
    if len(name) < 2 or "\n" in name:
        return True
    if ent.ent_id_:
        return source_kind(ent.ent_id_) in lex["outlet_kinds"] and ent.ent_id_ not in lex["armed_group_ids"]
    last = ent[-1]
    if last.pos_ in ("ADP", "DET", "CCONJ", "PART") or last.is_punct:
        return True  # cut off: "Main Directorate of the"
    if not any(c.isupper() for c in name):
        return True  # "the rebuilt eastern hall": a name has a capital
    if a_facility(name, person=ent.label_ == "PERSON"):
        return True  # "Lamar St.", "UW Hospital": where it happened, not who took part
    root = _head(ent)
    if ent.label_ == "PERSON" and root.dep_ == "pobj" and root.head.lower_ in _PLACE_PREPOSITIONS:
        return True  # "the market in Qasr Hamun": a place the tagger took for a person
    if ent.label_ == "ORG":
        if name in lex["metonyms"] or ent.text in lex["metonyms"]:
            return True
        if source_kind(name) in lex["outlet_kinds"] or lookup(name) is not None:
            return True
        root = _head(ent)
        if root.dep_ in ("compound", "amod", "npadvmod", "nmod") and not _organisation_noun(ent):
            return True  # a modifier: "a SWAT team", "a white Renault car", "State-run", "Russian Health Ministry"
        if root.dep_ == "pobj" and root.head.head.lemma_.lower() in load("places")["region_words"]:
            return True  # "the province of Khorasan": a place
    return _in_heading(ent)


def a_facility(name: str, *, person: bool = False) -> bool:
    """A street, building or venue by its last word ("N. 20th St.", "Kosair Children's Hospital");
    for a name tagged as a person only words that are not also surnames count ("Nathan Lane")."""
    words = name.split()
    if len(words) < 2:
        return False
    last = words[-1].lower().rstrip(".,")
    if last in word_set("actors", "facility_heads"):
        return True
    return not person and last in word_set("actors", "facility_heads_not_people")


def find_actors(sents, ents_by_sent=None) -> list[ActorFinding]:
    """People and organisations named in the sentences, first titled occurrence per name."""
    groups = set(load("actors")["armed_group_ids"])
    best: dict[str, ActorFinding] = {}
    for i, sent in enumerate(sents):
        for ent in sent.ents if ents_by_sent is None else ents_by_sent[i]:
            if ent.label_ not in ("PERSON", "ORG"):
                continue
            name = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
            if not_an_actor(ent, name):
                continue
            canonical = ent.ent_id_ or None
            if _organisation_noun(ent):
                title, start, kind, role = None, ent.start_char, "organisation", None
            elif ent.label_ == "PERSON":
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
