"""The package's imports run one way, down the layers of the README's "How it works" table.

A module that reaches up a layer, an import cycle, an import hidden in a function body or a
reach into another module's private names ties the stages together so that none can be read,
tested or replaced on its own. These tests read every module's source (nothing is imported)
and name each offending import by file and line.
"""

import ast
from pathlib import Path

import cleaner

PACKAGE_DIR = Path(cleaner.__file__).parent

#: Lowest first: a module may import from its own layer or a lower one. Each entry is a module
#: or a package (which then holds all its submodules).
LAYERS = [
    ["cleaner.settings", "cleaner.article", "cleaner.tree", "cleaner.textutil"],
    ["cleaner.capture", "cleaner.blocks"],
    ["cleaner.meta"],
    ["cleaner.rules"],
    ["cleaner.text"],
    ["cleaner.html"],
    ["cleaner.api"],
    ["cleaner.fixtures", "cleaner.writers"],
    ["cleaner.batch"],
    ["cleaner.cli"],
]

#: The root package only names the public API, each name imported on first use (PEP 562):
#: it belongs to no layer, and `from cleaner import X` depends on the module that defines X.
ROOT = "cleaner"

#: Third-party packages imported where they are used: a run that never meets a WARC file or a
#: Dask cluster neither needs them installed nor pays for loading them.
OPTIONAL_PACKAGES = {"dask", "distributed", "warcio"}


def package_modules(package_dir: Path = PACKAGE_DIR) -> dict[str, ast.Module]:
    """Every module of the package by dotted name, parsed."""
    modules = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = path.relative_to(package_dir.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return modules


def lazy_names(root: ast.Module) -> dict[str, str]:
    """The root package's `_PUBLIC` table: public name -> the module that defines it."""
    for node in root.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "_PUBLIC" for target in node.targets
        ):
            return ast.literal_eval(node.value)
    return {}


def is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


class Import:
    """One import statement's dependency: `target` is the module it needs."""

    def __init__(self, module: str, line: int, target: str, names: list[str], in_function: bool):
        self.module, self.line, self.target, self.names, self.in_function = module, line, target, names, in_function

    def __str__(self) -> str:
        return f"{self.module} line {self.line}: {self.target}"


def imports_of(module: str, tree: ast.Module, modules: dict[str, ast.Module], lazy: dict[str, str]) -> list[Import]:
    """Each module an import statement of `module` needs, whether at the top or in a function."""
    is_package = module == ROOT or any(name.startswith(module + ".") for name in modules)
    found = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import):
                for alias in child.names:
                    found.append(Import(module, child.lineno, alias.name, [], nested))
            elif isinstance(child, ast.ImportFrom):
                source = child.module or ""
                if child.level:  # relative: resolved against this module's package
                    base = module.split(".")
                    base = base[: len(base) - child.level + (1 if is_package else 0)]
                    source = ".".join([*base, source] if source else base)
                for alias in child.names:
                    submodule = f"{source}.{alias.name}"
                    if submodule in modules:
                        found.append(Import(module, child.lineno, submodule, [], nested))
                    elif source == ROOT and alias.name in lazy:
                        found.append(Import(module, child.lineno, lazy[alias.name], [alias.name], nested))
                    else:
                        found.append(Import(module, child.lineno, source, [alias.name], nested))
            visit(child, nested)

    visit(tree, False)
    return found


def layer_of(module: str) -> int | None:
    for index, layer in enumerate(LAYERS):
        if any(module == prefix or module.startswith(prefix + ".") for prefix in layer):
            return index
    return None


def layout_violations(modules: dict[str, ast.Module]) -> list[str]:
    """Every way the modules break the layout, one line each (an empty list when none)."""
    lazy = lazy_names(modules[ROOT]) if ROOT in modules else {}
    problems = []
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for module, tree in modules.items():
        if module != ROOT and layer_of(module) is None:
            problems.append(f"{module}: in no layer of LAYERS")
        for found in imports_of(module, tree, modules, lazy):
            package = found.target.split(".")[0]
            if found.in_function and package not in OPTIONAL_PACKAGES:
                problems.append(f"{found}: imported inside a function")
            if package != ROOT:
                continue
            private = [name for name in [*found.names, *found.target.split(".")] if is_private(name)]
            if private:
                problems.append(f"{found}: imports private {', '.join(private)}")
            if module == ROOT or found.target == ROOT:
                continue
            graph[module].add(found.target)
            own, theirs = layer_of(module), layer_of(found.target)
            if own is not None and theirs is not None and theirs > own:
                problems.append(f"{found}: reaches up from layer {own} to layer {theirs}")
        problems += private_attributes(module, tree, modules)
    problems += [" -> ".join(cycle) + ": import cycle" for cycle in cycles(graph)]
    return problems


def private_attributes(module: str, tree: ast.Module, modules: dict[str, ast.Module]) -> list[str]:
    """`other._name` where `other` is a name this module bound to another package module."""
    bound = {}  # local name -> the package module it stands for
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in modules:
                    bound[alias.asname or alias.name.split(".")[0]] = alias.asname and alias.name or ROOT
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                if f"{node.module}.{alias.name}" in modules:
                    bound[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and is_private(node.attr):
            path = []
            value = node.value
            while isinstance(value, ast.Attribute):
                path.insert(0, value.attr)
                value = value.value
            if isinstance(value, ast.Name) and value.id in bound:
                owner = ".".join([bound[value.id], *path])
                if owner in modules and owner != module:
                    problems.append(f"{module} line {node.lineno}: reads private {owner}.{node.attr}")
    return problems


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle through each strongly tied group of modules (depth-first search)."""
    found, done, on_path = [], set(), []

    def visit(module: str) -> None:
        on_path.append(module)
        for target in sorted(graph.get(module, ())):
            if target in on_path:
                found.append([*on_path[on_path.index(target) :], target])
            elif target not in done:
                visit(target)
        on_path.pop()
        done.add(module)

    for module in sorted(graph):
        if module not in done:
            visit(module)
    return found


def test_the_package_keeps_its_layout():
    modules = package_modules()
    assert {"cleaner.settings", "cleaner.cli.main", "cleaner.html.metadata.authors"} <= modules.keys()
    problems = layout_violations(modules)
    assert problems == [], "\n".join(problems)


def parsed(sources: dict[str, str]) -> dict[str, ast.Module]:
    return {name: ast.parse(source) for name, source in sources.items()}


def test_each_kind_of_violation_is_caught():
    modules = parsed(
        {
            "cleaner": "_PUBLIC = {'Cleaner': 'cleaner.api'}\n",
            "cleaner.settings": "LIMIT = 3\n",
            "cleaner.blocks": "from cleaner import settings\n_helper = 1\n",
            # reaches up to the HTML path, and through the root package to the library
            "cleaner.capture": "from cleaner.html import extract\nfrom cleaner import Cleaner\n",
            "cleaner.html": "",
            "cleaner.html.extract": "from cleaner.html import recovery\n",
            "cleaner.html.recovery": "import cleaner.html.extract\n",
            "cleaner.api": (
                "import warcio\n"
                "from cleaner import blocks\n"
                "from cleaner.blocks import _helper\n"
                "def run():\n"
                "    import json\n"
                "    import dask.bag\n"
                "    return blocks._helper\n"
            ),
            "cleaner.stray": "",
        }
    )
    assert sorted(layout_violations(modules)) == sorted(
        [
            "cleaner.capture line 1: cleaner.html.extract: reaches up from layer 1 to layer 5",
            "cleaner.capture line 2: cleaner.api: reaches up from layer 1 to layer 6",
            "cleaner.api line 3: cleaner.blocks: imports private _helper",
            "cleaner.api line 5: json: imported inside a function",
            "cleaner.api line 7: reads private cleaner.blocks._helper",
            "cleaner.html.extract -> cleaner.html.recovery -> cleaner.html.extract: import cycle",
            "cleaner.stray: in no layer of LAYERS",
        ]
    )


def test_type_checking_imports_and_relative_imports_are_read():
    modules = parsed(
        {
            "cleaner.settings": "",
            "cleaner.rules": "from .model import Rule\n",
            "cleaner.rules.model": (
                "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from cleaner.text import pipeline\n"
            ),
            "cleaner.text": "",
            "cleaner.text.pipeline": "from ..settings import LIMIT\nfrom . import _shared\n",
            "cleaner.text._shared": "",
        }
    )
    assert sorted(layout_violations(modules)) == [
        "cleaner.rules.model line 3: cleaner.text.pipeline: reaches up from layer 3 to layer 4",
        "cleaner.text.pipeline line 2: cleaner.text._shared: imports private _shared",
    ]
