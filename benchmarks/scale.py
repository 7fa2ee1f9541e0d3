"""Scale check of issue 6: a directory of 100,000 small captures in bounded memory.

Usage: python benchmarks/scale.py [DEVSET_DIR] [--captures N] [--jobs J] [--jsonl] [--keep DIR]

Builds N small plain-text captures (the head of each devset `text_nowrap` page, about 2 KB,
numbered so no two are the same) in 1,000-file folders, then runs the CLI as a user would:

1. `clean raw/ out/ -j J` over N/10 captures, then over all N (peak RSS must stay flat:
   10x the captures may raise it by at most 20%, the target of issue 6);
2. the same command again over the N captures, which must skip every one (resume);
3. with `--jsonl`, `clean raw/ out.jsonl --format jsonl -j J` over the N captures, streaming
   one file.

Peak RSS is the largest of the CLI process and its workers (ru_maxrss from wait4, which
counts reaped children). Quote the ratios, not the absolute times.
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import sys
import tempfile
import time
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCHMARKS))

from throughput import DEFAULT_DEVSET, MEMORY_GROWTH_10X, cli, verdict  # noqa: E402

#: Lines kept from the head of each devset page: a small capture of about 2 KB.
CAPTURE_LINES = 40
FILES_PER_FOLDER = 1000
#: The share of captures with an article may differ this much between the two runs.
SHARE_TOLERANCE = 0.05


def small_captures(devset: Path) -> list[str]:
    heads = []
    for path in sorted((devset / "text_nowrap").glob("*.txt.gz")):
        lines = gzip.decompress(path.read_bytes()).decode("utf-8", "replace").splitlines()
        heads.append("\n".join(lines[:CAPTURE_LINES]))
    if not heads:
        raise SystemExit(f"no text_nowrap captures under {devset}")
    return heads


def build(root: Path, heads: list[str], count: int) -> int:
    """Write `count` captures under `root`; return their total size in bytes."""
    size = 0
    for number in range(count):
        folder = root / f"{number // FILES_PER_FOLDER:04d}"
        if number % FILES_PER_FOLDER == 0:
            folder.mkdir(parents=True)
        text = f"{heads[number % len(heads)]}\n\nCapture {number}\n"
        size += (folder / f"{number:06d}.txt").write_text(text, encoding="utf-8")
    return size


def count_outputs(directory: Path) -> int:
    return sum(1 for path in directory.rglob("*.json") if not any(part.startswith(".") for part in path.parts))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("devset", nargs="?", type=Path, default=DEFAULT_DEVSET)
    parser.add_argument("--captures", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--jsonl", action="store_true", help="also stream all captures to one jsonl file")
    parser.add_argument("--keep", type=Path, help="build and keep the captures and outputs here")
    args = parser.parse_args()
    heads = small_captures(args.devset)
    work = args.keep or Path(tempfile.mkdtemp(prefix="cleaner-scale-"))
    tenth = max(1, args.captures // 10)
    jobs = ["-j", str(args.jobs)]
    try:
        started = time.monotonic()
        build(work / "raw-tenth", heads, tenth)
        size = build(work / "raw", heads, args.captures)
        print(f"built {tenth} + {args.captures} captures ({size / 2**20:.0f} MB) in {time.monotonic() - started:.0f} s")

        seconds_tenth, rss_tenth, _ = cli([str(work / "raw-tenth"), str(work / "out-tenth"), *jobs])
        seconds_all, rss_all, _ = cli([str(work / "raw"), str(work / "out"), *jobs])
        written = count_outputs(work / "out")
        written_tenth = count_outputs(work / "out-tenth")
        seconds_resume, rss_resume, _ = cli([str(work / "raw"), str(work / "out"), *jobs])
        runs = [
            ("raw/ -> out/ (a tenth)", tenth, seconds_tenth, rss_tenth),
            ("raw/ -> out/", args.captures, seconds_all, rss_all),
            ("raw/ -> out/ again (all up to date)", args.captures, seconds_resume, rss_resume),
        ]
        if args.jsonl:
            seconds_jsonl, rss_jsonl, _ = cli([str(work / "raw"), str(work / "out.jsonl"), "--format", "jsonl", *jobs])
            records = sum(1 for _ in (work / "out.jsonl").open(encoding="utf-8"))
            runs.append(("raw/ -> out.jsonl", args.captures, seconds_jsonl, rss_jsonl))

        print(f"\n{'clean -j ' + str(args.jobs):34s} {'captures':>9s} {'seconds':>8s} {'docs/s':>8s} {'peak RSS':>9s}")
        for label, count, seconds, rss in runs:
            print(f"{label:34s} {count:9d} {seconds:8.0f} {count / seconds:8.0f} {rss:6.0f} MB")
        growth = rss_all / rss_tenth
        print(
            f"\noutputs written {written_tenth} of {tenth} and {written} of {args.captures}"
            + (f", jsonl records {records}" if args.jsonl else "")
            + " (captures with no article are reported, not written)"
        )
        # about the same share of articles in both runs, or the larger run failed where the
        # smaller did not (the tenth repeats the devset's pages ~20 times, the whole ~200 times)
        same_work = abs(written / args.captures - written_tenth / tenth) <= SHARE_TOLERANCE
        print(
            f"peak RSS over {tenth} vs {args.captures} captures: "
            f"{rss_tenth:.0f} MB -> {rss_all:.0f} MB = {growth:.2f}x; "
            f"target <= {MEMORY_GROWTH_10X}x: {verdict(growth <= MEMORY_GROWTH_10X)}"
        )
        print(
            f"resume over {args.captures} up-to-date captures: "
            f"{seconds_resume / seconds_all:.2f}x the time of the first run"
        )
        if not same_work:
            print("the two runs did not clean the same share of captures: the measurement is not valid")
        return 0 if growth <= MEMORY_GROWTH_10X and same_work else 1
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
