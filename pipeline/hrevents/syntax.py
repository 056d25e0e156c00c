"""Dependency-tree helpers shared by the components.

They encode how English marks roles (voice, coordination, participles, relative
clauses), so the rules can name a role ("patient") instead of a parse configuration.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from functools import cache

from spacy.tokens import Token

from hrevents.rules.schema import load_lexicon

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
VERBAL = frozenset({"VERB", "AUX"})
NP_LEFT_DEPS = frozenset(
    {"det", "amod", "compound", "nmod", "poss", "nummod", "quantmod", "advmod", "case", "npadvmod"}
)


@cache
def _words() -> tuple[frozenset[str], frozenset[str]]:
    """The lexicon's relative pronouns and object-control verbs (read once)."""
    lex = load_lexicon()
    return frozenset(lex.relative_pronouns), frozenset(lex.object_control_verbs)


def children(token: Token, *deps: str) -> list[Token]:
    return [child for child in token.children if child.dep_ in deps]


def is_passive(verb: Token) -> bool:
    """Passive voice, including participles coordinated with a passive head."""
    if any(child.dep_ in ("auxpass", "nsubjpass", "csubjpass") for child in verb.children):
        return True
    if verb.dep_ == "conj" and verb.tag_ == "VBN" and verb.head.pos_ in VERBAL and not children(verb, "dobj", "nsubj"):
        return is_passive(verb.head)
    return (
        verb.tag_ == "VBN"
        and verb.dep_ in ("acl", "amod", "advcl", "xcomp", "ccomp")
        and not children(verb, "dobj", "nsubj")
    )


def subject(verb: Token) -> Token | None:
    """The subject of a verb, following coordination, participles and relative clauses."""
    found = children(verb, *SUBJECTS)
    if found:
        # Two subjects is a parse error ("Journalist Can Dundar fled"); the name is the subject.
        head = next((t for t in found if t.ent_type_ == "PERSON"), found[0])
        if head.lower_ in _words()[0]:
            clause = verb
            while clause.dep_ == "conj" and clause.head.i != clause.i:
                clause = clause.head
            if clause.dep_ == "relcl":
                return relative_antecedent(clause)
        return head
    if verb.dep_ == "conj" and verb.head.pos_ in VERBAL | {"NOUN", "ADJ"}:
        return subject(verb.head)
    if verb.dep_ in ("acl", "relcl", "amod") and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return verb.head
    if verb.dep_ in ("xcomp", "advcl") and verb.head.pos_ in VERBAL:
        # "ordered her to leave": the object controls; "used force to arrest X": the subject.
        objects = children(verb.head, "dobj")
        if objects and verb.head.lemma_.lower() in _words()[1]:
            return objects[0]
        return subject(verb.head)
    if verb.dep_ in ("advcl", "pcomp") and verb.head.pos_ in VERBAL:
        return subject(verb.head)
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in VERBAL:
        # "fled after receiving threats": the gerund's subject is the main clause's.
        return subject(verb.head.head)
    return None


def _names(token: Token) -> bool:
    """A name beside a noun ("activists X")."""
    return token.ent_type_ == "PERSON" and token.dep_ in ("appos", "compound")


def direct_object(verb: Token) -> Token | None:
    """The object, shared across coordinated verbs ("arrested and detained X")."""
    found = children(verb, "dobj")
    if found:
        # Two objects is a parse error ("arrested party (X) activists Y"); the name is the object.
        named = [t for t in found if t.ent_type_ == "PERSON" or any(_names(c) for c in t.children)]
        return named[0] if named else found[0]
    for child in children(verb, "oprd"):
        if child.ent_type_ == "PERSON" and child.pos_ == "PROPN":
            # "called activist A, a dual citizen, to their offices": a name the parser read as
            # the object's predicate is the object
            return child
    for child in children(verb, "dative"):
        if child.pos_ in ("NOUN", "PROPN") and (child.ent_type_ == "PERSON" or any(_names(c) for c in child.children)):
            # "arrested rights defenders A and B": an indirect object with no direct one is the object
            return child
    for conj in children(verb, "conj"):
        if conj.pos_ in VERBAL and children(conj, "dobj") and not children(conj, *SUBJECTS):
            return children(conj, "dobj")[0]
    if verb.dep_ == "conj" and verb.head.pos_ in VERBAL:
        head_objects = children(verb.head, "dobj")
        if head_objects and head_objects[0].i > verb.i:
            return head_objects[0]
    # "summoned for questioning several members": the object the parser hung on the
    # gerund right after the verb.
    for prep in children(verb, "prep"):
        if prep.i == verb.i + 1:
            for gerund in children(prep, "pcomp"):
                objects = children(gerund, "dobj")
                if gerund.i == prep.i + 1 and objects and not children(gerund, *SUBJECTS):
                    return objects[0]
    return None


def patient(verb: Token) -> Token | None:
    """Who undergoes the act: the object of an active verb, the subject of a passive one."""
    if verb.pos_ not in VERBAL and verb.dep_ in ("amod", "compound"):
        return verb.head
    shifted = shifted_object(verb) if verb.pos_ in VERBAL else None
    if shifted is not None:
        # before the participle test: a parser that lost the shifted object also tends to
        # read the verb as a participle of its subject ("A court sentenced in absentia X")
        return shifted
    if is_passive(verb):
        return subject(verb)
    if verb.dep_ in ("acl", "amod") and verb.tag_ == "VBN":
        # a participle has no object of its own: one with a direct object after it is the
        # active verb the parser misread ("Authorities released from prison four prisoners")
        obj = direct_object(verb)
        return obj if obj is not None and obj.i > verb.i else verb.head
    return antecedent(direct_object(verb) or fronted_whom(verb), verb)


def fronted_whom(verb: Token) -> Token | None:
    """ "18 politicians whom the government charged with X": "whom" is always an object; the
    parser may hang it on a later preposition of its clause, but one written before the verb
    and not after a preposition ("to whom") is the verb's fronted object."""
    for token in verb.subtree:  # (a non-projective arc: not in document order)
        if token.i < verb.i and token.lower_ == "whom" and token.dep_ == "pobj" and token.head.i > token.i:
            return token
    return None


RELATIVE_PRONOUNS = frozenset({"whom", "who", "that"})


def antecedent(obj: Token | None, verb: Token) -> Token | None:
    """ "A, whom authorities released in May": a relative pronoun object stands for the noun
    its clause describes."""
    if obj is None or obj.tag_ not in ("WP", "WDT") or obj.lower_ not in RELATIVE_PRONOUNS:
        return obj
    clause = verb
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    return relative_antecedent(clause) if clause.dep_ == "relcl" else obj


@cache
def _plural_auxiliaries() -> frozenset[str]:
    """The lexicon's auxiliaries that agree with a plural antecedent ("who were arrested",
    "who have been held"; read once)."""
    return frozenset(load_lexicon().references.plural_auxiliaries)


def plural_clause(clause: Token, auxiliaries: Collection[str] | None = None) -> bool:
    """The clause's verb, or its auxiliary, is plural in form ("who were arrested", "who
    remain"): it cannot agree with a singular noun. `auxiliaries` defaults to the shipped
    lexicon's; a component with a lexicon of its own passes that one's."""
    if clause.tag_ == "VBP":
        return True
    forms = _plural_auxiliaries() if auxiliaries is None else auxiliaries
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in forms for c in clause.children)


def relative_antecedent(clause: Token) -> Token:
    """The noun a relative clause describes. The parser hangs the clause on the nearest noun,
    but agreement picks the antecedent: in "critics of the minister, who were arrested" a
    plural verb cannot agree with the singular "minister", so it is the plural noun the "of"
    phrase depends on (the critics) that were arrested, not the person they criticise."""
    head = clause.head
    if (
        plural_clause(clause)
        and head.tag_ in ("NN", "NNP")
        and not head.conjuncts
        and head.dep_ == "pobj"
        and head.head.lower_ == "of"
        and head.head.head.tag_ in ("NNS", "NNPS")
    ):
        return head.head.head
    return head


def recipient(verb: Token) -> Token | None:
    """Who is given something: the indirect object ("handed X a term"), the object of
    "to" ("handed a term to X"), the subject of the passive ("X was handed a term")."""
    if is_passive(verb):
        return subject(verb)
    found = children(verb, "dative")
    for child in found:
        objects = children(child, "pobj")
        if child.pos_ == "ADP":
            if objects:
                return objects[0]
            continue
        return child
    return None


def agent(verb: Token) -> Token | None:
    """The `by` phrase of a passive verb or noun."""
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            objects = children(child, "pobj")
            if objects:
                return objects[0]
    return None


def possessor(noun: Token, preps: tuple[str, ...] = ("of", "against")) -> Token | None:
    """ "X's arrest", "the arrest of X", "charges against X", and a person's name used as a
    premodifier ("the Ruiz abduction", "the Omar Said killing"): a name before an act noun
    names whom the act was done to, as a possessive does. Only before a singular noun: "the
    Duterte killings" names who ordered them."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            objects = children(child, "pobj")
            if objects:
                return objects[0]
    if noun.tag_ == "NN":
        for child in noun.children:
            if child.dep_ == "compound" and child.ent_type_ == "PERSON" and child.i < noun.i:
                return child
    return None


# Participles that give a penalty to someone: "a jail term handed to X", "the fine imposed on X".
GIVING_PARTICIPLES = frozenset({"hand", "give", "impose", "mete", "issue"})


# Words of a fixed adverbial phrase that the parser may read as a modifier of the name after it.
SHIFTING_PHRASES = frozenset({"absentia"})


def shifted_object(verb: Token) -> Token | None:
    """A named object moved after a short phrase that follows the verb ("sentenced in absentia
    X to one year", "questioned for a third time X"): the parser hangs the name on that phrase's
    noun as an apposition, or on the verb as an adverbial noun or a second subject, or reads
    the moved phrase as the preposition's second object ("released from prison four prisoners,
    A and B"). Only a name with no punctuation before it: "questioned in May, X said" is another
    clause."""
    for prep in children(verb, "prep"):
        if prep.i != verb.i + 1:
            continue
        objects = children(prep, "pobj")
        if len(objects) > 1 and any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in objects[-1].children):
            # "released from prison four prisoners, A and B": the parser gave the phrase two objects
            return objects[-1]
        for obj in objects:
            if obj.ent_type_ == "PERSON" and any(t.lower_ in SHIFTING_PHRASES for t in obj.subtree if t.i < obj.i):
                # "in absentia journalist X": the name taken as the object of the phrase
                return obj
            for name in children(obj, "appos", "npadvmod"):
                if name.ent_type_ == "PERSON" and not any(t.is_punct for t in name.doc[obj.i : name.left_edge.i]):
                    return name
        # "police questioned for a third time X": or as a second subject, after the verb
        second = children(verb, "nsubj") if any(c.dep_ == "nsubj" and c.i < verb.i for c in verb.children) else []
        for name in [*children(verb, "npadvmod", "appos"), *second]:
            if (
                name.ent_type_ == "PERSON"
                and name.i > prep.i
                and not any(t.is_punct for t in verb.doc[prep.i : name.left_edge.i])
            ):
                return name
    return None


def recipient_of_penalty(noun: Token) -> Token | None:
    """Whom a penalty noun is given to, told by the participle that describes it ("increased a
    jail term handed to X", "the fine imposed on X") or by the passive verb it is the subject
    of ("a fine was imposed on X"): the noun has no possessor of its own."""
    givers = [acl for acl in children(noun, "acl") if acl.tag_ == "VBN"]
    if noun.dep_ == "nsubjpass":
        givers.append(noun.head)  # "a sentence of five years was handed down to X"
    for acl in givers:
        if acl.lemma_.lower() not in GIVING_PARTICIPLES:
            continue
        for prep in children(acl, "prep", "dative"):
            if prep.lower_ in ("to", "on", "against"):
                objects = children(prep, "pobj")
                if objects:
                    return objects[0]
    return None


def governing_verb(token: Token) -> Token | None:
    """The nearest verb above a token (for nouns and participles without their own clause)."""
    for ancestor in token.ancestors:
        if ancestor.pos_ in VERBAL:
            return ancestor
    return None


def prep_objects(token: Token, preps: list[str] | tuple[str, ...]) -> Iterator[tuple[Token, Token]]:
    """(preposition, object) pairs for the given prepositions attached to a token."""
    for child in token.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ in preps:
            for obj in child.children:
                if obj.dep_ in ("pobj", "pcomp"):
                    yield child, obj


def noun_phrase(head: Token, with_of: bool = True) -> tuple[int, int]:
    """A compact noun phrase around `head`: its left modifiers and an `of`/`in` chain.

    Relative clauses, appositions and anything after a comma are left out: they describe
    the entity rather than name it.
    """
    start = head.i
    for child in head.lefts:
        if child.ent_type_ in ("DATE", "TIME") and head.ent_type_ not in ("DATE", "TIME"):
            continue  # "In January 2018 special forces arrested X": a fronted date the parser hung here
        if child.dep_ in NP_LEFT_DEPS and child.i < start and not child.is_punct:
            start = min(start, child.left_edge.i if child.dep_ in ("poss", "compound", "nmod") else child.i)
    end = head.i + 1
    if with_of:
        for child in head.rights:
            if child.dep_ in ("compound", "nummod", "appos") and child.i == end and child.pos_ in ("PROPN", "NUM"):
                end = child.i + 1
            elif child.dep_ == "prep" and child.lower_ in ("of", "in", "with") and child.i == end:
                objects = children(child, "pobj")
                if objects:
                    _, obj_end = noun_phrase(objects[0])
                    end = max(end, obj_end)
    doc = head.doc
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return start, end


def subtree_phrase(head: Token) -> tuple[int, int]:
    """The object phrase of a preposition, cut before relative clauses and comma asides."""
    start, end = head.left_edge.i, head.right_edge.i + 1
    doc = head.doc
    for token in doc[head.i + 1 : end]:
        if token.dep_ in ("relcl", "advcl") or (token.is_punct and token.text in ",;(" and token.head.i >= head.i):
            end = token.i if token.dep_ != "relcl" else min(end, token.left_edge.i)
            break
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end
