"""The `clean` command and its tools (`check`, `explain`, `fixture`, `learn`, `rules`)."""

from cleaner.cli.main import main

__all__ = ["main"]
