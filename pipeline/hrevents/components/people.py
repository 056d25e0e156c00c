"""People: every victim mention resolved to the person's fullest name in the report.

Pronouns take the nearest earlier person of compatible gender, preferring sentence
subjects; "the two", "both" and "they" take the nearest earlier group of two or more
people named together; surnames and spelling variants ("Babaryka", "Siarhei" for
"Syarhei") map to the fullest name that shares the surname and first initial. The result
is written as plain strings on each trigger and a name table on `doc._.hr_people`.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from hrevents.components.contract import How, PeopleTable, ResolvedPerson, ensure_extensions, triggers_of
from hrevents.rules.schema import load_lexicon

LOOKBACK_SENTENCES = 3


def fold(text: str) -> str:
    """Lower case without diacritics or punctuation: how names are compared."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return "".join(c if c.isalnum() or c.isspace() else " " for c in text.lower()).strip()


class PeopleResolver:
    def __init__(self, lexicon: str) -> None:
        ensure_extensions()
        lex = load_lexicon(lexicon)
        self.titles = frozenset(lex.titles)
        self.female = frozenset(lex.female_cues)
        self.male = frozenset(lex.male_cues)
        self.person_nouns = frozenset(lex.person_nouns)
        self.number_words = dict(lex.number_words)
        self.captions = frozenset(lex.caption_words)
        self.pronoun_gender: dict[str, str] = dict(lex.pronoun_gender)
        self.plural = frozenset(lex.plural_pronouns)

    def group_size(self, token: Token) -> int | None:
        """The count a group reference gives: its own number word ("the five", "both")
        or its numeral ("the four defendants", "the 3 men")."""
        for word in (token, *(c for c in token.children if c.dep_ == "nummod")):
            if word.lower_ in self.number_words:
                return self.number_words[word.lower_]
            if word.like_num and word.text.isdigit():
                return int(word.text)
        return None

    def clean_name(self, span: Span) -> str:
        words = [t.text for t in span if not t.is_punct or t.text in "-'’"]
        # Titles, and a person noun used as one ("Writer X", "Farmer X"), are not the name.
        # So are a photo caption's words and a handle run into the name ("Enlarge X", "@x X").
        while words and (
            words[0].lower().rstrip(".") in self.titles | self.captions
            or words[0][:1] in "@#"
            or (len(words) > 1 and words[0].lower() in self.person_nouns)
        ):
            words.pop(0)
        if words and words[-1].lower() in ("'s", "’s"):
            words.pop()
        return " ".join(words).replace(" - ", "-").replace(" -", "-")

    def gender_cue(self, span: Span) -> str | None:
        doc = span.doc
        before = doc[max(span.start - 3, 0) : span.start]
        words = {t.lower_.rstrip(".") for t in before}
        head = span.root.head
        if span.root.dep_ == "appos":
            words |= {head.lower_} | {c.lower_ for c in head.children if c.dep_ == "poss"}
        words |= {c.lower_ for c in span.root.children if c.dep_ == "appos"}
        if words & self.female:
            return "f"
        if words & self.male and not words & {"her"}:
            return "m"
        return None

    def __call__(self, doc: Doc) -> Doc:
        triggers = triggers_of(doc)
        sent_index = {}
        for number, sent in enumerate(doc.sents):
            for token in sent:
                sent_index[token.i] = number

        # 1. mentions: NER persons and victim names, in order
        spans: dict[tuple[int, int], Span] = {(e.start, e.end): e for e in doc.ents if e.label_ == "PERSON"}
        for trigger in triggers:
            for victim in trigger.get("victims", []):
                if victim["kind"] == "name":
                    spans[(victim["start"], victim["end"])] = doc[victim["start"] : victim["end"]]
        # A bare surname of someone named in full is a mention too, whatever NER called it
        # ("Yaounde gendarmes arrested Andre Blaise Essama ... stopped Essama and took him").
        surnames = {s[-1].lower_ for s in spans.values() if len(s) > 1}
        covered = {i for s in spans.values() for i in range(s.start, s.end)}
        for token in doc:
            followed_by_name = token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN"
            if (
                token.i not in covered
                and token.pos_ == "PROPN"
                and token.is_title
                and token.lower_ in surnames
                and token.dep_ != "compound"
                and not followed_by_name
            ):
                spans[(token.i, token.i + 1)] = doc[token.i : token.i + 1]
        # A span that is all title or punctuation ("Dr.", a quote mark NER called a person)
        # names nobody: it is no mention, so every later lookup by name has a key.
        mentions = sorted((s for s in spans.values() if fold(self.clean_name(s))), key=lambda s: s.start)
        names = {(s.start, s.end): self.clean_name(s) for s in mentions}

        # 2. canonical names: fullest name sharing surname and first initial
        full: dict[str, str] = {}
        by_surname: dict[str, list[str]] = defaultdict(list)
        for name in names.values():
            parts = fold(name).split()
            if parts and name not in by_surname[parts[-1]]:
                by_surname[parts[-1]].append(name)
        for name in names.values():
            parts = fold(name).split()
            if not parts:
                continue
            options = [
                other
                for other in by_surname[parts[-1]]
                if len(parts) == 1 or len(fold(other).split()) == 1 or fold(other).split()[0][:1] == parts[0][:1]
            ]
            if len(parts) == 1 and not options:
                options = [other for other in names.values() if fold(other).split()[:1] == parts]
            full[name] = max(options or [name], key=lambda o: (len(fold(o).split()), -list(names.values()).index(o)))

        gender: dict[str, str] = {}
        for span in mentions:
            cue = self.gender_cue(span)
            canonical = full.get(names[(span.start, span.end)])
            if cue and canonical:
                gender.setdefault(canonical, cue)

        # 3. groups: two or more names coordinated in one victim slot or one sentence list
        groups: list[tuple[int, list[str]]] = []
        for trigger in triggers:
            named = [
                full[names[(v["start"], v["end"])]]
                for v in trigger.get("victims", [])
                if v["kind"] == "name" and (v["start"], v["end"]) in names
            ]
            if len(set(named)) >= 2:
                groups.append((trigger["anchor"], list(dict.fromkeys(named))))
        for span in mentions:
            siblings = [s for s in mentions if s.root.head.i == span.root.i and s.root.dep_ == "conj"]
            if siblings:
                groups.append(
                    (span.start, list(dict.fromkeys(full[names[(s.start, s.end)]] for s in [span, *siblings])))
                )
        groups.sort(key=lambda g: g[0])

        name_tokens = {i for s in mentions for i in range(s.start, s.end)}

        def unnamed_person_between(start: int, index: int) -> bool:
            """ "arrested a policeman ... charged him": the pronoun's antecedent has no name."""
            # This sentence, and the object or subject of the one before ("took the owner to
            # the station. He was released.").
            sent_start = doc[index].sent.start
            before = doc[sent_start - 1].sent.start if sent_start > 0 else sent_start
            for token in doc[max(start, before) : index]:
                roles = ("dobj", "nsubj", "nsubjpass", "pobj") if token.i >= sent_start else ("dobj", "nsubjpass")
                if (
                    token.lemma_.lower() in self.person_nouns
                    and token.tag_ == "NN"
                    and token.dep_ in roles
                    and any(
                        c.lower_ in ("a", "an", "another", "one") or (c.dep_ == "poss" and c.pos_ == "PROPN")
                        for c in token.children
                    )
                    and not any(c.dep_ == "appos" and c.i in name_tokens for c in token.children)
                ):
                    return True
            return False

        # Chain: every singular personal pronoun, in order, joins the mentions of the person
        # it resolves to, so "X was detained. He said ... Police beat him" reaches X.
        chain: list[tuple[int, str, str, int]] = [
            (
                s.start,
                full[names[(s.start, s.end)]],
                s.root.dep_ if s.root.dep_ != "appos" else s.root.head.dep_,
                sent_index.get(s.start, 0),
            )
            for s in mentions
        ]
        resolved_at: dict[int, str] = {}
        name_start = {s.root.i: full[names[(s.start, s.end)]] for s in mentions}

        def resolve_singular(index: int, word: str) -> str | None:
            wanted = self.pronoun_gender.get(word)
            sentence = sent_index.get(index, 0)
            earlier = [m for m in chain if m[0] < index and sentence - m[3] <= LOOKBACK_SENTENCES]
            compatible = [m for m in earlier if not wanted or gender.get(m[1], wanted) == wanted]
            if not compatible:
                return None
            last_name = max((m for m in compatible if m[0] not in resolved_at), key=lambda m: m[0], default=None)
            if last_name is not None and unnamed_person_between(last_name[0] + 1, index):
                return None
            pronoun = doc[index]
            # "Following his release, Mvie alleged ...": a pronoun in a phrase fronted before
            # the main clause points forward to its subject.
            root = pronoun.sent.root
            subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and index < subject.i and subject.i in name_start:
                ahead = name_start[subject.i]
                if not wanted or gender.get(ahead, wanted) == wanted:
                    return ahead
            # In the same sentence, the nearest earlier person, unless it is the subject of
            # the pronoun's own verb ("Ali beat him" is not Ali): "stopped X and took him to
            # headquarters where he was interrogated" is X throughout.
            same = [
                m
                for m in compatible
                if m[3] == sentence and not (m[2] in ("nsubj", "nsubjpass") and doc[m[0]].head.i == pronoun.head.i)
            ]
            if same:
                return max(same, key=lambda m: m[0])[1]
            # Salience: subjects, then objects, of the previous sentence; then anyone.
            recent = [m for m in compatible if m[3] >= sentence - 1]
            for roles in (("nsubj", "nsubjpass"), ("dobj", "attr", "conj")):
                pool = [m for m in recent if m[2] in roles]
                if pool:
                    return max(pool, key=lambda m: m[0])[1]
            return max(compatible, key=lambda m: m[0])[1]

        for token in doc:
            if token.pos_ == "PRON" and token.lower_ in self.pronoun_gender:
                person = resolve_singular(token.i, token.lower_)
                if person is not None:
                    resolved_at[token.i] = person
                    chain.append((token.i, person, token.dep_, sent_index.get(token.i, 0)))
                    chain.sort(key=lambda m: m[0])
                    wanted = self.pronoun_gender[token.lower_]
                    gender.setdefault(person, wanted)

        def resolve_pronoun(index: int, word: str) -> list[str]:
            if word in self.plural:
                sentence = sent_index.get(index, 0)
                candidates = [g for g in groups if g[0] < index and sentence - sent_index.get(g[0], 0) <= 2]
                return candidates[-1][1] if candidates else []
            return [resolved_at[index]] if index in resolved_at else []

        def group_members(index: int) -> list[str]:
            """The people a group reference points back to. A counted reference ("the
            four defendants", "the five") takes the nearest earlier group of that size, or
            the recent groups together when they make up that count (a name the parse lost
            tolerated in larger groups); an uncounted one takes the nearest group."""
            earlier = [g for g in groups if g[0] < index]
            size = self.group_size(doc[index])
            if size is None:
                return earlier[-1][1] if earlier else []
            exact = [g for g in earlier if len(g[1]) == size]
            if exact:
                return exact[-1][1]
            sentence = sent_index.get(index, 0)
            union: list[str] = []
            for _, members in reversed(earlier):
                if sentence - sent_index.get(_, 0) > 2:
                    break
                union.extend(m for m in members if m not in union)
                if len(union) >= size:
                    break
            if len(union) == size or (size >= 4 and len(union) == size - 1):
                return union
            return []

        for trigger in triggers:
            resolved: list[ResolvedPerson] = []
            for victim in trigger.get("victims", []):
                how: How
                if victim["kind"] == "name":
                    key = (victim["start"], victim["end"])
                    people = [full[names[key]]] if key in names else []
                    how = "name"
                elif victim["kind"] == "pronoun":
                    people = resolve_pronoun(victim["start"], doc[victim["start"]].lower_)
                    how = "pronoun"
                else:
                    people = group_members(victim["start"])
                    how = "group"
                resolved.extend({"name": person, "how": how} for person in people)
            unique: dict[str, ResolvedPerson] = {}
            for item in resolved:
                unique.setdefault(item["name"], item)
            trigger["people"] = list(unique.values())

        aliases: dict[str, list[str]] = defaultdict(list)
        for name, canonical in full.items():
            if name != canonical and name not in aliases[canonical]:
                aliases[canonical].append(name)
        table: PeopleTable = {"names": sorted(set(full.values())), "aliases": dict(aliases)}
        doc._.hr_people = table
        return doc


@Language.factory(
    "hrevents_people",
    default_config={"lexicon": "lexicon.yaml"},
    assigns=["doc._.hr_triggers", "doc._.hr_people"],
    requires=["doc._.hr_triggers", "doc.ents", "doc.sents", "token.lemma", "token.pos", "token.tag", "token.dep"],
)
def make_people_resolver(nlp: Language, name: str, lexicon: str) -> PeopleResolver:
    return PeopleResolver(lexicon)
