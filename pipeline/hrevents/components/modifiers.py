"""ConText-style modifiers: is each trigger a realis act?

Kept apart from the triggers (as medspaCy's ConText is kept apart from its target
rules): a trigger says *what* act is named, a modifier says whether the text reports it as
having happened (negated, hypothetical, demanded, threatened, attempted) or only hedges
it (alleged). Results are plain dicts on each trigger.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from hrevents.components.contract import ModifierHit, ensure_extensions, triggers_of
from hrevents.rules.schema import ModifierRule, load_modifiers

GOVERNOR_HOPS = 3
NAME_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "WORK_OF_ART"})
# Subordinators of a clause that states its own fact: what governs the main clause does not
# modalise it ("Although a court acquitted X, the prosecutor appealed the acquittal").
FACTUAL_MARKS = frozenset(
    {"although", "though", "after", "before", "when", "while", "since", "because", "once", "until", "whereas"}
)


def _cue(rule: ModifierRule, token: Token) -> bool:
    if token.ent_type_ in NAME_ENTITIES:
        return False  # "Can" in "Can Dundar" is a name, not a modal
    if rule.lemmas and token.lemma_.lower() not in rule.lemmas and token.lower_ not in rule.lemmas:
        return False
    if rule.lower and token.lower_ not in rule.lower:
        return False
    return not (rule.deps and token.dep_ not in rule.deps)


class ModifierDetector:
    def __init__(self, rules: str) -> None:
        ensure_extensions()
        self.rules: tuple[ModifierRule, ...] = load_modifiers(rules)

    def hosts(self, rule: ModifierRule, anchor: Token) -> list[Token]:
        """Tokens whose dependents modify the trigger: the anchor, a verb it is coordinated
        with by "or"/"nor" ("has not been arrested or charged"), and a verb of the rule's
        `light_verbs` that performs a noun trigger ("had not carried out the execution of X":
        the act is the noun, its negation stands on the verb)."""
        hosts = [anchor]
        if anchor.dep_ == "conj" and any(c.dep_ == "cc" and c.lower_ in ("or", "nor") for c in anchor.head.children):
            hosts.append(anchor.head)
        if (
            anchor.pos_ == "NOUN"
            and anchor.dep_ in ("dobj", "nsubjpass")
            and anchor.head.lemma_.lower() in rule.light_verbs
        ):
            hosts.append(anchor.head)
        return hosts

    def governors(self, anchor: Token, skip: int | None) -> list[Token]:
        found = []
        head = anchor
        for _ in range(GOVERNOR_HOPS):
            # A participle or relative clause describes a noun; what governs that noun
            # ("Peter, arrested in June, denied ...") does not modalise the act. An
            # infinitive does not describe: "called for the charges to be dropped".
            if head.head.i == head.i or (head.dep_ in ("acl", "relcl", "appos", "amod") and not self.infinitive(head)):
                break
            if head.dep_ == "advcl" and any(
                c.dep_ in ("mark", "advmod") and c.lower_ in FACTUAL_MARKS and c.i < head.i for c in head.children
            ):
                break
            if (
                head.dep_ == "ccomp"
                and head.i == anchor.i
                and any(c.dep_ == "advcl" and head.i < c.i < head.head.i for c in head.head.children)
            ):
                # the act's clause, then a subordinate clause, then the verb the parser made
                # their root ("A court convicted X ..., although he was detained after announcing
                # he wanted to run"): that verb belongs inside the subordinate clause and does
                # not modalise the act. A quote told before its verb ("'...', police warned")
                # has no such clause between and keeps its cue.
                break
            # A verb coordinated before the trigger is a second act, not its governor
            # ("was denied entry and deported"); what governs both is still reached.
            coordinated = head.dep_ == "conj"
            head = head.head
            if head.i != skip and not coordinated:
                found.append(head)
        if self.infinitive(anchor) and anchor.dep_ in ("advcl", "xcomp") and anchor.head.pos_ in ("VERB", "AUX"):
            # "posted calls to execute X", "issued orders to arrest X": the parser hangs the
            # infinitive on the verb, but it completes the verb's object, which governs it
            found.extend(c for c in anchor.head.children if c.dep_ == "dobj" and c.i != skip)
        return found

    @staticmethod
    def unscreened(rule: ModifierRule, governors: list[Token]) -> list[Token]:
        """The governors below the first noun of the rule's `screened_by`, climbing from the
        trigger: "demanded an inquiry into the killing of X" demands the inquiry, whose
        subject, the killing, is stated as a fact. The screening noun is itself kept, so
        "called for inquiries" reaches nothing it does not already govern."""
        for position, token in enumerate(governors):
            if token.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() in rule.screened_by:
                return governors[: position + 1]
        return governors

    @staticmethod
    def infinitive(clause: Token) -> bool:
        """A "to" clause hanging on a noun ("the charges against X to be dropped")."""
        return any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)

    def __call__(self, doc: Doc) -> Doc:
        for trigger in triggers_of(doc):
            anchor = doc[trigger["anchor"]]
            found: list[ModifierHit] = []
            # what does not depend on the rule, worked out once per trigger
            governors: list[Token] | None = None
            sent_start: int | None = None
            for rule in self.rules:
                if rule.scope == "child":
                    hosts = self.hosts(rule, anchor)
                    governor = trigger.get("governor")
                    if governor is not None:
                        # the verb that makes the act ("have not found the body of X",
                        # "did not order X to leave") carries its negation and modality
                        hosts.append(doc[governor])
                    tokens = [c for host in hosts for c in host.children]
                elif rule.scope == "governor":
                    if governors is None:
                        governors = self.governors(anchor, trigger.get("governor"))
                    tokens = list(governors)
                elif rule.scope == "window":
                    sent_start = anchor.sent.start if sent_start is None else sent_start
                    # The rule's own governor ("was ordered to leave") makes the act, and a
                    # compound only names a noun ("an appeals court"): neither is a cue.
                    tokens = [
                        t
                        for t in doc[max(sent_start, anchor.i - rule.window) : anchor.i]
                        if t.i != trigger.get("governor") and t.dep_ != "compound"
                    ]
                else:
                    sent_start = anchor.sent.start if sent_start is None else sent_start
                    tokens = list(doc[sent_start : anchor.i])
                if rule.screened_by:
                    tokens = self.unscreened(rule, tokens)
                cue = next((token for token in tokens if _cue(rule, token)), None)
                if cue is not None:
                    found.append({"rule": rule.id, "category": rule.category, "blocks": rule.blocks, "cue": cue.i})
            trigger["modifiers"] = found
        return doc


@Language.factory(
    "hrevents_modifiers",
    default_config={"rules": "modifiers.yaml"},
    assigns=["doc._.hr_triggers"],
    requires=["doc._.hr_triggers", "doc.ents", "doc.sents", "token.lemma", "token.dep"],
)
def make_modifier_detector(nlp: Language, name: str, rules: str) -> ModifierDetector:
    return ModifierDetector(rules)
