"""Issue 6: -j equivalence, resume after a killed run, WARC input, bounded memory, the Dask path,
and the rule prefilter giving exactly the rule verdicts of searching every unit."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from io import BytesIO
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, REPO
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from cleaner import meta
from cleaner.batch import distributed as distributed_runner
from cleaner.batch import runner
from cleaner.batch.jobs import STATE_DIRECTORY, ordered_bounded_map
from cleaner.blocks import split_units, units_from_paragraphs
from cleaner.cli import main
from cleaner.rules import RuleSet, compile_rule, load_rules
from cleaner.rules.apply import RuleVerdicts, _block_of, apply_text_rules

SEEDS = REPO.parent / "shared" / "seeds"
DEVSET = REPO.parent / "shared" / "devset"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def capture_sources() -> list[Path]:
    """Real captures: the fixtures' sources and the seeds (when the shared folder is there)."""
    sources = sorted(FIXTURES.glob("*/source.*"))
    if SEEDS.is_dir():
        sources += sorted(p for p in SEEDS.iterdir() if p.is_file() and p.suffix in {".txt", ".html"})
    return sources


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    for index, source in enumerate(capture_sources()):
        target = raw / f"d{index % 3}" / f"{index:03d}-{source.parent.name}{source.suffix}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
    (raw / "broken.txt").write_bytes(b"")  # a failure, so exit codes and order of failures count too
    return raw


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def make_warc(path: Path, records: list[tuple[str, str, bytes, str]], date: str = "2022-03-01T10:00:00Z") -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for url, content_type, body, status in records:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=BytesIO(body), http_headers=headers, warc_headers_dict={"WARC-Date": date}
            )
            writer.write_record(record)


def html_fixture() -> bytes:
    return (FIXTURES / "html-wire-story-recommended-carousel" / "source.html").read_bytes()


# --- -j ------------------------------------------------------------------------------------


def test_jobs_give_identical_outputs_names_and_failure_order(raw, tmp_path):
    results = {}
    for jobs in ("1", "2", "3"):
        out = tmp_path / f"out{jobs}"
        result = run(str(raw), str(out), "-j", jobs)
        assert result.exit_code == 1  # broken.txt
        results[jobs] = (tree(out), result.stderr)
    assert len(results["1"][0]) == 2 * len(capture_sources())  # an output and a state file each
    assert results["1"] == results["2"] == results["3"]


def test_default_jobs_is_the_number_of_cores(raw, tmp_path, monkeypatch):

    seen = {}
    original = runner.OutcomeStream.__init__

    def spy(self, jobs, rules, rule_dirs, builtin, workers):
        seen["workers"] = workers
        original(self, jobs, rules, rule_dirs, builtin, workers)

    monkeypatch.setattr(runner.OutcomeStream, "__init__", spy)
    run(str(raw), str(tmp_path / "out"))
    assert seen["workers"] == len(os.sched_getaffinity(0))


def test_jsonl_is_identical_across_jobs(raw, tmp_path):
    run(str(raw), str(tmp_path / "a.jsonl"), "--format", "jsonl", "-j", "1")
    run(str(raw), str(tmp_path / "b.jsonl"), "--format", "jsonl", "-j", "2")
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()


def test_pool_reads_its_input_only_as_fast_as_it_is_consumed():
    consumed = []

    def jobs():
        for number in range(10_000):
            consumed.append(number)
            yield number

    class Done:
        def __init__(self, value):
            self.value = value

        def get(self):
            return self.value

    results = ordered_bounded_map(lambda batch: Done(batch), jobs(), chunk=8, window=4)
    assert [next(results) for _ in range(3)] == [0, 1, 2]
    assert len(consumed) <= 8 * 5
    assert list(results) == list(range(3, 10_000))


# --- resume --------------------------------------------------------------------------------


def test_rerun_skips_up_to_date_outputs_and_redoes_changed_ones(raw, tmp_path):
    out = tmp_path / "out"
    first = run(str(raw), str(out), "-j", "1")
    cleaned = int(first.stderr.split("cleaned ")[1].split(",")[0])
    before = tree(out)

    again = run(str(raw), str(out), "-j", "2")
    assert f"cleaned 0, failed 1, skipped {cleaned}" in again.stderr
    assert tree(out) == before

    victim = sorted((raw / "d0").glob("*.txt"))[0]
    victim.write_bytes(victim.read_bytes() + b"\n\nOne more paragraph of the story, added after the first run.\n")
    changed = run(str(raw), str(out))
    assert f"cleaned 1, failed 1, skipped {cleaned - 1}" in changed.stderr

    forced = run(str(raw), str(out), "--force")
    assert f"cleaned {cleaned}, failed 1, skipped 0" in forced.stderr


def test_new_rules_make_outputs_stale(raw, tmp_path):
    out = tmp_path / "out"
    run(str(raw), str(out))
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "extra.toml").write_text(
        '[[rule]]\nid = "x-test"\ndescription = "test"\nregex = "^Zzz only$"\nexamples.match = ["Zzz only"]\n'
    )
    result = run(str(raw), str(out), "--rules", str(rules))
    assert "skipped 0" in result.stderr


def test_deleted_output_or_state_is_redone(raw, tmp_path):
    out = tmp_path / "out"
    run(str(raw), str(out))
    before = tree(out)
    outputs = sorted(p for p in out.rglob("*.json") if STATE_DIRECTORY not in p.parts)
    outputs[0].unlink()
    states = sorted((out / STATE_DIRECTORY).rglob("*.state"))
    states[-1].unlink()
    (outputs[1].parent / f".{outputs[1].name}.abcd1234.tmp").write_text("half a recor")  # a killed write
    result = run(str(raw), str(out))
    assert "cleaned 2," in result.stderr
    assert tree(out) == before


def test_killed_run_finishes_on_rerun_with_no_half_written_file(tmp_path):
    """kill -9 a real `clean -j 2` (parent and workers) mid-run, re-run, compare with a clean run."""
    raw = tmp_path / "raw"
    sources = capture_sources()
    for copy in range(300 // len(sources) + 1):
        for index, source in enumerate(sources):
            target = raw / f"c{copy:02d}" / f"{index:02d}{source.suffix}"
            target.parent.mkdir(parents=True, exist_ok=True)
            # a different capture each copy, so no two outputs are the same by chance
            target.write_bytes(source.read_bytes() + f"\n\nCopy {copy} of this capture.\n".encode())
    total = sum(1 for _ in raw.rglob("*.*"))
    killed, reference = tmp_path / "killed", tmp_path / "reference"
    command = [sys.executable, "-m", "cleaner.cli", str(raw), str(killed), "-j", "2", "-q"]
    process = subprocess.Popen(command, start_new_session=True, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if sum(1 for _ in (killed / STATE_DIRECTORY).rglob("*.state")) >= total // 4 if killed.exists() else False:
            break
        time.sleep(0.02)
    assert process.poll() is None, "the run finished before it could be killed; make it bigger"
    os.killpg(process.pid, signal.SIGKILL)  # the group of the process started above: parent and its workers
    process.wait()
    done_before = sum(1 for _ in (killed / STATE_DIRECTORY).rglob("*.state"))
    assert 0 < done_before < total

    rerun = subprocess.run(command[:-1], capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"skipped {done_before}" in rerun.stderr
    subprocess.run(
        [sys.executable, "-m", "cleaner.cli", str(raw), str(reference), "-j", "1", "-q"], check=True, timeout=300
    )
    assert tree(killed) == tree(reference)
    assert not [p for p in killed.rglob("*") if p.name.endswith(".tmp")]
    for path in killed.rglob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))  # every output is whole


# --- WARC ----------------------------------------------------------------------------------


@pytest.fixture
def warc(tmp_path: Path) -> Path:
    path = tmp_path / "in" / "crawl-001.warc.gz"
    path.parent.mkdir()
    make_warc(
        path,
        [
            ("https://example.com/news/putin-china", "text/html; charset=utf-8", html_fixture(), "200 OK"),
            ("https://example.com/logo.png", "image/png", b"\x89PNG\r\n\x1a\n....", "200 OK"),
            ("https://example.com/old", "text/html", b"<html><body>Moved</body></html>", "301 Moved Permanently"),
            ("https://example.com/../../../etc/passwd?a=/b", "text/html", html_fixture(), "200 OK"),
        ],
        date="2022-02-04T12:00:00Z",
    )
    return path


def test_warc_records_are_cleaned_with_url_and_capture_date(warc, tmp_path):
    out = tmp_path / "out"
    result = run(str(warc), str(out))
    assert result.exit_code == 0, result.output
    assert "cleaned 2, failed 0, skipped 0" in result.stderr
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json") if STATE_DIRECTORY not in p.parts)
    assert names == ["crawl-001/000000.json", "crawl-001/000003.json"]
    first = json.loads((out / "crawl-001" / "000000.json").read_text(encoding="utf-8"))
    assert first["source"] == "crawl-001.warc.gz#0"
    assert first["url"] == "https://example.com/news/putin-china"
    assert first["captured"] == "2022-02-04T12:00:00Z"
    assert first["kind"] == "html" and "Putin" in first["body"]
    assert first["date"] is None or first["date"][:10] <= "2022-02-04"
    assert all(out.resolve() in p.resolve().parents for p in out.rglob("*"))
    assert "skipped 2" in run(str(warc), str(out)).stderr


def test_warc_date_is_an_upper_bound_never_the_date(tmp_path):
    path = tmp_path / "old.warc.gz"
    make_warc(path, [("https://example.com/a", "text/html", html_fixture(), "200 OK")], date="2021-06-01T00:00:00Z")
    out = tmp_path / "out"
    run(str(path), str(out))
    record = json.loads((out / "old" / "000000.json").read_text(encoding="utf-8"))
    assert record["captured"] == "2021-06-01T00:00:00Z"
    assert record["date"] is None  # the page says 2022: impossible for a page fetched in 2021
    assert record["date"] != record["captured"][:10]


def test_warc_in_a_directory_and_jobs_equivalence(warc, raw, tmp_path):
    shutil.copy(warc, raw / "d0" / warc.name)
    one, two = tmp_path / "one", tmp_path / "two"
    run(str(raw), str(one), "-j", "1")
    run(str(raw), str(two), "-j", "2")
    assert tree(one) == tree(two)
    assert (one / "d0" / "crawl-001" / "000003.json").is_file()


def test_warc_to_jsonl_streams_records(warc, tmp_path):
    result = run(str(warc), "-", "--format", "jsonl")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["source"] for line in lines] == ["crawl-001.warc.gz#0", "crawl-001.warc.gz#3"]


# --- memory --------------------------------------------------------------------------------


def _peak_rss_kb(command: list[str]) -> int:
    """ru_maxrss of one child run (a fresh measuring process, so earlier children do not count)."""
    probe = (
        "import resource, subprocess, sys;"
        "subprocess.run(sys.argv[1:], check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    return int(
        subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True, check=True).stdout
    )


def test_memory_stays_flat_as_the_number_of_captures_grows(tmp_path):
    text = (FIXTURES / "text-donation-nav-byline-subheadings" / "source.txt").read_bytes()[:3000]
    peaks = {}
    for count in (200, 2000):
        raw = tmp_path / f"raw{count}"
        for index in range(count):
            path = raw / f"{index // 500:02d}" / f"{index:05d}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text + f"\n\nCapture number {index} of the folder.\n".encode())
        command = [
            sys.executable,
            "-m",
            "cleaner.cli",
            str(raw),
            str(tmp_path / f"out{count}.jsonl"),
            "--format",
            "jsonl",
            "-j",
            "1",
        ]
        peaks[count] = _peak_rss_kb(command)
    assert peaks[2000] <= 1.2 * peaks[200], peaks


def test_a_50_mb_capture_runs_in_bounded_memory(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    small = raw / "a-small.txt"
    small.write_bytes((FIXTURES / "text-donation-nav-byline-subheadings" / "source.txt").read_bytes())
    baseline = _peak_rss_kb([sys.executable, "-m", "cleaner.cli", str(raw), str(tmp_path / "o1"), "-j", "1"])
    line = b"A line of a very long dump that goes on and on, as the biggest captures do.\n"
    (raw / "b-huge.txt").write_bytes(line * (50 * 1024 * 1024 // len(line)))
    result = subprocess.run(
        [sys.executable, "-m", "cleaner.cli", str(raw), str(tmp_path / "o2"), "-j", "1"], capture_output=True, text=True
    )
    assert result.returncode in (0, 1)
    assert (tmp_path / "o2" / "a-small.txt.json").is_file()
    peak = _peak_rss_kb([sys.executable, "-m", "cleaner.cli", str(raw), str(tmp_path / "o3"), "-j", "1"])
    assert peak - baseline < 400 * 1024, (baseline, peak)  # KB: far less than the capture times the pipeline's copies


# --- the rule prefilter is exact ----------------------------------------------------------


def reference_apply_text_rules(units, rules):
    """The original loop: every rule searches every unit still unclaimed."""
    verdicts = RuleVerdicts()
    roles = verdicts.roles
    for rule in rules.text_rules:
        for position, unit in enumerate(units):
            if unit.index in roles:
                continue
            match = rule.search(unit.text)
            if match is None:
                continue
            if rule.action == "drop":
                roles[unit.index] = ("dropped", rule.id)
            elif rule.action == "drop-block":
                for member in _block_of(units, position):
                    roles.setdefault(member.index, ("dropped", rule.id))
            elif rule.action == "cut-to-end":
                for member in units[position:]:
                    roles.setdefault(member.index, ("dropped", rule.id))
                break
            elif rule.action == "byline":
                names = meta.split_names(match.groupdict().get("author") or match.group(0))
                if names and not verdicts.authors:
                    verdicts.authors = names
                roles[unit.index] = ("byline", rule.id)
            elif rule.action == "date":
                date = meta.parse_date(match.groupdict().get("date") or match.group(0))
                if date and verdicts.date is None:
                    verdicts.date = date
                roles[unit.index] = ("date", rule.id)
            for follower in units[position + 1 : position + 1 + rule.next]:
                roles.setdefault(follower.index, ("dropped", rule.id))
    return verdicts


def same_verdicts(units, rules) -> None:
    fast, slow = apply_text_rules(units, rules), reference_apply_text_rules(units, rules)
    assert (fast.roles, fast.authors, fast.date) == (slow.roles, slow.authors, slow.date)


def test_prefilter_gives_the_verdicts_of_searching_every_unit_on_real_captures():
    rules = load_rules()
    texts = [p.read_bytes().decode("utf-8", "replace") for p in capture_sources()]
    if DEVSET.is_dir():
        for kind in ("text", "text_nowrap"):
            texts += [
                gzip.decompress(p.read_bytes()).decode("utf-8", "replace")
                for p in sorted((DEVSET / kind).glob("*.gz"))[:60]
            ]
    for text in texts:
        same_verdicts(split_units(text), rules)


_TRICKY = [
    ("neg-lookahead", r"end(?!\s)", "drop"),
    ("neg-lookbehind", r"(?<!\S)start", "drop"),
    ("dollar", r"^\w+$", "drop"),
    ("anchored-alt", r"^Share$|^Tweet", "cut-to-end"),
    ("unanchored-alt", r"foo|^bar", "drop-block"),
    ("lookahead-len", r"^(?=.{0,12}$).*x", "drop"),
    ("empty", r"z*", "drop"),
    ("boundary", r"\bend\b", "drop"),
    ("dotall", r"a.*b", "drop"),
    ("byline", r"^By (?P<author>\w+ \w+)", "byline"),
]


@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lines=st.lists(st.text(alphabet="ab xzendstartShareTweetfoobarBy Jo Do-•1.\t", max_size=20), max_size=12),
    chosen=st.lists(st.sampled_from(range(len(_TRICKY))), min_size=1, max_size=5, unique=True),
    flags=st.sampled_from(["", "i", "s", "m", "is"]),
)
def test_prefilter_matches_reference_on_tricky_patterns(lines, chosen, flags):
    rules = RuleSet(
        tuple(
            compile_rule(
                {
                    "id": f"r-{_TRICKY[i][0]}",
                    "description": "t",
                    "regex": _TRICKY[i][1],
                    "action": _TRICKY[i][2],
                    "flags": flags,
                    "examples": {"match": ["x"]},
                },
                "test.toml",
            )
            for i in chosen
        )
    )
    same_verdicts(split_units("\n".join(lines)), rules)
    same_verdicts(units_from_paragraphs(lines), rules)


# --- Dask -----------------------------------------------------------------------------------


def test_dask_on_a_local_cluster_writes_what_the_cli_writes(raw, warc, tmp_path, monkeypatch):
    pytest.importorskip("dask.bag")
    distributed = pytest.importorskip("dask.distributed")
    from cleaner.batch.distributed import clean_with_dask

    # one file a task and two tasks on the cluster at a time: the window refills many times
    monkeypatch.setattr(distributed_runner, "FILES_PER_TASK", 1)
    monkeypatch.setattr(distributed_runner, "MAX_TASKS_IN_FLIGHT", 2)
    shutil.copy(warc, raw / "d1" / warc.name)
    cli_out, dask_out = tmp_path / "cli", tmp_path / "dask"
    run(str(raw), str(cli_out), "-j", "1")
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
    ):
        summary = clean_with_dask(raw, dask_out, client=client)
        assert summary.failed == 1 and summary.failures[0].startswith("broken.txt: ")
        assert summary.cleaned == sum(1 for p in cli_out.rglob("*.json") if STATE_DIRECTORY not in p.parts)
        assert tree(dask_out) == tree(cli_out)
        again = clean_with_dask(raw, dask_out, client=client)
        assert (again.cleaned, again.skipped) == (0, summary.cleaned)
        warc_only = clean_with_dask(warc, tmp_path / "dask-warc", client=client)
    run(str(warc), str(tmp_path / "cli-warc"))
    assert warc_only.cleaned == 2
    assert tree(tmp_path / "dask-warc") == tree(tmp_path / "cli-warc")


def test_dask_tasks_are_discovered_lazily(tmp_path, monkeypatch):
    """The first task is ready once FILES_PER_TASK files are listed: a directory of millions
    of captures is never listed whole on the client."""

    listed = []

    def endless_listing(root):
        for number in range(10**9):
            listed.append(number)
            yield root / f"capture-{number:09d}.txt"

    monkeypatch.setattr(distributed_runner, "discover", endless_listing)
    tasks = distributed_runner.iter_tasks(
        [tmp_path], "json", {"directory": str(tmp_path), "fingerprint": ("v", "r"), "force": False}
    )
    kind, jobs = next(tasks)
    assert kind == "files" and len(jobs) == distributed_runner.FILES_PER_TASK
    assert len(listed) == distributed_runner.FILES_PER_TASK
    assert jobs[0].source == "capture-000000000.txt"


def test_dask_without_a_client_runs_window_by_window(raw, tmp_path, monkeypatch):
    """Dask's default scheduler, fed a window of tasks at a time, writes what the CLI writes."""
    pytest.importorskip("dask.bag")

    monkeypatch.setattr(distributed_runner, "FILES_PER_TASK", 1)
    monkeypatch.setattr(distributed_runner, "MAX_TASKS_IN_FLIGHT", 2)
    cli_out, dask_out = tmp_path / "cli", tmp_path / "dask"
    run(str(raw), str(cli_out), "-j", "1")
    import dask

    with dask.config.set(scheduler="synchronous"):
        summary = distributed_runner.clean_with_dask(raw, dask_out)
    assert summary.failed == 1
    assert tree(dask_out) == tree(cli_out)
