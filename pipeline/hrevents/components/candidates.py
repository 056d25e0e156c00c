"""A small trained component for where the rules stall: which named person an act word is about.

The rules read who did what to whom from syntax they were written for; on text written
otherwise, a sentence often holds an act word and a named person that no rule connects. For
each such (act word, person) pair the rules left unread, this component asks a bag-of-words
text classifier, trained on the labelled gold by `scripts/train_candidates.py`, whether the
person is the act's victim. The classifier reads feature words of the pair: the dependency
path from the act word to the person, voice, the function words beside each, a negation or
modal near the act, the person's role noun, whether a rule already read the person, the act or
another member of the person's list. So it learns shapes of English, not names or a report's
vocabulary.

Candidates are built from rule data only: the lemmas of the one-word trigger patterns
(`rules/triggers.yaml`) and the keyword baseline's lemmas (`scoring/baseline_keywords.yaml`),
and the PERSON entities after the project's entity fixes. A pair a rule trigger of the sentence
already names (same action, same full name from the people resolver, emitted or blocked by a
modifier) is no candidate: the rules decided it.

A candidate the model accepts becomes a trigger record like the rules' own (the Doc contract,
`components/contract.py`), so assembly dates, merges and filters it as any other; its `rule`
is `model.candidates@<score>`, which keeps the model's provenance and score on the event
without a new field. Its date and place come from the argument finder's clause-level readings
for the act word; it has no perpetrator. The weights ship inside the package
(`hrevents/trained/candidates`) and are never downloaded. A failure inside the component keeps
the rules' triggers and is recorded on `doc._.hr_warnings`, which the extractor turns into a
warning naming the report and the passage.
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import spacy
import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from hrevents.components.arguments import ArgumentFinder
from hrevents.components.contract import Trigger, ensure_extensions, triggers_of
from hrevents.components.people import PeopleResolver, fold, list_top
from hrevents.components.triggers import TriggerMatcher
from hrevents.rules.schema import TriggerRule, load_triggers

RULE_PREFIX = "model.candidates"
LABEL = "VICTIM"
OTHER = "OTHER"
WARNINGS = "hr_warnings"
# The environment switch (like HREVENTS_PREFILTER): "1" turns the component on, "0" off;
# unset, the factory's `enabled` decides. Pool workers inherit it.
ENV_SWITCH = "HREVENTS_CANDIDATES"
NEGATIONS = frozenset({"not", "n't", "never", "no", "without", "nor"})
MODALS = frozenset({"could", "might", "may", "would", "should", "must", "can", "will", "shall"})
WORD_POS = frozenset({"VERB", "NOUN", "ADJ", "AUX"})
MAX_PATH = 4


def model_path() -> Path:
    """The shipped weights: a spaCy pipeline folder inside the package."""
    return Path(str(resources.files("hrevents.trained").joinpath("candidates")))


def candidates_switch() -> bool | None:
    """`HREVENTS_CANDIDATES`: True for "1", False for "0", None when unset."""
    value = os.environ.get(ENV_SWITCH)
    return None if value is None or value == "" else value != "0"


def model_score(rule: str) -> float | None:
    """The model's score on an event's `rule` when only the model produced it; None when a
    rule did (a rule event that a model mention merged into stays a rule event)."""
    scores: list[float] = []
    for part in rule.split("+"):
        if part.startswith(RULE_PREFIX + "@"):
            scores.append(float(part.split("@", 1)[1]))
        elif part != "date.paragraph":
            return None
    return max(scores) if scores else None


@lru_cache(maxsize=1)
def act_lemmas(rules: str = "triggers.yaml") -> dict[str, tuple[str, ...]]:
    """Act words by lemma, to their actions: one-word trigger patterns and the baseline's keywords."""
    table: dict[str, set[str]] = {}
    for rule in load_triggers(rules):
        pattern = rule.pattern
        if len(pattern) != 1 or rule.anchor_head:
            continue
        lemmas = pattern[0].get("LEMMA")
        if isinstance(lemmas, dict):
            for lemma in lemmas.get("IN", []):
                table.setdefault(str(lemma).lower(), set()).add(rule.action)
        elif isinstance(lemmas, str):
            table.setdefault(lemmas.lower(), set()).add(rule.action)
    text = resources.files("hrevents.scoring").joinpath("baseline_keywords.yaml").read_text("utf-8")
    for action, lemmas in (yaml.safe_load(text) or {}).items():
        for lemma in lemmas:
            table.setdefault(str(lemma).lower(), set()).add(action)
    return {lemma: tuple(sorted(actions)) for lemma, actions in table.items()}


def _ancestors(token: Token) -> list[Token]:
    chain = [token]
    while chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def dependency_path(act: Token, person: Token) -> tuple[list[str], list[str]]:
    """Relations up from the act word to the nearest common head, then down to the person."""
    up_chain = _ancestors(act)
    positions = {t.i: n for n, t in enumerate(up_chain)}
    down: list[str] = []
    node = person
    while node.i not in positions:
        down.append(node.dep_)
        if node.head.i == node.i:
            return [t.dep_ for t in up_chain], list(reversed(down))
        node = node.head
    up = [t.dep_ for t in up_chain[: positions[node.i]]]
    return up, list(reversed(down))


def voice(act: Token) -> str:
    """How the act word is written: passive, active, participle, nominal or other."""
    deps = {c.dep_ for c in act.children}
    if act.pos_ == "NOUN":
        return "nominal"
    if "auxpass" in deps or "nsubjpass" in deps:
        return "passive"
    if act.tag_ == "VBN" and act.dep_ in ("acl", "amod", "relcl", "advcl"):
        return "participle"
    if act.pos_ in ("VERB", "AUX"):
        return "active"
    return "other"


def near_words(act: Token) -> set[str]:
    """Words around the act that change what it asserts: its and its head's children."""
    words = {c.lower_ for c in act.children}
    words |= {c.lower_ for c in act.head.children if c.dep_ in ("neg", "aux", "auxpass")}
    words.add(act.head.lower_)
    return words


def _neighbour(doc: Doc, i: int) -> str:
    """A word beside the candidate, as a feature: punctuation and function words generalise,
    other words are only their part of speech (the classifier must not learn report vocabulary)."""
    if i < 0 or i >= len(doc):
        return "edge"
    token = doc[i]
    if token.is_punct or token.is_stop or token.pos_ in ("ADP", "AUX", "DET", "PART", "CCONJ", "SCONJ"):
        return token.lower_
    return token.pos_.lower()


def person_role(person: Span) -> list[str]:
    """Nouns that describe the person ("journalist X", "X, a lawyer"): a role says whether an
    act is done to them or by them (a judge sentences, a lawyer speaks for the victim)."""
    root = person.root
    words = [c.lemma_.lower() for c in root.children if c.dep_ in ("compound", "appos") and c.pos_ == "NOUN"]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        words.append(root.head.lemma_.lower())
    if root.dep_ in ("compound",) and root.head.pos_ == "NOUN":
        words.append("of_" + root.head.lemma_.lower())
    return words[:3]


def candidate_text(sent: Span, act: Token, action: str, person: Span, others: list[Span], read: dict[str, bool]) -> str:
    """The classifier's input: feature words of the pair. The sentence's own words are left
    out (on a few hundred labelled pairs they are report vocabulary and do not generalise,
    cross-validation showed); only the words beside the act and the person are kept, as
    function words or parts of speech."""
    doc = sent.doc
    up, down = dependency_path(act, person.root)
    path = "path_" + ("_".join(up[:MAX_PATH]) or "self") + "_to_" + ("_".join(down[:MAX_PATH]) or "self")
    on_path = [*_ancestors(act)[: len(up) + 1]]
    clauses = sum(t.pos_ in ("VERB", "AUX") for t in on_path[1:])
    near = near_words(act)
    features = [
        f"action_{action}",
        f"lemma_{act.lemma_.lower()}",
        f"voice_{voice(act)}",
        f"actdep_{act.dep_}",
        path,
        f"pathlen_{min(len(up) + len(down), 6)}",
        f"clauses_{min(clauses, 3)}",
        *(f"up_{dep}" for dep in up[:MAX_PATH]),
        *(f"down_{dep}" for dep in down[:MAX_PATH]),
        f"pdep_{person.root.dep_}",
        f"pheadpos_{person.root.head.pos_.lower()}",
        f"phead_{person.root.head.lemma_.lower()}" if person.root.head.pos_ in ("ADP", "VERB") else "phead_other",
        *(f"prole_{word}" for word in person_role(person)),
        f"pl_{_neighbour(doc, person.start - 1)}",
        f"pr_{_neighbour(doc, person.end)}",
        f"al_{_neighbour(doc, act.i - 1)}",
        f"ar_{_neighbour(doc, act.i + 1)}",
        f"side_{'before' if person.start < act.i else 'after'}",
        f"gap_{min(abs(person.root.i - act.i) // 3, 6)}",
        f"names_{min(len(others) + 1, 4)}",
        "neg_yes" if near & NEGATIONS else "neg_no",
        "modal_yes" if near & MODALS else "modal_no",
        *(f"read_{key}" for key, value in sorted(read.items()) if value),
    ]
    return " ".join(features)


class CandidateFinder:
    """Adds the model's triggers for (act word, person) pairs no rule read; see the module's docstring.

    `collected`, when a list, receives every candidate of every doc (the training script's
    hook); the model is then not needed and not loaded unless the component is enabled."""

    def __init__(
        self,
        threshold: float,
        enabled: bool,
        rules: dict[str, TriggerRule] | None = None,
        finder: ArgumentFinder | None = None,
        resolver: PeopleResolver | None = None,
        path: str = "",
    ) -> None:
        ensure_extensions()
        if not Doc.has_extension(WARNINGS):
            Doc.set_extension(WARNINGS, default=None)
        self.threshold = threshold
        self.enabled = enabled
        self.rules = rules or {}
        self.finder = finder
        self.resolver = resolver
        self.path = Path(path) if path else model_path()
        self.classifier: Language | None = None
        self.collected: list[dict[str, Any]] | None = None
        self.place_rules: dict[str, TriggerRule] = {}
        for rule in self.rules.values():
            if rule.place_preps and not rule.anchor_head and rule.action not in self.place_rules:
                self.place_rules[rule.action] = rule

    def load(self) -> Language:
        """The trained classifier, loaded once from the package (never downloaded)."""
        if self.classifier is None:
            self.classifier = spacy.load(self.path)
        return self.classifier

    def use(self, classifier: Language) -> None:
        """Score with another classifier (cross-validation swaps in each fold's)."""
        self.classifier = classifier

    def __call__(self, doc: Doc) -> Doc:
        if not self.enabled and self.collected is None:
            return doc
        try:
            self.add(doc)
        except Exception as error:  # the rules' triggers stay; the failure is told, not raised
            warnings: list[str] = doc._.get(WARNINGS) or []
            warnings.append(
                f"hrevents_candidates failed: {type(error).__name__}: {' '.join(str(error).split())}; "
                "the rules' events are kept"
            )
            doc._.set(WARNINGS, warnings)
        return doc

    def name_of(self, span: Span, aliases: dict[str, str]) -> str:
        """The people resolver's full name for a PERSON mention."""
        name = self.resolver.clean_name(span) if self.resolver is not None else span.text
        return aliases.get(name, name)

    def candidates(self, doc: Doc) -> list[tuple[Span, Token, str, Span, str, str]]:
        """(sentence, act word, action, person, full name, classifier text) of every pair no rule read."""
        table = act_lemmas()
        people = doc._.hr_people or {"names": [], "aliases": {}}
        aliases = {alias: name for name, names in people.get("aliases", {}).items() for alias in names}
        by_sentence: dict[int, list[Trigger]] = {}
        for trigger in triggers_of(doc):
            by_sentence.setdefault(doc[trigger["anchor"]].sent.start, []).append(trigger)
        found = []
        for sent in doc.sents:
            persons = [ent for ent in sent.ents if ent.label_ == "PERSON"]
            if not persons:
                continue
            acts = [
                (t, action)
                for t in sent
                if t.pos_ in WORD_POS and t.lemma_.lower() in table
                for action in table[t.lemma_.lower()]
            ]
            if not acts:
                continue
            triggers = by_sentence.get(sent.start, [])
            decided = {(t["action"], fold(p["name"])) for t in triggers for p in t.get("people", []) if p.get("name")}
            victims_read = {fold(p["name"]) for t in triggers for p in t.get("people", []) if p.get("name")}
            agents = {i for t in triggers if t.get("perpetrator") for i in range(*t["perpetrator"])}  # type: ignore[misc]
            anchors = {t["anchor"]: bool(t.get("people")) for t in triggers}
            # the words lists of people hang from, for the rules' victims of each action
            listed: dict[str, set[int]] = {}
            for t in triggers:
                for v in t.get("victims", []):
                    listed.setdefault(t["action"], set()).add(list_top(doc[v["start"] : v["end"]].root).i)
            actions_here = {t["action"] for t in triggers if t.get("people")}
            for person in persons:
                name = self.name_of(person, aliases)
                if not name or not any(c.isupper() for c in name):
                    continue
                others = [p for p in persons if p is not person]
                for act, action in acts:
                    if person.start <= act.i < person.end or (action, fold(name)) in decided:
                        continue
                    top = list_top(person.root).i
                    read = {
                        "victim": fold(name) in victims_read,
                        "agent": any(i in agents for i in range(person.start, person.end)),
                        "act": act.i in anchors,
                        "acthasvictim": anchors.get(act.i, False),
                        "listmate": top in listed.get(action, set()),
                        "listmateother": any(top in tops for a, tops in listed.items() if a != action),
                        "sameaction": action in actions_here,
                    }
                    text = candidate_text(sent, act, action, person, others, read)
                    found.append((sent, act, action, person, name, text))
        return found

    def add(self, doc: Doc) -> None:
        found = self.candidates(doc)
        if self.collected is not None:
            self.collected.extend(
                {"text": text, "action": action, "victim": name, "sentence": sent.text}
                for sent, _act, action, _person, name, text in found
            )
        if not self.enabled or not found:
            return
        classifier = self.load()
        triggers = triggers_of(doc)
        anchors = {t["anchor"] for t in triggers}
        added: list[Trigger] = []
        for (sent, act, action, person, name, _text), scored in zip(
            found, classifier.pipe(text for *_, text in found), strict=True
        ):
            score = float(scored.cats.get(LABEL, 0.0))
            if score < self.threshold:
                continue
            added.append(self.trigger(doc, sent, act, action, person, name, score, anchors))
        if added:
            doc._.hr_triggers = [*triggers, *added]

    def trigger(
        self, doc: Doc, sent: Span, act: Token, action: str, person: Span, name: str, score: float, anchors: set[int]
    ) -> Trigger:
        """A trigger record as the rules write one, with the argument finder's clause date and place."""
        record: Trigger = {
            "rule": f"{RULE_PREFIX}@{score:.2f}",
            "action": action,
            "anchor": act.i,
            "start": act.i,
            "end": act.i + 1,
            "words": [act.i],
            "governor": None,
            "confidence": round(score, 3),
            "repetition": False,
            "victims": [{"start": person.start, "end": person.end, "kind": "name"}],
            "victim_head": person.root.i,
            "fallback": False,
            "perpetrator": None,
            "place": None,
            "destination": None,
            "detail": None,
            "date": None,
            "modifiers": [],
            "people": [{"name": name, "how": "name"}],
            "referred": [],
            "groups": [],
        }
        if self.finder is not None:
            record["date"] = self.finder.date_span(act, sent, anchors, act.pos_ == "NOUN")
            rule = self.place_rules.get(action)
            if rule is not None:
                record["place"] = self.finder.place(rule, act, None, record, frozenset([act.i]))
        return record


@Language.factory(
    "hrevents_candidates",
    default_config={"threshold": 0.6, "enabled": False, "model": ""},
    assigns=["doc._.hr_triggers", "doc._.hr_warnings"],
    requires=["doc._.hr_triggers", "doc._.hr_people", "doc.ents", "doc.sents", "token.lemma", "token.dep"],
)
def make_candidate_finder(nlp: Language, name: str, threshold: float, enabled: bool, model: str) -> CandidateFinder:
    """Reuses the pipeline's trigger rules, argument finder and people resolver where present;
    `model` is a folder of other weights (empty: the shipped ones)."""
    matcher = next((pipe for _, pipe in nlp.pipeline if isinstance(pipe, TriggerMatcher)), None)
    finder = next((pipe for _, pipe in nlp.pipeline if isinstance(pipe, ArgumentFinder)), None)
    resolver = next((pipe for _, pipe in nlp.pipeline if isinstance(pipe, PeopleResolver)), None)
    return CandidateFinder(
        threshold, enabled, matcher.rules if matcher is not None else None, finder, resolver or None, model
    )
