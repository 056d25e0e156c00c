"""Train (and cross-validate) the candidates component's classifier on the labelled dev gold.

The component (`hrevents/components/candidates.py`) decides, for an (act word, person) pair of a
sentence that no rule read, whether the person is the act's victim. This script builds those
pairs by running the real pipeline over the gold's reports (the component only collecting),
labels them from the gold and trains spaCy's bag-of-words text classifier on them:

- positive: the report's gold has a required event of that action whose victim is the person
  (the scorer's own name matching) and whose evidence overlaps the sentence;
- skipped: the matching gold event is optional, or its evidence is in another sentence (the
  pair then restates an act told elsewhere: neither a clear yes nor a clear no);
- negative: every other pair.

    python scripts/train_candidates.py                 # train on every gold report, write the shipped weights
    python scripts/train_candidates.py --cv            # report-level 5-fold cross-validation, no weights written
    python scripts/train_candidates.py --cv --json cv.json

Cross-validation is by report: each fold's classifier is trained on the pairs of four fifths
of the reports and the held-out fifth is extracted by the full pipeline with that classifier;
event P/R/F1 (SPEC 6) is summed over the folds, for the rules alone and for rules + model at
several thresholds. The threshold to ship is chosen there and only there. Seeds are fixed.
Pass `--cache FILE` to keep the collected pairs and rule events (a second run skips the first
pass over the reports).
"""

from __future__ import annotations

import argparse
import difflib
import json
import random
import sys
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from hrevents.components.candidates import LABEL, OTHER, CandidateFinder, model_path, model_score
from hrevents.scoring.scorer import Score, same_person, score
from hrevents_models import Event, GoldFile, GoldReport, load_gold

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "corpus" / "gold.jsonl"
SEED = 0
FOLDS = 5
EPOCHS = 8
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
LOWEST = min(THRESHOLDS)
MIN_PRECISION = 0.90


def squeeze(text: str) -> str:
    return " ".join(text.split()).lower()


def overlaps(evidence: str, sentence: str) -> bool:
    """The gold's evidence and the sentence share text: one holds the other, or they share a
    run of at least half the shorter of the two (at most 40 characters needed)."""
    a, b = squeeze(evidence), squeeze(sentence)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    match = difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return match.size >= min(40, min(len(a), len(b)) // 2)


def label(candidate: dict[str, Any], report: GoldReport) -> int | None:
    """1, 0, or None (skipped), as the module docstring says."""
    same = [g for g in report.events if g.action == candidate["action"] and same_person(candidate["victim"], g)]
    here = [g for g in same if overlaps(g.evidence, candidate["sentence"])]
    if any(not g.optional for g in here):
        return 1
    if same:
        return None
    return 0


def finder_of(nlp: Language) -> CandidateFinder:
    component = nlp.get_pipe("hrevents_candidates")
    assert isinstance(component, CandidateFinder)
    return component


def collect(gold: GoldFile) -> tuple[dict[str, list[dict[str, Any]]], dict[str, list[dict[str, Any]]]]:
    """First pass: every report through the pipeline, the component collecting, not adding.
    Returns the pairs (unlabelled) and the rules' events, by report."""
    from hrevents.extract import Extractor
    from hrevents.reader import read_report

    extractor = Extractor()
    component = finder_of(extractor.nlp)
    component.enabled = False
    pairs: dict[str, list[dict[str, Any]]] = {}
    events: dict[str, list[dict[str, Any]]] = {}
    for number, report in enumerate(gold.reports, 1):
        component.collected = []
        text = read_report(gold.text_path(report), report_id=report.report_id)
        found = extractor.extract(text)
        events[report.report_id] = [e.model_dump() for e in found]
        pairs[report.report_id] = list(component.collected)
        print(f"[{number}/{len(gold.reports)}] {report.report_id}: {len(pairs[report.report_id])} pairs", flush=True)
    component.collected = None
    return pairs, events


def train(pairs: list[dict[str, Any]], seed: int = SEED, epochs: int = EPOCHS) -> Language:
    """spaCy's bag-of-words text classifier (unigrams and bigrams), two exclusive classes."""
    fix_random_seed(seed)
    nlp = spacy.blank("en")
    nlp.add_pipe(
        "textcat",
        config={
            "model": {
                "@architectures": "spacy.TextCatBOW.v3",
                "exclusive_classes": True,
                "ngram_size": 2,
                "no_output_layer": False,
                "length": 2**18,
            }
        },
    )
    examples = [
        Example.from_dict(nlp.make_doc(p["text"]), {"cats": {LABEL: float(p["label"]), OTHER: 1.0 - p["label"]}})
        for p in pairs
        if p["label"] is not None
    ]
    nlp.initialize(lambda: examples)
    shuffle = random.Random(seed)
    for _ in range(epochs):
        shuffle.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in minibatch(examples, size=16):
            nlp.update(list(batch), drop=0.2, losses=losses)
    return nlp


def folds_of(gold: GoldFile) -> list[list[str]]:
    ids = sorted(r.report_id for r in gold.reports)
    random.Random(SEED).shuffle(ids)
    return [ids[k::FOLDS] for k in range(FOLDS)]


def kept_at(events: list[Event], threshold: float) -> list[Event]:
    """The events at a threshold: rule events always, model-only events scoring at least it."""
    return [e for e in events if (s := model_score(e.rule)) is None or s >= threshold]


def row(name: str, result: Score) -> dict[str, Any]:
    o = result.overall
    return {
        "system": name,
        "tp": o.tp,
        "fp": o.fp,
        "fn": o.fn,
        "precision": round(o.precision, 4),
        "recall": round(o.recall, 4),
        "f1": round(o.f1, 4),
        "strict_f1": round(result.strict.f1, 4),
        "per_action_f1": {a: round(c.f1, 4) for a, c in sorted(result.per_action.items())},
    }


def cross_validate(gold: GoldFile, pairs: dict[str, list[dict[str, Any]]], rule_events: list[Event]) -> dict:
    """Each fold's classifier on its held-out reports, extracted by the full pipeline."""
    from hrevents.extract import Extractor
    from hrevents.reader import read_report

    extractor = Extractor()
    component = finder_of(extractor.nlp)
    component.enabled, component.threshold = True, LOWEST
    predicted: list[Event] = []
    by_id = {r.report_id: r for r in gold.reports}
    for k, held in enumerate(folds_of(gold)):
        training = [p for rid, ps in pairs.items() if rid not in held for p in ps]
        component.use(train(training))
        for rid in held:
            predicted.extend(extractor.extract(read_report(gold.text_path(by_id[rid]), report_id=rid)))
        print(f"fold {k + 1}/{FOLDS}: trained on {sum(p['label'] is not None for p in training)} pairs", flush=True)
    rows = [row("rules", score(rule_events, gold))]
    rows += [row(f"rules+model@{t}", score(kept_at(predicted, t), gold)) for t in THRESHOLDS]
    eligible = [r for r in rows[1:] if r["precision"] >= MIN_PRECISION and r["f1"] > rows[0]["f1"]]
    best = max(eligible, key=lambda r: (r["f1"], r["precision"]), default=None)
    return {
        "folds": FOLDS,
        "rows": rows,
        "chosen": best["system"] if best else None,
        "threshold": float(best["system"].split("@")[1]) if best else None,
        "enable": best is not None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--cv", action="store_true", help="report-level cross-validation; writes no weights")
    parser.add_argument("--cache", type=Path, help="keep (or reuse) the first pass's pairs and rule events here")
    parser.add_argument("--json", type=Path, help="write the cross-validation table here")
    parser.add_argument("--out", type=Path, default=model_path(), help="where the trained weights go")
    args = parser.parse_args(argv)
    gold = load_gold(args.gold)
    if args.cache is not None and args.cache.exists():
        cached = json.loads(args.cache.read_text("utf-8"))
        pairs, events = cached["pairs"], cached["events"]
    else:
        pairs, events = collect(gold)
        if args.cache is not None:
            args.cache.write_text(json.dumps({"pairs": pairs, "events": events}), "utf-8")
    by_id = {r.report_id: r for r in gold.reports}
    for rid, ps in pairs.items():  # labelled here, so a cached first pass takes today's gold
        for p in ps:
            p["label"] = label(p, by_id[rid])
    labelled = [p for ps in pairs.values() for p in ps if p["label"] is not None]
    positive = sum(p["label"] for p in labelled)
    print(f"pairs: {sum(map(len, pairs.values()))}, labelled {len(labelled)}, positive {positive}")
    if args.cv:
        result = cross_validate(gold, pairs, [Event(**e) for es in events.values() for e in es])
        for r in result["rows"]:
            print(
                f"{r['system']:>20}  P {r['precision']:.4f}  R {r['recall']:.4f}  F1 {r['f1']:.4f}"
                f"  strict F1 {r['strict_f1']:.4f}  (tp {r['tp']} fp {r['fp']} fn {r['fn']})"
            )
        print(f"chosen: {result['chosen']} (enable: {result['enable']})")
        if args.json is not None:
            args.json.write_text(json.dumps(result, indent=2), "utf-8")
        return 0
    nlp = train([p for ps in pairs.values() for p in ps])
    args.out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(args.out)
    print(f"weights written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
