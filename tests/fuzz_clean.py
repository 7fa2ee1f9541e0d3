"""Fuzz target for issue 7: the property checks of test_properties.py, many more examples.

Not collected by pytest (the name does not start with `test_`). Run from the repo root:

    FUZZ_EXAMPLES=100000 python tests/fuzz_clean.py

Each example runs all three checks (text, HTML, sniffed kind as str and bytes) on freshly
generated input. It prints a progress line every 1000 examples and the total at the end;
any failure (an unexpected error, an invented word, a body that cleaning changes again) is
shrunk by hypothesis and re-raised (exit status 1); examples run while hypothesis shrinks
a failure also count. atheris is not used: it
is not installable here, and hypothesis's generators reach the pipeline's structure far
more often than byte mutation would.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from hostile_strategies import any_html, any_text  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from test_properties import check_any, check_html, check_text  # noqa: E402

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "100000"))
count = 0
start = time.monotonic()


@settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def fuzz(data: st.DataObject) -> None:
    global count
    text = data.draw(any_text)
    markup = data.draw(any_html)
    check_text(text)
    check_html(markup)
    check_any(text)
    check_any(markup)
    count += 1
    if count % 1000 == 0:
        print(f"{count} examples, {time.monotonic() - start:.0f} s", flush=True)


if __name__ == "__main__":
    try:
        fuzz()
    finally:
        print(
            f"ran {count} examples ({count * 4} inputs through clean) in {time.monotonic() - start:.0f} s", flush=True
        )
