"""Score `cleaner` (and reference extractors) against the devset and WCXB gold.

Usage: python benchmarks/accuracy.py [DEVSET_DIR] [--corpus devset|wcxb|both] [--wcxb DIR]
       [--kinds KIND,...] [--limit N] [--split all|train|validation] [--ids-file PATH]
       [--with-urls] [--no-baseline] [--no-cleaner] [--reference-rows] [--json PATH]
       [--dump DIR] [-j N]

Two corpora, each with its own capture kinds: the devset (../shared/devset: text,
text_nowrap, html) and WCXB (../shared/wcxb: html, text, text_innertext). Each is scored by
its own README's rules; the functions below are pure so they can be unit-tested.

Devset scoring:
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

WCXB scoring, exactly as ../shared/tools/sealed-score scores the sealed pages of the same split,
so the two sets of figures can be read side by side:
- Word scores (WCXB's own metric): per page, word-level precision, recall and F1 of the body
  against `main_content`, tokens being lowercase `\\w+` compared as multisets (a page whose
  gold has no word scores 1 for an empty body, else 0); each figure is the mean over pages,
  overall (`wF1`), on the `article` pages (`art.`) and per page type.
- Snippets (`segP/segR/segF1`): as the devset's passages, but case-insensitive (both sides
  whitespace-collapsed and casefolded), summed over pages.
- Metadata: title case-insensitive (casefold) after whitespace normalization; date on
  YYYY-MM-DD; authors as a case-insensitive set, the gold string split on `;`, `,`, ` and `,
  ` & ` (WCXB writes several people in one string), an extractor's list taken as given (a
  string, trafilatura's, split on `;`). Denominators: pages whose gold has a non-empty
  value. `invented`: the share of pages with no gold author where an author is named.
- No URL is given to the extractors (sealed-score runs `clean RAW OUT`, and batch users
  often have none); `--with-urls` passes the gold URL instead. A page missing from a kind
  (one `text_innertext` capture) is left out of that row.
- The html rows are compared page by page: how many pages the cleaner's word F1 is more
  than 0.1 below / 0.3 below / 0.1 above trafilatura alone's (sealed-score --baseline).
- Split: the same rule on WCXB's ids (200 of its 950 pages are validation).

Times are wall-clock seconds of the extract call alone (decompression excluded); with -j N
they are measured under parallel load and so are pessimistic.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from multiprocessing import Pool
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
#: The devset's capture kinds, in row order.
KINDS = ("text", "text_nowrap", "html")
#: WCXB's capture kinds, in row order (sealed-score's order).
WCXB_KINDS = ("html", "text", "text_innertext")
CORPUS_KINDS = {"devset": KINDS, "wcxb": WCXB_KINDS}
META_FIELDS = ("title", "author", "date")
#: The share of pages annotated without an author where one is named anyway.
INVENTED = "invented"
SLOW_SECONDS = 2.0
#: WCXB's article pages, the type reported apart (where every good extractor scores high).
ARTICLE = "article"
#: The word-F1 gaps to trafilatura alone that sealed-score counts (harm below, help above).
HARM_GAP, BAD_HARM_GAP, HELP_GAP = 0.1, 0.3, 0.1
_WS = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
#: How WCXB writes several people in one gold author string (sealed-score's split).
_WCXB_NAME_SEPARATORS = re.compile(r";|,| and | & ")


def normalize(s: str) -> str:
    return _WS.sub(" ", s).strip()


def fold(s: str | None) -> str:
    """Whitespace-collapsed and casefolded: WCXB's case-insensitive comparisons."""
    return normalize(s or "").casefold()


def author_set(value: str | Iterable[str] | None) -> frozenset[str]:
    """Gold strings use `; ` between names; lists (cleaner, some gold) are taken as given."""
    if not value:
        return frozenset()
    names = value.split(";") if isinstance(value, str) else value
    return frozenset(n for n in (normalize(x).lower() for x in names) if n)


def wcxb_gold_authors(value: str | None) -> frozenset[str]:
    """A WCXB gold author string as a set of casefolded names."""
    return frozenset(n for n in (fold(x) for x in _WCXB_NAME_SEPARATORS.split(value or "")) if n)


def extracted_authors(value: str | Iterable[str] | None) -> frozenset[str]:
    """An extractor's authors as a casefolded set: a list as given, a string split on `;`."""
    names = (value or "").split(";") if isinstance(value, str) or value is None else value
    return frozenset(n for n in (fold(x) for x in names) if n)


def words(text: str | None) -> list[str]:
    """WCXB's tokens: lowercase `\\w+` runs."""
    return _WORD.findall((text or "").lower())


def word_prf(body: str | None, reference: str | None) -> tuple[float, float, float]:
    """Word-level precision, recall and F1 of `body` against `reference`, tokens as multisets.

    A reference without words scores 1 for a body without words and 0 otherwise.
    """
    got, want = words(body), words(reference)
    if not want:
        return (1.0, 1.0, 1.0) if not got else (0.0, 0.0, 0.0)
    if not got:
        return 0.0, 0.0, 0.0
    overlap = sum((Counter(got) & Counter(want)).values())
    p, r = overlap / len(got), overlap / len(want)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def mean_word_scores(pages: Iterable[tuple[str, tuple[float, float, float]]]) -> dict[str, Any]:
    """Means of per-page word (P, R, F1) given as (page type, scores): overall, articles, per type.

    `types` maps each page type (sorted) to {"pages": n, "wF1": mean F1}; a mean over no
    page is 0.0.
    """
    by_type: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    for page_type, scores in pages:
        by_type[page_type].append(scores)
    every = [x for xs in by_type.values() for x in xs]

    def mean(xs: Sequence[tuple[float, float, float]], i: int) -> float:
        return sum(x[i] for x in xs) / len(xs) if xs else 0.0

    return {
        "wP": mean(every, 0),
        "wR": mean(every, 1),
        "wF1": mean(every, 2),
        "wF1_article": mean(by_type.get(ARTICLE, []), 2),
        "types": {t: {"pages": len(xs), "wF1": mean(xs, 2)} for t, xs in sorted(by_type.items())},
    }


def harm_and_help(cleaner_f1: Mapping[str, float], baseline_f1: Mapping[str, float]) -> dict[str, int]:
    """Pages (ids in both) where the cleaner's word F1 is far below / above the baseline's."""
    gaps = [cleaner_f1[i] - baseline_f1[i] for i in cleaner_f1 if i in baseline_f1]
    return {
        "below": sum(d < -HARM_GAP for d in gaps),
        "far_below": sum(d < -BAD_HARM_GAP for d in gaps),
        "above": sum(d > HELP_GAP for d in gaps),
    }


@dataclass
class Counts:
    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0
    missed: list[str] = field(default_factory=list)  # `with` passages not found
    leaked: list[str] = field(default_factory=list)  # `without` passages found


def score_page(body: str, gold: Mapping[str, Any], *, ignore_case: bool = False) -> Counts:
    """The `with` / `without` passages found in `body`; `ignore_case` is WCXB's rule."""
    norm = fold if ignore_case else normalize
    text = norm(body or "")
    c = Counts()
    for p in gold.get("with", []):
        if text and norm(p) and norm(p) in text:
            c.tp += 1
        else:
            c.fn += 1
            c.missed.append(p)
    for p in gold.get("without", []):
        if text and norm(p) and norm(p) in text:
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


def wcxb_meta_matches(
    title: str | None, authors: Iterable[str] | str | None, date: str | None, gold: Mapping[str, Any]
) -> dict[str, bool]:
    """As `meta_matches`, by sealed-score's rules: casefold, WCXB's author split, `invented`
    on every page whose gold author is null or empty."""
    out: dict[str, bool] = {}
    if gold.get("title"):
        out["title"] = fold(title) == fold(gold["title"])
    if gold.get("author"):
        out["author"] = extracted_authors(authors) == wcxb_gold_authors(gold["author"])
    else:
        out[INVENTED] = bool(extracted_authors(authors))
    if gold.get("date"):
        out["date"] = str(date or "")[:10] == str(gold["date"])[:10]
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


def extract_cleaner(data: bytes, url: str | None) -> Extraction:
    a = _get_cleaner().clean(data, url=url)
    return a.body, a.title, a.authors, a.date


def extract_trafilatura(data: bytes, url: str | None) -> Extraction:
    import trafilatura

    d = trafilatura.bare_extraction(data, url=url, include_comments=False, include_tables=True, with_metadata=True)
    if d is None:
        return "", None, None, None
    return d.text or "", d.title, d.author, d.date


def extract_identity(data: bytes, url: str | None) -> Extraction:
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
    words: tuple[float, float, float] | None = None  # WCXB: word (P, R, F1) against main_content
    page_type: str | None = None  # WCXB


@dataclass(frozen=True)
class Task:
    """One page of one corpus, one capture kind, one extractor."""

    corpus: str
    root: str
    kind: str
    extractor: str
    id: str
    gold: dict[str, Any]
    url: str | None  # what the extractor is given
    want_detail: bool


def capture_path(root: str | Path, kind: str, page_id: str) -> Path:
    return Path(root, kind, f"{page_id}.{'html' if kind == 'html' else 'txt'}.gz")


def run_page(task: Task) -> PageResult:
    kind, extractor, pid, gold = task.kind, task.extractor, task.id, task.gold
    data = gzip.decompress(capture_path(task.root, kind, pid).read_bytes())
    if extractor == "cleaner":
        _get_cleaner()  # construction is not part of the per-page time
    t0 = time.perf_counter()
    error = None
    try:
        body, title, authors, date = EXTRACTORS[extractor](data, task.url)
    except Exception as e:  # noqa: BLE001 -- any crash is a scored failure, not a stop
        body, title, authors, date, error = "", None, None, None, f"{type(e).__name__}: {e}"
    seconds = time.perf_counter() - t0
    if error is None and not normalize(body or ""):
        error = "empty body"
    wcxb = task.corpus == "wcxb"
    counts = score_page(body, gold, ignore_case=wcxb)
    # after a crash all are None: all miss
    meta = wcxb_meta_matches(title, authors, date, gold) if wcxb else meta_matches(title, authors, date, gold)
    scores = word_prf(body, gold["main_content"]) if wcxb else None
    detail = None
    if task.want_detail:
        got = {"title": title, "date": date, "author": authors if isinstance(authors, str) else list(authors or [])}
        detail = {
            "id": pid,
            "url": gold["url"],
            "kind": kind,
            "extractor": extractor,
            "error": error,
            "seconds": round(seconds, 3),
            **({"url_given": task.url, "page_type": gold["page_type"], "word_prf": scores} if wcxb else {}),
            "missed_with": counts.missed,
            "leaked_without": counts.leaked,
            "metadata": {k: {"got": got[k], "gold": gold.get(k), "match": meta.get(k)} for k in META_FIELDS},
            "body": body,
        }
    return PageResult(pid, counts, meta, seconds, error, detail, scores, gold.get("page_type") if wcxb else None)


@dataclass
class RowStats:
    kind: str
    extractor: str
    corpus: str = "devset"
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
    #: WCXB: (page type, word (P, R, F1)) of every page, and the word F1 by page id.
    word_scores: list[tuple[str, tuple[float, float, float]]] = field(default_factory=list)
    page_f1: dict[str, float] = field(default_factory=dict)

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
        if r.words is not None:
            self.word_scores.append((r.page_type or "", r.words))
            self.page_f1[r.id] = r.words[2]

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
        if self.corpus != "devset":
            out["corpus"] = self.corpus
            out.update(mean_word_scores(self.word_scores))
            out["segP"], out["segR"], out["segF1"] = prf(self.tp, self.fp, self.fn)
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


def default_shared() -> Path:
    """`../shared` beside the repository, or beside the folder of worktrees it sits in; relative
    to the current directory when it can be, so that outputs name no machine's paths."""
    found = next((b / "shared" for b in (REPO.parent, REPO.parent.parent) if (b / "shared").is_dir()), None)
    shared = found or REPO.parent / "shared"
    try:
        return Path(os.path.relpath(shared))
    except ValueError:  # another drive (Windows)
        return shared


def plan_rows(corpus: str, kinds: Sequence[str], args: argparse.Namespace) -> list[tuple[str, str]]:
    """(kind, extractor) rows of one corpus, in its kinds' order, cleaner first."""
    kinds = [k for k in CORPUS_KINDS[corpus] if k in kinds]
    rows = [(k, "cleaner") for k in kinds if not args.no_cleaner]
    rows += [(k, "identity") for k in kinds if args.reference_rows and k != "html"]
    rows += [("html", "trafilatura")] if "html" in kinds and not args.no_baseline else []
    rows.sort(key=lambda r: (CORPUS_KINDS[corpus].index(r[0]), list(EXTRACTORS).index(r[1])))
    return rows


def load_gold(ap: argparse.ArgumentParser, root: Path, corpus: str) -> dict[str, Any]:
    path = root / "gold.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        ap.error(f"{path}: no such file; pass the {corpus} directory" + (" (--wcxb DIR)" if corpus == "wcxb" else ""))
    except (OSError, ValueError) as e:
        ap.error(f"{path}: cannot read the {corpus} gold: {e}")


def report_devset(
    root: Path, split: str, ids: Sequence[str], figures: list[dict[str, Any]], seconds: float, jobs: int
) -> list[tuple[str, str, float, float, str]]:
    """Print the devset's table and targets (the format the README quotes); return the targets."""
    print(f"devset {root}  split {split}  {len(ids)} pages  ({seconds:.0f} s, -j {jobs})")
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
    print_failures(figures)
    targets = check_targets(figures)
    if targets:
        print("targets:")
    for label, metric, value, goal, note in targets:
        mark = "met" if value >= goal else "MISSED"
        print(f"  {label:<24}{metric:<8}{value:.3f} >= {goal:.3f}  {mark}" + (f"  ({note})" if note else ""))
    return targets


def print_failures(figures: list[dict[str, Any]]) -> None:
    for f in figures:
        if f["failures"]:
            kinds_of = Counter(e.split(":")[0] for e in f["errors"].values())
            print(f"  {f['label']} failures: {dict(kinds_of)}  e.g. {sorted(f['errors'])[:3]}")
        print(f"  {f['label']} slowest page: {f['slowest_id']} ({f['max_seconds']:.2f} s)")


def report_wcxb(
    root: Path,
    split: str,
    ids: Sequence[str],
    figures: list[dict[str, Any]],
    versus: dict[str, int] | None,
    urls: bool,
    seconds: float,
    jobs: int,
) -> None:
    """Print WCXB's table (sealed-score's figures), the harm/help counts and word F1 per page type."""
    print(f"wcxb {root}  split {split}  {len(ids)} pages  ({seconds:.0f} s, -j {jobs})")
    if urls:
        print("  the gold URL given to the extractors (--with-urls; sealed-score gives none)")
    else:
        print("  no URL given to the extractors, as sealed-score (--with-urls gives the gold URL)")
    metrics = ("wF1", "wF1_article", "wP", "wR", "segP", "segR", "segF1", *META_FIELDS)
    names = ("wF1", "art.", "wP", "wR", "segP", "segR", "segF1", "title", "author", "date")
    width = max([30, *(len(f["label"]) + 2 for f in figures)])
    print(
        f"{'kind / extractor':<{width}}{'pages':>6}"
        + "".join(f"{h:>7}" for h in names)
        + f"{INVENTED:>9}{'failures':>9}{'max s/page':>11}{'>2s':>5}"
    )
    for f in figures:
        print(
            f"{f['label']:<{width}}{f['pages']:>6}"
            + "".join(f"{f[k]:>7.3f}" for k in metrics)
            + f"{f[INVENTED]:>9.3f}{f['failures']:>9}{f['max_seconds']:>11.2f}{f['pages_over_2s']:>5}"
        )
    print_failures(figures)
    if versus:
        print(
            f"  html: pages where the cleaner's word F1 is > {HARM_GAP} below trafilatura alone's: {versus['below']}; "
            f"> {BAD_HARM_GAP} below: {versus['far_below']}; > {HELP_GAP} above: {versus['above']}"
        )
    if not figures:
        return
    types = list(figures[0]["types"])
    columns = [f"{f['kind']}/{f['extractor']}" for f in figures]
    print("word F1 per page type (mean over its pages):")
    print(f"  {'page type':<16}{'pages':>6}" + "".join(f"{c:>{len(c) + 3}}" for c in columns))
    fewer = False
    for t in types:
        n = figures[0]["types"][t]["pages"]
        cells = []
        for f, c in zip(figures, columns, strict=True):
            got = f["types"].get(t, {"pages": 0, "wF1": 0.0})
            mark = "*" if got["pages"] != n else " "
            fewer |= mark == "*"
            cells.append(f"{got['wF1']:>{len(c) + 2}.3f}{mark}")
        print((f"  {t:<16}{n:>6}" + "".join(cells)).rstrip())
    if fewer:
        print("  * over other pages than the first column's (a capture of that kind is missing)")


def main(argv: list[str] | None = None) -> int:
    shared = default_shared()
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n")[0] + " Scoring: see the docstring of benchmarks/accuracy.py.",
    )
    ap.add_argument(
        "devset", nargs="?", type=Path, default=shared / "devset", help="the devset directory (default: %(default)s)"
    )
    ap.add_argument("--wcxb", type=Path, default=shared / "wcxb", help="the WCXB directory (default: %(default)s)")
    ap.add_argument(
        "--corpus", choices=("devset", "wcxb", "both"), default="both", help="what to score (default: both)"
    )
    ap.add_argument(
        "--kinds",
        help="comma-separated capture kinds (default: all; devset: text,text_nowrap,html; "
        "wcxb: html,text,text_innertext); a kind a corpus lacks is skipped for that corpus",
    )
    ap.add_argument("--limit", type=int, help="only the first N ids of each corpus (sorted, after filters)")
    ap.add_argument(
        "--split", choices=("all", "train", "validation"), default="all", help="validation: sha256(id) %% 5 == 0"
    )
    ap.add_argument("--ids-file", type=Path, help="restrict to these ids (one per line)")
    ap.add_argument(
        "--with-urls",
        action="store_true",
        help="give the extractors WCXB's gold URLs (default: none, as sealed-score; the devset always gets its URL)",
    )
    ap.add_argument("--no-baseline", action="store_true", help="skip html / trafilatura")
    ap.add_argument("--no-cleaner", action="store_true", help="skip the cleaner rows")
    ap.add_argument("--reference-rows", action="store_true", help="add '<text kind> / whole text unchanged' rows")
    ap.add_argument("--json", type=Path, help="write all figures here")
    ap.add_argument(
        "--dump",
        type=Path,
        help="write per-page details to DIR/<kind>.<extractor>/ (WCXB: DIR/wcxb/<kind>.<extractor>/)",
    )
    ap.add_argument("-j", "--jobs", type=int, default=1, help="worker processes")
    args = ap.parse_args(argv)

    corpora = ["devset", "wcxb"] if args.corpus == "both" else [args.corpus]
    kinds = list(dict.fromkeys(k for k in (args.kinds or "").split(",") if k)) or [
        k for c in corpora for k in CORPUS_KINDS[c]
    ]
    if bad := set(kinds) - {k for c in corpora for k in CORPUS_KINDS[c]}:
        known = "; ".join(f"{c}: {','.join(CORPUS_KINDS[c])}" for c in corpora)
        ap.error(f"no capture kind {','.join(sorted(bad))} in the corpora scored ({known})")
    roots = {"devset": args.devset, "wcxb": args.wcxb}
    rows = {c: plan_rows(c, kinds, args) for c in corpora}
    if any(e == "cleaner" for c in corpora for _, e in rows[c]):
        sys.path.insert(0, str(REPO))  # score the working tree, not some installed copy
        import cleaner  # noqa: F401 -- fail loudly up front, before any worker starts

    ids: dict[str, list[str]] = {}
    tasks: list[Task] = []
    for c in corpora:
        gold = load_gold(ap, roots[c], c)
        ids[c] = select_ids(gold, args.split, args.ids_file, args.limit)
        for k, e in rows[c]:
            if not (roots[c] / k).is_dir():
                ap.error(f"{roots[c] / k}: no such directory (the {c} has no {k} captures here)")
            for i in ids[c]:
                if c == "wcxb" and not capture_path(roots[c], k, i).is_file():
                    continue  # a page the renderer could not capture: left out of that row, as sealed-score does
                url = gold[i]["url"] if c == "devset" or args.with_urls else None
                tasks.append(Task(c, str(roots[c]), k, e, i, gold[i], url, args.dump is not None))
    stats = {(c, k, e): RowStats(k, e, c) for c in corpora for k, e in rows[c]}
    remaining = Counter(t.corpus for t in tasks)
    output: dict[str, Any] = {"split": args.split}

    def report(corpus: str, seconds: float) -> None:
        figures = [s.figures() for (c, _, _), s in stats.items() if c == corpus]
        if corpus == "devset":
            targets = report_devset(args.devset, args.split, ids[corpus], figures, seconds, args.jobs)
            output.update(
                devset=str(args.devset),
                pages=len(ids[corpus]),
                rows=figures,
                targets=[
                    dict(zip(("row", "metric", "value", "target", "note"), t, strict=True), met=t[2] >= t[3])
                    for t in targets
                ],
            )
            return
        cleaner_row, base_row = stats.get((corpus, "html", "cleaner")), stats.get((corpus, "html", "trafilatura"))
        versus = harm_and_help(cleaner_row.page_f1, base_row.page_f1) if cleaner_row and base_row else None
        report_wcxb(args.wcxb, args.split, ids[corpus], figures, versus, args.with_urls, seconds, args.jobs)
        output["wcxb"] = {
            "dir": str(args.wcxb),
            "pages": len(ids[corpus]),
            "urls_given": args.with_urls,
            "rows": figures,
            "html_vs_trafilatura": versus,
        }

    pending = list(corpora)
    t0 = last = time.perf_counter()

    def report_finished() -> None:
        nonlocal last
        while pending and not remaining[pending[0]]:
            if pending[0] != corpora[0]:
                print()
            now = time.perf_counter()
            report(pending.pop(0), now - last)
            last = now
            sys.stdout.flush()

    # -j 1 stays in-process so crashes in the scorer show plain tracebacks and profiling works.
    with Pool(args.jobs) if args.jobs > 1 else nullcontext() as pool:
        report_finished()
        results = pool.imap(run_page, tasks, chunksize=4) if pool else map(run_page, tasks)
        for task, res in zip(tasks, results, strict=True):
            stats[(task.corpus, task.kind, task.extractor)].add(res)
            if args.dump and res.detail:
                d = args.dump / ("wcxb" if task.corpus == "wcxb" else "") / f"{task.kind}.{task.extractor}"
                d.mkdir(parents=True, exist_ok=True)
                (d / f"{res.id}.json").write_text(
                    json.dumps(res.detail, ensure_ascii=False, indent=1), encoding="utf-8"
                )
            remaining[task.corpus] -= 1
            report_finished()
    total = time.perf_counter() - t0
    if len(corpora) > 1:
        print(f"\nwhole run: {total:.0f} s wall, -j {args.jobs}")
    output["seconds"] = round(total, 1)
    if args.json:
        args.json.write_text(json.dumps(output, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
