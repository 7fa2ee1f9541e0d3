"""Score `cleaner` (and reference extractors) against the devset gold.

Usage: python benchmarks/accuracy.py [DEVSET_DIR] [--kinds text,text_nowrap,html] [--limit N]
       [--split all|train|validation] [--ids-file PATH] [--no-baseline] [--no-cleaner]
       [--reference-rows] [--json PATH] [--dump DIR] [-j N]

Scoring (as in the devset README; the functions below are pure so they can be unit-tested):
- Body: whitespace runs are collapsed to one space and stripped, on passages and body alike,
  then plain case-sensitive substring match. Each `with` passage found is a TP, missing a FN;
  each `without` passage found is a FP, absent a TN. Counts are summed over pages before
  P = TP/(TP+FP), R = TP/(TP+FN), F1 = harmonic mean. No HTML unescaping is needed: the gold
  passages contain no entities, and this plain rule reproduces the README figures exactly.
- A page whose extractor raises or returns an empty body is a failure: all `with` are FN, all
  `without` TN. A crash also misses every metadata field the gold has; an empty body with
  metadata still gets its metadata scored.
- Metadata, exact match: title case-insensitive after whitespace normalization; authors as a
  case-insensitive set (a gold string is split on `;`, a list is taken item by item); date on
  the first 10 characters. Accuracy = matches / pages whose gold has a non-empty value for
  that field; pages where the key is missing or empty are left out of that field's
  denominator (otherwise an extractor would be rewarded or punished for pages nobody
  annotated). On the full devset that is 428 titles, 266 author sets and 364 dates.
- Authors nobody wrote: on the 163 pages whose gold author is empty (annotated, no name),
  the share where the extractor still names an author (`invented`, lower is better). Some
  of those pages do show a byline the annotators left out, so the floor is not 0; most named
  authors there are headings, firms or menu items read as a name.
- Extractors get the capture as raw bytes (as a caller reading a file would) plus the gold
  url. Bytes matter for trafilatura: decoding the HTML as UTF-8 first loses recall on
  pages in other encodings; the url does not change its figures but is passed anyway.
- Split: validation = ids whose sha256 (as an int) % 5 == 0 (102 pages), train = the rest.
- Times are wall-clock seconds of the extract call alone (decompression excluded); with
  -j N they are measured under parallel load and so are pessimistic.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from contextlib import nullcontext
from dataclasses import dataclass, field
from multiprocessing import Pool
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
KINDS = ("text", "text_nowrap", "html")
META_FIELDS = ("title", "author", "date")
#: The share of pages annotated without an author where one is named anyway.
INVENTED = "invented"
SLOW_SECONDS = 2.0
_WS = re.compile(r"\s+")


def normalize(s: str) -> str:
    return _WS.sub(" ", s).strip()


def author_set(value: str | Iterable[str] | None) -> frozenset[str]:
    """Gold strings use `; ` between names; lists (cleaner, some gold) are taken as given."""
    if not value:
        return frozenset()
    names = value.split(";") if isinstance(value, str) else value
    return frozenset(n for n in (normalize(x).lower() for x in names) if n)


@dataclass
class Counts:
    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0
    missed: list[str] = field(default_factory=list)  # `with` passages not found
    leaked: list[str] = field(default_factory=list)  # `without` passages found


def score_page(body: str, gold: Mapping[str, Any]) -> Counts:
    text = normalize(body or "")
    c = Counts()
    for p in gold.get("with", []):
        if text and normalize(p) and normalize(p) in text:
            c.tp += 1
        else:
            c.fn += 1
            c.missed.append(p)
    for p in gold.get("without", []):
        if text and normalize(p) and normalize(p) in text:
            c.fp += 1
            c.leaked.append(p)
        else:
            c.tn += 1
    return c


def meta_matches(
    title: str | None, authors: Iterable[str] | str | None, date: str | None, gold: Mapping[str, Any]
) -> dict[str, bool]:
    """Only fields the gold annotates (non-empty) appear in the result."""
    out: dict[str, bool] = {}
    if gold.get("title"):
        out["title"] = normalize(title or "").lower() == normalize(gold["title"]).lower()
    if author_set(gold.get("author")):
        out["author"] = author_set(authors) == author_set(gold["author"])
    if gold.get("date"):
        out["date"] = bool(date) and str(date)[:10] == str(gold["date"])[:10]
    if "author" in gold and not author_set(gold["author"]):
        out[INVENTED] = bool(author_set(authors))
    return out


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# --- extractors: (data, url) -> (body, title, authors, date) ---------------------------

Extraction = tuple[str, str | None, Any, str | None]
_cleaner: Any = None  # one per process: rules are compiled once, not per page


def _get_cleaner() -> Any:
    global _cleaner
    if _cleaner is None:
        from cleaner import Cleaner

        _cleaner = Cleaner()
    return _cleaner


def extract_cleaner(data: bytes, url: str) -> Extraction:
    a = _get_cleaner().clean(data, url=url)
    return a.body, a.title, a.authors, a.date


def extract_trafilatura(data: bytes, url: str) -> Extraction:
    import trafilatura

    d = trafilatura.bare_extraction(data, url=url, include_comments=False, include_tables=True, with_metadata=True)
    if d is None:
        return "", None, None, None
    return d.text or "", d.title, d.author, d.date


def extract_identity(data: bytes, url: str) -> Extraction:
    return data.decode("utf-8", errors="replace"), None, None, None


EXTRACTORS = {"cleaner": extract_cleaner, "trafilatura": extract_trafilatura, "identity": extract_identity}
LABELS = {"cleaner": "cleaner", "trafilatura": "trafilatura alone", "identity": "whole text unchanged"}


@dataclass
class PageResult:
    id: str
    counts: Counts
    meta: dict[str, bool]
    seconds: float
    error: str | None  # exception repr, "empty body", or None
    detail: dict[str, Any] | None = None


def run_page(task: tuple[str, str, str, str, dict[str, Any], bool]) -> PageResult:
    devset, kind, extractor, pid, gold, want_detail = task
    path = Path(devset, kind, f"{pid}.{'html' if kind == 'html' else 'txt'}.gz")
    data = gzip.decompress(path.read_bytes())
    if extractor == "cleaner":
        _get_cleaner()  # construction is not part of the per-page time
    t0 = time.perf_counter()
    error = None
    try:
        body, title, authors, date = EXTRACTORS[extractor](data, gold["url"])
    except Exception as e:  # noqa: BLE001 -- any crash is a scored failure, not a stop
        body, title, authors, date, error = "", None, None, None, f"{type(e).__name__}: {e}"
    seconds = time.perf_counter() - t0
    if error is None and not normalize(body or ""):
        error = "empty body"
    counts = score_page(body, gold)
    meta = meta_matches(title, authors, date, gold)  # after a crash all are None: all miss
    detail = None
    if want_detail:
        got = {"title": title, "date": date, "author": authors if isinstance(authors, str) else list(authors or [])}
        detail = {
            "id": pid,
            "url": gold["url"],
            "kind": kind,
            "extractor": extractor,
            "error": error,
            "seconds": round(seconds, 3),
            "missed_with": counts.missed,
            "leaked_without": counts.leaked,
            "metadata": {k: {"got": got[k], "gold": gold.get(k), "match": meta.get(k)} for k in META_FIELDS},
            "body": body,
        }
    return PageResult(pid, counts, meta, seconds, error, detail)


@dataclass
class RowStats:
    kind: str
    extractor: str
    pages: int = 0
    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0
    meta_hits: Counter[str] = field(default_factory=Counter)
    meta_total: Counter[str] = field(default_factory=Counter)
    errors: dict[str, str] = field(default_factory=dict)
    max_seconds: float = 0.0
    slowest: str = ""
    over_2s: int = 0

    def add(self, r: PageResult) -> None:
        self.pages += 1
        for k in ("tp", "fn", "fp", "tn"):
            setattr(self, k, getattr(self, k) + getattr(r.counts, k))
        for k, ok in r.meta.items():
            self.meta_total[k] += 1
            self.meta_hits[k] += ok
        if r.error:
            self.errors[r.id] = r.error
        if r.seconds > self.max_seconds:
            self.max_seconds, self.slowest = r.seconds, r.id
        self.over_2s += r.seconds > SLOW_SECONDS

    def figures(self) -> dict[str, Any]:
        p, r, f = prf(self.tp, self.fp, self.fn)
        out: dict[str, Any] = {
            "kind": self.kind,
            "extractor": self.extractor,
            "label": f"{self.kind} / {LABELS[self.extractor]}",
            "pages": self.pages,
            "precision": p,
            "recall": r,
            "f1": f,
        }
        for k in (*META_FIELDS, INVENTED):
            n = self.meta_total[k]
            out[k] = self.meta_hits[k] / n if n else 0.0
            out[f"{k}_matches"], out[f"{k}_pages"] = self.meta_hits[k], n
        out.update(
            tp=self.tp,
            fn=self.fn,
            fp=self.fp,
            tn=self.tn,
            failures=len(self.errors),
            errors=self.errors,
            max_seconds=self.max_seconds,
            slowest_id=self.slowest,
            pages_over_2s=self.over_2s,
        )
        return out


def in_validation(page_id: str) -> bool:
    return int(hashlib.sha256(page_id.encode()).hexdigest(), 16) % 5 == 0


def select_ids(gold: Mapping[str, Any], split: str, ids_file: Path | None, limit: int | None) -> list[str]:
    ids = sorted(gold)
    if ids_file:
        wanted = {ln.strip() for ln in ids_file.read_text().splitlines() if ln.strip()}
        ids = [i for i in ids if i in wanted]
    if split != "all":
        ids = [i for i in ids if in_validation(i) == (split == "validation")]
    return ids[:limit] if limit is not None else ids


def check_targets(rows: list[dict[str, Any]]) -> list[tuple[str, str, float, float, str]]:
    """(row label, metric, value, threshold, note) for every target of the cleaner rows."""
    by = {(r["kind"], r["extractor"]): r for r in rows}
    out = []
    for kind in KINDS:
        r = by.get((kind, "cleaner"))
        if not r:
            continue
        if kind == "html":
            base = by.get(("html", "trafilatura"))
            # Without a baseline in this run, fall back to the README's full-devset figure.
            rec, note = (base["recall"], "trafilatura, same run") if base else (0.945, "README")
            goals = {
                "f1": (0.95, ""),
                "recall": (rec, note),
                "title": (0.85, ""),
                "author": (0.80, ""),
                "date": (0.95, ""),
            }
        else:
            goals = {
                "f1": (0.90, ""),
                "recall": (0.93, ""),
                "title": (0.75, ""),
                "author": (0.65, ""),
                "date": (0.85, ""),
            }
        out += [(r["label"], m, r[m], t, n) for m, (t, n) in goals.items()]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("devset", nargs="?", type=Path, default=REPO.parent / "shared" / "devset")
    ap.add_argument("--kinds", default=",".join(KINDS), help="comma-separated capture kinds")
    ap.add_argument("--limit", type=int, help="only the first N ids (sorted, after filters)")
    ap.add_argument("--split", choices=("all", "train", "validation"), default="all")
    ap.add_argument("--ids-file", type=Path, help="restrict to these ids (one per line)")
    ap.add_argument("--no-baseline", action="store_true", help="skip html / trafilatura")
    ap.add_argument("--no-cleaner", action="store_true", help="skip the cleaner rows")
    ap.add_argument("--reference-rows", action="store_true", help="add '<text kind> / whole text unchanged' rows")
    ap.add_argument("--json", type=Path, help="write all figures here")
    ap.add_argument("--dump", type=Path, help="write per-page details to DIR/<kind>.<extractor>/")
    ap.add_argument("-j", "--jobs", type=int, default=1, help="worker processes")
    args = ap.parse_args(argv)

    kinds = [k for k in args.kinds.split(",") if k]
    if bad := set(kinds) - set(KINDS):
        ap.error(f"unknown kinds: {sorted(bad)}")
    rows = [(k, "cleaner") for k in kinds if not args.no_cleaner]
    rows += [(k, "identity") for k in kinds if args.reference_rows and k != "html"]
    rows += [("html", "trafilatura")] if "html" in kinds and not args.no_baseline else []
    rows.sort(key=lambda r: (KINDS.index(r[0]), list(EXTRACTORS).index(r[1])))
    if any(e == "cleaner" for _, e in rows):
        sys.path.insert(0, str(REPO))  # score the working tree, not some installed copy
        import cleaner  # noqa: F401 -- fail loudly up front, before any worker starts

    gold = json.loads((args.devset / "gold.json").read_text(encoding="utf-8"))
    ids = select_ids(gold, args.split, args.ids_file, args.limit)
    tasks = [(str(args.devset), k, e, i, gold[i], args.dump is not None) for k, e in rows for i in ids]
    stats = {r: RowStats(*r) for r in rows}
    t0 = time.perf_counter()
    # -j 1 stays in-process so crashes in the scorer show plain tracebacks and profiling works.
    with Pool(args.jobs) if args.jobs > 1 else nullcontext() as pool:
        results = pool.imap(run_page, tasks, chunksize=4) if pool else map(run_page, tasks)
        for task, res in zip(tasks, results, strict=True):
            stats[(task[1], task[2])].add(res)
            if args.dump and res.detail:
                d = args.dump / f"{task[1]}.{task[2]}"
                d.mkdir(parents=True, exist_ok=True)
                (d / f"{res.id}.json").write_text(
                    json.dumps(res.detail, ensure_ascii=False, indent=1), encoding="utf-8"
                )
    figures = [s.figures() for s in stats.values()]

    print(
        f"devset {args.devset}  split {args.split}  {len(ids)} pages  "
        f"({time.perf_counter() - t0:.0f} s, -j {args.jobs})"
    )
    head = (
        "kind / extractor",
        "pages",
        "P",
        "R",
        "F1",
        "title",
        "author",
        "date",
        INVENTED,
        "failures",
        "max s/page",
        ">2s",
    )
    print(
        f"{head[0]:<36}"
        + "".join(f"{h:>8}" for h in head[1:8])
        + f"{head[8]:>9}"
        + "".join(f"{h:>11}" for h in head[9:])
    )
    for f in figures:
        print(
            f"{f['label']:<36}{f['pages']:>8}"
            + "".join(f"{f[k]:>8.3f}" for k in ("precision", "recall", "f1", *META_FIELDS))
            + f"{f[INVENTED]:>9.3f}"
            + f"{f['failures']:>11}{f['max_seconds']:>11.2f}{f['pages_over_2s']:>11}"
        )
    for f in figures:
        if f["failures"]:
            kinds_of = Counter(e.split(":")[0] for e in f["errors"].values())
            print(f"  {f['label']} failures: {dict(kinds_of)}  e.g. {sorted(f['errors'])[:3]}")
        print(f"  {f['label']} slowest page: {f['slowest_id']} ({f['max_seconds']:.2f} s)")

    targets = check_targets(figures)
    if targets:
        print("targets:")
    for label, metric, value, goal, note in targets:
        mark = "met" if value >= goal else "MISSED"
        print(f"  {label:<24}{metric:<8}{value:.3f} >= {goal:.3f}  {mark}" + (f"  ({note})" if note else ""))
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "devset": str(args.devset),
                    "split": args.split,
                    "pages": len(ids),
                    "rows": figures,
                    "targets": [
                        dict(zip(("row", "metric", "value", "target", "note"), t, strict=True), met=t[2] >= t[3])
                        for t in targets
                    ],
                },
                indent=1,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
