"""Check that scripts/hrdsattack.py scores exactly as the HRDsAttack paper's own code does.

Runs the dataset repository's `load_examples` and `evaluate_all` (src/models/utils.py, read with
`git show`) on the answers our events give, with the T5 model replaced by a stub that "generates"
those answers, and compares every figure with `hrdsattack.score_articles`; it also checks that
our labels.jsonl equals the paper's normalised gold, article by article. Exit status 0 when all
agree.

Two edits are made to the paper's code before it runs, both printed: torch, tqdm and the
dataset module are stubbed (nothing of them is used on this path), and `str(int(float(x)))` on
years and days keeps a value such as "unknown" as written instead of stopping (the dev split
has such values; hrdsattack.py makes the same choice).

Usage (after `hrdsattack.py run --split dev`, whose events it reads):
    python scripts/hrdsattack_crosscheck.py --repo DIR [--split dev] [--folder DIR]
"""

from __future__ import annotations

import contextlib
import importlib.util
import subprocess
import sys
import tempfile
import types
from pathlib import Path
from typing import Any

import typer

HERE = Path(__file__).resolve().parent
# The paper's violation questions (`violation_all_list` without "unknown", which it never asks).
ASKED_TYPES = ("arbitrary detention", "enforced disappearance", "kidnapping", "killing", "other", "torture")
# Our figures against the keys of evaluate_all's result dict.
PAIRS = (
    ("victim pre", "victim_exact", 0),
    ("victim rec", "victim_exact", 1),
    ("victim f1", "victim_exact", 2),
    ("victim loose pre", "victim_fuzzy", 0),
    ("victim loose rec", "victim_fuzzy", 1),
    ("victim loose f1", "victim_fuzzy", 2),
    ("violation type pre", "violation_type", 0),
    ("violation type rec", "violation_type", 1),
    ("violation type f1", "violation_type", 2),
    ("violation type acc", "violation_type_exact_set", None),
    ("country acc", "country", None),
    ("year acc", "year", None),
    ("month acc", "month", None),
    ("date acc", "day", None),
)


def _load(path: Path, name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def paper_code(repo: Path) -> dict[str, Any]:
    """The namespace of the paper's utils.py, with the two edits the module docstring names."""
    source = subprocess.run(
        ["git", "-C", str(repo), "show", "HEAD:src/models/utils.py"], capture_output=True, check=True, text=True
    ).stdout
    for field in ("year", "date"):
        old = f"{field} = str(int(float({field})))"
        if source.count(old) != 1:
            raise SystemExit(f"the paper's utils.py no longer has `{old}`: update this check")
        source = source.replace(old, f"{field} = _whole_number({field})")
        typer.echo(f"edit: `{old}` -> `{field} = _whole_number({field})`")
    typer.echo("edit: torch, tqdm and dataset stubbed")
    stubs: dict[str, dict[str, Any]] = {
        "torch": {"no_grad": contextlib.nullcontext},
        "dataset": {"T5Dataset": object},
        "tqdm": {"tqdm": lambda items, **_: items},
    }
    for name, attributes in stubs.items():
        module = types.ModuleType(name)
        for key, value in attributes.items():
            setattr(module, key, value)
        sys.modules[name] = module
    hrd = sys.modules["hrdsattack"]
    namespace: dict[str, Any] = {"__name__": "hrdsattack_paper_utils", "_whole_number": hrd._whole_number}
    exec(compile(source, "HRDsAttack/src/models/utils.py", "exec"), namespace)
    return namespace


class _Index:
    def __init__(self, number: int) -> None:
        self.number = number

    def item(self) -> int:
        return self.number


class _Model:
    """Stands in for T5: `generate` returns the batch's answers, which the stub tokenizer decodes as is."""

    def eval(self) -> None:
        return None

    def generate(self, input_ids: list[str], **_: Any) -> dict[str, list[str]]:
        return {"sequences": input_ids}


class _Tokenizer:
    def decode(self, sequence: str, skip_special_tokens: bool = True) -> str:
        return sequence


def main(
    repo: Path = typer.Option(..., "--repo", envvar="HRDSATTACK_REPO", help="A clone of the HRDsAttack repository."),
    split: str = typer.Option("dev", "--split", help="train or dev (test is refused)."),
    folder: Path | None = typer.Option(
        None, "--folder", help="The folder `hrdsattack.py run` wrote; default corpus/external/hrdsattack/<split>."
    ),
) -> None:
    """Score our answers with the paper's evaluate_all and with hrdsattack.py; compare."""
    hrd = _load(HERE / "hrdsattack.py", "hrdsattack")
    try:
        hrd.check_split(split)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from error
    folder = folder or hrd.DEFAULT_OUT / split
    namespace = paper_code(repo)
    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch) / f"{split}.json"
        data.write_bytes(hrd.read_split_bytes(repo, split))
        examples = namespace["load_examples"](str(data))
    gold = hrd.load_labels(folder)
    mine = hrd.answers(hrd.read_events(folder / hrd.PRED_DIR / "events.jsonl"), [g.report_id for g in gold])
    if [str(e["id"]) for e in examples] != [g.report_id for g in gold]:
        raise SystemExit("labels.jsonl and the split list different articles: rebuild first")
    for example, labels in zip(examples, gold, strict=True):
        ours = (labels.victims, sorted(labels.violation_types), labels.country, labels.year, labels.month, labels.day)
        theirs = (
            [v[0] for v in example["victims"]],
            sorted(example["violation_types"]),
            example["country"],
            example["year"],
            example["month"],
            example["date"],
        )
        if ours != theirs:
            raise SystemExit(f"article {labels.report_id}: our labels {ours} differ from the paper's {theirs}")
    typer.echo(f"labels: all {len(gold)} articles equal the paper's normalised gold")

    features: list[dict[str, Any]] = []
    replies: list[str] = []

    def ask(example_id: int, task: str, reply: str, **extra: Any) -> None:
        features.append({"example_id": example_id, "task": task, **extra})
        replies.append(reply)

    # A victim-attribute question first: the paper's violation branch reads `cur_victim_name`,
    # and its attribute accuracies divide by the number of such answers.
    first = next(number for number, example in enumerate(examples) if example["victims"])
    victim = examples[first]["victims"][0]
    for task, reply in (
        ("victim_age", victim[1]),
        ("victim_population_type", victim[2]),
        ("victim_sex_type", victim[3]),
    ):
        ask(first, task, str(reply), victim=victim[0], sub_victim=True)
    ask(first, "victim_type", "yes", victim=victim[0], victim_type="journalist", sub_victim=True)
    for number, labels in enumerate(gold):
        answer = mine[labels.report_id]
        ask(number, "victim", ", ".join(answer.victims))
        for task, value in (("country", answer.country), ("year", answer.year), ("month", answer.month)):
            ask(number, task, "None" if value is None else value)  # T5's answer for "nothing"
        ask(number, "date", "None" if answer.day is None else answer.day)
        for kind in ASKED_TYPES:
            ask(
                number, "violation_types", "yes" if kind in answer.violation_types else "no", **{"violation type": kind}
            )
    batches = []
    for start in range(0, len(features), 8):
        numbers = range(start, min(start + 8, len(features)))
        batches.append(([replies[n] for n in numbers], None, None, [_Index(n) for n in numbers]))
    result, _, _ = namespace["evaluate_all"](
        batches, examples, features, _Tokenizer(), _Model(), gpu=False, num_beams=1
    )

    scores = hrd.score_articles(gold, mine)
    differ = 0
    for key, attribute, position in PAIRS:
        value = getattr(scores, attribute)
        ours = value if position is None else value[position]
        same = abs(result[key] - ours) < 1e-9
        differ += not same
        typer.echo(
            f"{key:20} paper's code {result[key]:8.3f}   hrdsattack.py {ours:8.3f}   {'same' if same else 'DIFFER'}"
        )
    raise typer.Exit(1 if differ else 0)


if __name__ == "__main__":
    typer.run(main)
