"""`python -m cleaner.cli`: the `clean` command."""

from cleaner.cli.main import main

main()
