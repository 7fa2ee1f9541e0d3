from pathlib import Path

import pytest

from cleaner import Cleaner

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"


@pytest.fixture(scope="session")
def cleaner() -> Cleaner:
    return Cleaner()
