"""`clean raw/ out/ --urls FILE`: each capture's page URL from a CSV or JSON-lines file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.batch.jobs import Job
from cleaner.batch.urls import UrlMapError, read_url_map, with_urls
from cleaner.cli import main

STORY = (
    "The harbour board approved a plan on Monday to dredge the eastern channel before the autumn storms arrive.\n\n"
    "Fishing crews have complained for two years that silt makes the channel too shallow at low tide.\n\n"
    "Sponsored: win a weekend for two at the lighthouse\n\n"
    "The work will take about five weeks and the channel will stay open to small boats at high tide."
)

# A site rule: only pages of example.org lose their sponsor lines.
SITE_RULE = """
[[rule]]
id = "example-org-sponsor-line"
description = "example.org's sponsor lines inside stories"
regex = '^Sponsored: '
sites = ["example.org"]
examples.match = ["Sponsored: win a prize"]
examples.no_match = ["Sponsors said the prize was won."]
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    write(tmp_path / "raw" / "news" / "harbour.txt", STORY)
    write(tmp_path / "raw" / "other.txt", STORY)
    write(tmp_path / "rules" / "site.toml", SITE_RULE)
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def record(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_csv_urls_reach_their_captures_and_scope_site_rules(batch: Path) -> None:
    urls = write(batch / "urls.csv", "path,url\nnews/harbour.txt,https://www.example.org/2023/03/06/dredging\n")
    result = run(
        str(batch / "raw"), str(batch / "out"), "--urls", str(urls), "--rules", str(batch / "rules"), "-j", "1"
    )
    assert result.exit_code == 0, result.stderr
    harbour, other = record(batch / "out" / "news" / "harbour.txt.json"), record(batch / "out" / "other.txt.json")
    assert harbour["url"] == "https://www.example.org/2023/03/06/dredging"
    assert "Sponsored" not in harbour["body"]  # the site rule applied: the URL named the site
    assert other["url"] is None and "Sponsored: win a weekend" in other["body"]


def test_json_lines_work_the_same(batch: Path) -> None:
    urls = write(
        batch / "urls.jsonl", json.dumps({"path": "./news/harbour.txt", "url": "https://example.org/a"}) + "\n"
    )
    result = run(str(batch / "raw"), str(batch / "out"), "--urls", str(urls), "-j", "1")
    assert result.exit_code == 0, result.stderr
    assert record(batch / "out" / "news" / "harbour.txt.json")["url"] == "https://example.org/a"


def test_a_changed_url_cleans_the_capture_again(batch: Path) -> None:
    urls = write(batch / "urls.csv", "path,url\nnews/harbour.txt,https://example.org/a\n")
    run(str(batch / "raw"), str(batch / "out"), "--urls", str(urls), "-j", "1")
    again = run(str(batch / "raw"), str(batch / "out"), "--urls", str(urls), "-j", "1")
    assert "cleaned 0, failed 0, skipped 2" in again.stderr
    write(urls, "path,url\nnews/harbour.txt,https://example.org/b\n")
    changed = run(str(batch / "raw"), str(batch / "out"), "--urls", str(urls), "-j", "1")
    assert "cleaned 1, failed 0, skipped 1" in changed.stderr
    assert record(batch / "out" / "news" / "harbour.txt.json")["url"] == "https://example.org/b"


def test_urls_naming_no_capture_are_reported_without_failing(batch: Path) -> None:
    urls = write(
        batch / "urls.csv", "url,path\nhttps://example.org/a,news/harbour.txt\nhttps://example.org/z,gone.txt\n"
    )
    result = run(str(batch / "raw"), str(batch / "out"), "--urls", str(urls), "-j", "1")
    assert result.exit_code == 0
    assert f"{urls}: warning: 1 of 2 URLs name no capture in {batch / 'raw'} (first: gone.txt)" in result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("file,address\na.txt,https://example.org/\n", "line 1: the CSV header must name a `path` and a `url` column"),
        ("path,url\na.txt\n", "line 2: expected 2 columns, found 1"),
        ("path,url\na.txt,example.org/story\n", "line 2: 'example.org/story' is not an absolute URL"),
        ("path,url\na.txt,https://a.org/1\na.txt,https://a.org/2\n", "line 3: a.txt already has another URL"),
        ('{"path": "a.txt"}\n', 'line 1: expected an object {"path": "...", "url": "..."}'),
        ('{"path": "a.txt", "url": "https://a.org/"}\n{oops\n', "line 2: not JSON"),
    ],
)
def test_a_malformed_url_file_is_a_usage_error_naming_file_and_line(batch: Path, content: str, message: str) -> None:
    urls = write(batch / "urls.txt", content)
    with pytest.raises(UrlMapError, match=f"^{urls}: "):
        read_url_map(urls)
    result = run(str(batch / "raw"), str(batch / "out"), "--urls", str(urls))
    assert result.exit_code == 2
    assert f"{urls}: {message}" in result.stderr
    assert not (batch / "out").exists()  # nothing half done


def test_urls_with_url_or_stdin_is_a_usage_error(batch: Path) -> None:
    urls = write(batch / "urls.csv", "path,url\nother.txt,https://example.org/a\n")
    both = run(str(batch / "raw"), str(batch / "out"), "--urls", str(urls), "--url", "https://example.org/")
    assert both.exit_code == 2 and "not both" in both.stderr
    stdin = CliRunner().invoke(main, ["-", "-", "--urls", str(urls)], input=STORY)
    assert stdin.exit_code == 2 and "standard input has none" in stdin.stderr


def test_a_job_keeps_its_own_url(tmp_path: Path) -> None:
    url_map = read_url_map(write(tmp_path / "urls.csv", "path,url\nrecord.html,https://example.org/from-file\n"))
    jobs = [Job(source="record.html", url="https://example.org/from-warc"), Job(source="record.html")]
    assert [job.url for job in with_urls(jobs, url_map)] == [
        "https://example.org/from-warc",
        "https://example.org/from-file",
    ]
