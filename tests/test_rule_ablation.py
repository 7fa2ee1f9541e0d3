"""benchmarks/rule_ablation.py on an invented corpus: a rule that cuts a comment section shows
up as helping, with the pages it touched. Nothing here reads ../shared."""

from __future__ import annotations

import gzip
import json
import sys

from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
import rule_ablation  # noqa: E402  (the benchmarks folder is not a package)

STORY = [
    "The river council agreed on Tuesday to rebuild the old stone footbridge before the spring"
    " floods, after two years of arguing over who should pay for the work and how long it would take.",
    "Engineers told the meeting that the central arch had moved by several centimetres since the"
    " last inspection, and that the crossing would stay closed to cyclists until repairs begin.",
    "Residents who walk to the market across the bridge said the detour through the industrial"
    " estate added twenty minutes to every trip, and asked for a temporary ferry in the meantime.",
    "The council expects the contract to be signed next month, with work starting in early summer"
    " and the bridge reopening to walkers before the autumn school term begins.",
]
COMMENTS = [
    "Leave a Reply",
    "Mara K. says: Finally! I have been walking the long way round every single day since winter.",
    "Tom B. says: Twenty minutes is generous, it takes me half an hour with the dog and the pram.",
]


def write_page(root, page_id: str, lines: list[str]) -> None:
    folder = root / "devset" / "text"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{page_id}.txt.gz").write_bytes(gzip.compress("\n\n".join(lines).encode()))


def test_a_rule_that_cuts_comments_is_reported_as_helping(tmp_path, capsys):
    write_page(tmp_path, "page-with-comments", ["Footbridge to be rebuilt", *STORY, *COMMENTS])
    write_page(tmp_path, "page-without", ["Footbridge to be rebuilt", *STORY])
    gold = {
        page_id: {"url": f"https://news.example.org/{page_id}", "with": [STORY[0][:60]], "without": [COMMENTS[1][:50]]}
        for page_id in ("page-with-comments", "page-without")
    }
    (tmp_path / "devset" / "gold.json").write_text(json.dumps(gold))
    table_file = tmp_path / "table.json"
    args = ["--shared", str(tmp_path), "--corpus", "devset", "--split", "all", "--json", str(table_file), "-j", "1"]
    assert rule_ablation.main(args) == 0
    rows = {row["rule"]: row for row in json.loads(table_file.read_text())}
    cut = rows["comment-form-heading"]
    assert cut["pages"] == 1  # only the page with comments was touched, and cleaned again
    assert cut["f1_loss_without"] > 0  # without the rule the comments leak into the body
    assert "comment-form-heading" in capsys.readouterr().out
