"""Does every rule earn its place? Each built-in rule taken out in turn, on the training split.

Usage:
    python benchmarks/rule_ablation.py [--corpus devset|wcxb|both] [--kinds html,text] [-j 2]

Every capture of the chosen split (default `train`: the pages `benchmarks/accuracy.py`'s
`in_validation` leaves out) is cleaned with all rules; then, for each rule that decided a
line or removed an element there, the captures it touched are cleaned again without it.
A rule's effect is what the scores lose when it goes (positive: the rule helps):
- wcxb: the mean word F1 of the body over all pages of that kind, and the pages where the
  rule's removal changes a page's word F1 by more than 0.01 either way;
- devset: the snippet F1 (summed over all pages of that kind).
Only the body is scored: a `byline` or `date` rule also feeds the metadata, which this
does not measure. Rules are judged on the training split only; keep or drop one by
`../shared/tools/sealed-score`, never by this table alone.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from accuracy import (
    CORPUS_KINDS,
    Counts,
    capture_path,
    default_shared,
    prf,
    score_page,
    select_ids,
    word_prf,
)

from cleaner import Cleaner
from cleaner.rules import RuleSet, load_rules

#: A page counts as helped or hurt by a rule when its word F1 moves by more than this.
PAGE_CHANGE = 0.01

_ALL_RULES: RuleSet | None = None
_CLEANERS: dict[str, Cleaner] = {}


def _cleaner(without: str) -> Cleaner:
    """A cleaner with every built-in rule but `without` ("" for all of them), made once per worker."""
    global _ALL_RULES
    if _ALL_RULES is None:
        _ALL_RULES = load_rules()
    if without not in _CLEANERS:
        rules = RuleSet(tuple(rule for rule in _ALL_RULES.rules if rule.id != without))
        _CLEANERS[without] = Cleaner(rules=rules)
    return _CLEANERS[without]


def _clean(task: tuple[str, str, str, str, str, str]) -> tuple[str, str, str, str, str, list[str]]:
    """Clean one capture (root, corpus, kind, page, rule left out, URL or "") without one rule:
    (corpus, kind, page, rule left out, body, rule ids that decided)."""
    root, corpus, kind, page_id, without, url = task
    path = capture_path(Path(root) / corpus, kind, page_id)
    try:
        article = _cleaner(without).clean(gzip.decompress(path.read_bytes()), url=url or None)
    except Exception:  # a capture the cleaner refuses scores as empty, with or without the rule
        return corpus, kind, page_id, without, "", []
    fired = sorted({d.reason for d in article.decisions if d.role != "body"})
    return corpus, kind, page_id, without, article.body, fired


def _add(totals: list[int], counts: Counts, sign: int = 1) -> None:
    totals[0] += sign * counts.tp
    totals[1] += sign * counts.fp
    totals[2] += sign * counts.fn


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=default_shared(), help="the folder holding devset/ and wcxb/")
    parser.add_argument("--corpus", choices=("devset", "wcxb", "both"), default="both")
    parser.add_argument("--kinds", default="", help="comma-separated capture kinds (default: all of each corpus)")
    parser.add_argument("--split", choices=("all", "train", "validation"), default="train")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages of each corpus")
    parser.add_argument("--json", type=Path, help="write the table here too")
    parser.add_argument("-j", "--jobs", type=int, default=2)
    args = parser.parse_args(argv)

    corpora = ("devset", "wcxb") if args.corpus == "both" else (args.corpus,)
    wanted = set(filter(None, args.kinds.split(",")))
    golds = {corpus: json.loads((args.shared / corpus / "gold.json").read_text()) for corpus in corpora}
    plan = [
        (corpus, kind, page_id)
        for corpus in corpora
        for kind in CORPUS_KINDS[corpus]
        if not wanted or kind in wanted
        for page_id in select_ids(golds[corpus], args.split, None, args.limit)
        if capture_path(args.shared / corpus, kind, page_id).exists()
    ]
    rule_ids = {rule.id for rule in load_rules().rules}

    def url_of(corpus: str, page_id: str) -> str:
        # as sealed-score and accuracy.py: the devset gives its URL, wcxb none
        return golds[corpus][page_id].get("url") or "" if corpus == "devset" else ""

    def run(tasks: Iterable[tuple[str, str, str, str]]) -> list[tuple[str, str, str, str, str, list[str]]]:
        jobs = [(str(args.shared), c, k, p, w, url_of(c, p)) for c, k, p, w in tasks]
        with ProcessPoolExecutor(args.jobs) as pool:
            return list(pool.map(_clean, jobs, chunksize=4))

    base: dict[tuple[str, str, str], str] = {}
    touched: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for corpus, kind, page_id, _, body, fired in run((c, k, p, "") for c, k, p in plan):
        base[corpus, kind, page_id] = body
        for rule_id in fired:
            if rule_id in rule_ids:
                touched[rule_id].append((corpus, kind, page_id))
    print(f"{len(plan)} captures cleaned; {len(touched)} rules decided something", file=sys.stderr)

    ablated = run((c, k, p, rule_id) for rule_id, pages in sorted(touched.items()) for c, k, p in pages)

    page_counts: dict[tuple[str, str], int] = defaultdict(int)
    for corpus, kind, _ in plan:
        page_counts[corpus, kind] += 1
    base_counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])  # tp, fp, fn
    for (corpus, kind, page_id), body in base.items():
        if corpus == "devset":
            _add(base_counts[corpus, kind], score_page(body, golds[corpus][page_id]))

    effects: dict[str, dict[tuple[str, str], dict[str, Any]]] = defaultdict(dict)
    for corpus, kind, page_id, rule_id, body, _ in ablated:
        cell = effects[rule_id].setdefault(
            (corpus, kind), {"pages": 0, "f1_loss": 0.0, "helped": 0, "hurt": 0, "counts": [0, 0, 0]}
        )
        cell["pages"] += 1
        gold = golds[corpus][page_id]
        if corpus == "wcxb":
            with_rule = word_prf(base[corpus, kind, page_id], gold["main_content"])[2]
            without_rule = word_prf(body, gold["main_content"])[2]
            cell["f1_loss"] += (with_rule - without_rule) / page_counts[corpus, kind]
            cell["helped"] += with_rule - without_rule > PAGE_CHANGE
            cell["hurt"] += without_rule - with_rule > PAGE_CHANGE
        else:
            _add(cell["counts"], score_page(body, gold))
            _add(cell["counts"], score_page(base[corpus, kind, page_id], gold), sign=-1)

    table = []
    for rule_id in sorted(effects):
        for (corpus, kind), cell in sorted(effects[rule_id].items()):
            if corpus == "devset":
                before = base_counts[corpus, kind]
                after = [b + d for b, d in zip(before, cell["counts"], strict=True)]
                cell["f1_loss"] = prf(*before)[2] - prf(*after)[2]
            table.append(
                {
                    "rule": rule_id,
                    "corpus": corpus,
                    "kind": kind,
                    "pages": cell["pages"],
                    "f1_loss_without": round(cell["f1_loss"], 5),
                    "pages_helped": cell["helped"],
                    "pages_hurt": cell["hurt"],
                }
            )
    print(f"{'rule':28s} {'corpus/kind':22s} {'pages':>5s} {'F1 lost without it':>18s} {'helped':>6s} {'hurt':>5s}")
    for row in table:
        where = f"{row['corpus']}/{row['kind']}"
        helped, hurt = (row["pages_helped"], row["pages_hurt"]) if row["corpus"] == "wcxb" else ("-", "-")
        print(f"{row['rule']:28s} {where:22s} {row['pages']:5d} {row['f1_loss_without']:+18.4f} {helped:>6} {hurt:>5}")
    if args.json:
        args.json.write_text(json.dumps(table, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
