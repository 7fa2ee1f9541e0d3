"""cleaner/settings.py holds every threshold once: a name bound twice silently overrides the
first value, and its comment then describes a number the code never uses."""

import ast
from collections import Counter
from pathlib import Path

import cleaner.settings


def test_every_setting_is_bound_once():
    tree = ast.parse(Path(cleaner.settings.__file__).read_text(encoding="utf-8"))
    names = Counter(
        target.id
        for node in tree.body
        if isinstance(node, (ast.Assign, ast.AnnAssign))
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Name)
    )
    assert len(names) > 50
    assert [name for name, count in names.items() if count > 1] == []
