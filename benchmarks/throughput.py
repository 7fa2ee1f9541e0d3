"""Throughput and memory of `cleaner` on the devset, against the targets of issue 6.

Usage: python benchmarks/throughput.py [DEVSET_DIR] [--limit N] [--rounds R] [--cli-rounds R] [--skip-cli]

Each measurement runs in a fresh subprocess, so its peak RSS (ru_maxrss from wait4) is its
own. Times are taken over whole passes after one warm-up capture, both wall-clock and the
process's CPU time; captures are decompressed before timing (the cleaner also accepts the
.gz bytes). Compare the ratios, not the absolute figures: they move with the machine's load.
The HTML ratio is taken on CPU time (docs per CPU second, one core): on a loaded machine the
wall-clock ratio moves with whatever else runs during each half, the CPU ratio much less.

- reference: splitting each plain-text capture into lines plus one regex pass over it,
  the floor any text pipeline pays;
- cleaner on plain text (text/ and text_nowrap/), one core;
- cleaner on HTML against trafilatura's own `bare_extraction(data, url=url)` (default
  settings), one core, interleaved rounds;
- the CLI with -j 1 and -j 2 over the HTML captures (outputs to a directory), in
  alternating rounds; the speed-up is the best -j 1 time over the best -j 2 time, as timeit
  takes the best of its repeats: other processes on the machine only ever add time, and a
  burst of load during one run must not decide the ratio (every run is printed);
- the CLI's peak RSS over N and 10N captures (the text captures, copied 10 times).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from cleaner import settings  # noqa: E402

DEFAULT_DEVSET = REPO.parent / "shared" / "devset"

# Targets (issue 6); kept here, next to the measurement that checks them.
TEXT_DOCS_PER_SECOND = 1000.0
HTML_RATIO_TO_TRAFILATURA = 1.0
HTML_RATIO_AIM = 2.0
TWO_JOBS_SPEEDUP = 1.8
MEMORY_GROWTH_10X = 1.2


def load(devset: Path, kinds: tuple[str, ...], limit: int | None) -> list[tuple[str, bytes]]:
    gold = json.loads((devset / "gold.json").read_text(encoding="utf-8"))
    captures = []
    for kind in kinds:
        for path in sorted((devset / kind).glob("*.gz"))[:limit]:
            captures.append((gold.get(path.name.split(".")[0], {}).get("url"), gzip.decompress(path.read_bytes())))
    return captures


# --- measurements, each run in its own process ---------------------------------------------


def measure(name: str, devset: Path, limit: int | None, half: int | None) -> dict[str, float]:
    if name == "reference-text":
        import regex

        captures = load(devset, ("text", "text_nowrap"), limit)
        pattern = regex.compile(r"^\s*(?:Share|Read more|Subscribe|Advertisement)\b.*$", regex.I)

        def work(url: str | None, data: bytes) -> None:
            for line in data.decode("utf-8", "replace").split("\n"):
                pattern.search(line)

    elif name == "cleaner-text":
        from cleaner import Cleaner

        captures = load(devset, ("text", "text_nowrap"), limit)
        cleaner = Cleaner()

        def work(url: str | None, data: bytes) -> None:
            # a capture with no article counts as done: the time was spent
            with contextlib.suppress(ValueError):
                cleaner.clean(data)

    elif name == "cleaner-html":
        from cleaner import Cleaner

        captures = load(devset, ("html",), limit)
        cleaner = Cleaner()

        def work(url: str | None, data: bytes) -> None:
            with contextlib.suppress(ValueError):
                cleaner.clean(data, url=url)

    elif name == "trafilatura-html":
        import trafilatura

        captures = load(devset, ("html",), limit)

        def work(url: str | None, data: bytes) -> None:
            trafilatura.bare_extraction(data, url=url)

    else:
        raise SystemExit(f"unknown measurement {name}")
    if half is not None:  # interleaved rounds: each process does one half of the captures
        captures = captures[half::2]
    work(*captures[0])  # warm-up: imports, lazily compiled patterns
    start, cpu_start = time.perf_counter(), time.process_time()
    for url, data in captures:
        work(url, data)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    return {"docs": len(captures), "bytes": sum(len(data) for _, data in captures), "seconds": seconds, "cpu": cpu}


def spawn(args: list[str]) -> tuple[dict[str, float], float, float]:
    """Run `args`, return ({"cpu": CPU seconds}, wall seconds, peak RSS in MB), counting its reaped children."""
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            os.execv(args[0], args)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)  # the rusage of this child (and its reaped children) alone
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):  # 1: some captures failed, as expected
        raise RuntimeError(f"{args} exited with {os.waitstatus_to_exitcode(status)}")
    return {"cpu": usage.ru_utime + usage.ru_stime}, seconds, usage.ru_maxrss / 1024


def measured(name: str, devset: Path, limit: int | None, half: int | None = None) -> tuple[dict[str, float], float]:
    """Run one measurement in a fresh process; its result and peak RSS (MB)."""
    with tempfile.NamedTemporaryFile("r", suffix=".json") as result:
        args = [sys.executable, __file__, str(devset), "--measure", name, "--result", result.name]
        if limit:
            args += ["--limit", str(limit)]
        if half is not None:
            args += ["--half", str(half)]
        _, _, rss = spawn(args)
        text = Path(result.name).read_text()
        if not text:
            raise RuntimeError(f"measurement {name} failed: run {' '.join(args)} to see why")
        return json.loads(text), rss


def combine(parts: list[dict[str, float]]) -> dict[str, float]:
    return {key: sum(part[key] for part in parts) for key in ("docs", "bytes", "seconds", "cpu")}


def rate(result: dict[str, float], clock: str = "seconds") -> tuple[float, float]:
    """Docs and MB per second of `clock`: wall-clock ("seconds") or CPU ("cpu") time."""
    return result["docs"] / result[clock], result["bytes"] / result[clock] / 1e6


def verdict(ok: bool) -> str:
    return "MET" if ok else "NOT MET"


def cli(args: list[str]) -> tuple[float, float, float]:
    """Wall seconds, peak RSS (MB) and CPU seconds of one CLI run."""
    usage, seconds, rss = spawn([sys.executable, "-m", "cleaner.cli", *args, "-q"])
    return seconds, rss, usage["cpu"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("devset", nargs="?", type=Path, default=DEFAULT_DEVSET)
    parser.add_argument("--limit", type=int, help="captures per kind (default: all)")
    parser.add_argument("--rounds", type=int, default=1, help="interleaved cleaner/trafilatura rounds over the HTML")
    parser.add_argument("--cli-rounds", type=int, default=2, help="alternating -j 1 / -j 2 CLI runs (best of each)")
    parser.add_argument("--skip-cli", action="store_true", help="skip the -j and memory runs of the CLI")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    parser.add_argument("--half", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        Path(args.result).write_text(json.dumps(measure(args.measure, args.devset, args.limit, args.half)))
        return 0

    if not (args.devset / "gold.json").is_file():
        parser.error(f"{args.devset}: not a devset (no gold.json); pass its path")
    # Children (measurements, the CLI) import the cleaner of this checkout, not another one installed.
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    print(
        f"devset {args.devset} (limit {args.limit or 'none'}), cores {len(os.sched_getaffinity(0))}, load average "
        f"{os.getloadavg()[0]:.1f}"
    )
    ref, ref_rss = measured("reference-text", args.devset, args.limit)
    text, text_rss = measured("cleaner-text", args.devset, args.limit)
    cleaner_parts, traf_parts, cleaner_rss, traf_rss = [], [], 0.0, 0.0
    for _ in range(args.rounds):
        for half in (0, 1):  # interleave, so a burst of load hits both alike
            result, rss = measured("cleaner-html", args.devset, args.limit, half)
            cleaner_parts.append(result)
            cleaner_rss = max(cleaner_rss, rss)
            result, rss = measured("trafilatura-html", args.devset, args.limit, half)
            traf_parts.append(result)
            traf_rss = max(traf_rss, rss)
    html, traf = combine(cleaner_parts), combine(traf_parts)

    rows = [
        ("reference: lines + 1 regex (text)", ref, ref_rss),
        ("cleaner, plain text, 1 core", text, text_rss),
        ("cleaner, HTML, 1 core", html, cleaner_rss),
        ("trafilatura bare_extraction, HTML", traf, traf_rss),
    ]
    print(f"\n{'':38s} {'docs':>6s} {'docs/s':>9s} {'MB/s':>7s} {'peak RSS':>9s} {'docs/CPU s':>11s}")
    for label, result, rss in rows:
        docs_per_second, mb_per_second = rate(result)
        print(
            f"{label:38s} {result['docs']:6.0f} {docs_per_second:9.1f} {mb_per_second:7.2f} {rss:7.0f} MB "
            f"{rate(result, 'cpu')[0]:11.1f}"
        )

    text_rate = rate(text)[0]
    html_ratio = rate(html, "cpu")[0] / rate(traf, "cpu")[0]
    wall_ratio = rate(html)[0] / rate(traf)[0]
    print("\nratios and targets")
    print(
        f"  plain text: {text_rate:.0f} docs/s = {text_rate / rate(ref)[0]:.3f}x the reference; target >= "
        f"{TEXT_DOCS_PER_SECOND:.0f} docs/s: {verdict(text_rate >= TEXT_DOCS_PER_SECOND)}"
    )
    print(
        f"  HTML: {html_ratio:.2f}x trafilatura's docs per CPU second (wall clock: {wall_ratio:.2f}x);"
        f" target >= {HTML_RATIO_TO_TRAFILATURA:.1f}x: {verdict(html_ratio >= HTML_RATIO_TO_TRAFILATURA)}"
        f" (aim {HTML_RATIO_AIM:.0f}x: {verdict(html_ratio >= HTML_RATIO_AIM)})"
    )
    print(f"  peak RSS, cleaner / trafilatura on HTML: {cleaner_rss / traf_rss:.2f}x")

    if args.skip_cli:
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        html_dir = args.devset / "html"
        if args.limit:
            html_dir = work / "html"
            html_dir.mkdir()
            for path in sorted((args.devset / "html").glob("*.gz"))[: args.limit]:
                shutil.copy(path, html_dir)
        load_before = os.getloadavg()[0]
        runs: dict[str, list[tuple[float, float]]] = {"1": [], "2": []}  # (wall, CPU) seconds
        for round_number in range(max(1, args.cli_rounds)):
            for jobs in ("1", "2"):
                output = work / f"j{jobs}-{round_number}"  # a fresh directory: nothing to skip
                wall, _, cpu = cli([str(html_dir), str(output), "-j", jobs])
                runs[jobs].append((wall, cpu))
                shutil.rmtree(output)
        (one, cpu_one), (two, cpu_two) = min(runs["1"]), min(runs["2"])
        speedup = one / two
        print(
            f"  clean -j 2 on HTML: {speedup:.2f}x the -j 1 rate (best of {len(runs['1'])} runs each);"
            f" target >= {TWO_JOBS_SPEEDUP}x: {verdict(speedup >= TWO_JOBS_SPEEDUP)}"
        )
        print(
            "    wall seconds, -j 1: "
            + ", ".join(f"{wall:.1f}" for wall, _ in runs["1"])
            + "; -j 2: "
            + ", ".join(f"{wall:.1f}" for wall, _ in runs["2"])
        )
        print(
            f"    CPU time -j 2 / -j 1: {cpu_two / cpu_one:.2f}x (pool overhead); CPU used by -j 2: "
            f"{cpu_two / two:.2f} of 2 cores;"
            f" load average {load_before:.1f} -> {os.getloadavg()[0]:.1f} (other processes take cores too)"
        )

        small, large = work / "n", work / "n10"
        texts = sorted((args.devset / "text").glob("*.gz"))[: args.limit]
        for copy in range(10):
            for path in texts:
                target = large / f"copy{copy}" / path.name
                target.parent.mkdir(parents=True, exist_ok=True)
                os.link(path, target) if copy else shutil.copy(path, target)
                if copy == 0:
                    (small / path.name).parent.mkdir(parents=True, exist_ok=True)
                    os.link(target, small / path.name)
        _, rss_n, _ = cli([str(small), str(work / "out-n"), "-j", "2"])
        _, rss_10n, _ = cli([str(large), str(work / "out-n10"), "-j", "2"])
        growth = rss_10n / rss_n
        print(
            f"  peak RSS of clean -j 2 over {len(texts)} vs {10 * len(texts)} captures: {rss_n:.0f} MB -> "
            f"{rss_10n:.0f} MB"
            f" = {growth:.2f}x; target <= {MEMORY_GROWTH_10X}x: {verdict(growth <= MEMORY_GROWTH_10X)}"
            f" (pool: {settings.POOL_BATCH_SIZE} captures a batch, {settings.POOL_BATCHES_IN_FLIGHT_PER_WORKER} "
            "batches a worker in flight)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
