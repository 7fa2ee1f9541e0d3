"""One generic test runs every fixture folder (readability's test-pages harness)."""

import pytest
from conftest import FIXTURES

from cleaner.fixtures import check_fixture, find_fixture_dirs, load_fixture

FIXTURE_DIRS = find_fixture_dirs([FIXTURES])


def test_fixture_folders_exist():
    names = [d.name for d in FIXTURE_DIRS]
    assert sum(name.startswith("text-") for name in names) >= 5
    assert any(name.startswith("html-") for name in names)


@pytest.mark.parametrize("directory", FIXTURE_DIRS, ids=[d.name for d in FIXTURE_DIRS])
def test_fixture(directory, cleaner):
    result = check_fixture(load_fixture(directory), cleaner)
    assert not result.problems, f"{directory.name}:\n" + "\n".join(result.problems)
