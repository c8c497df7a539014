"""The packages import one way: cli → digest/render/teamwork/reports → validation →
casework → policy → store → model/dates/errors (and the small shared readers).

Every `import` in src/ counts, including those inside functions (the CLI imports
the library lazily) and under TYPE_CHECKING. Packages of one layer may use each
other, but never both ways round.

Inside `validation/` the same holds one level down: the runner (run, cache, load,
guard, output) imports the rules; `validation/rules/` (the rules, the view they
read, the shape check and the waiver syntax) imports nothing else of `validation`.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

from conftest import REPO

SRC = REPO / "src" / "safecli"
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"errors"}),
    frozenset({"model", "dates", "raw", "workdays", "output", "__init__"}),
    frozenset({"shape"}),
    frozenset({"store"}),
    frozenset({"policy"}),
    frozenset({"casework"}),
    frozenset({"validation"}),
    frozenset({"digest", "render", "teamwork", "reports"}),
    frozenset({"cli", "__main__"}),
)
LAYER = {unit: index for index, layer in enumerate(LAYERS) for unit in layer}


def _unit(module: str) -> str:
    """`safecli.store.book` -> `store`; the package itself -> `__init__`."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _own_unit(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return parts[0] if parts[0] != "__init__" else "__init__"


def _imported(tree: ast.AST) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "safecli":
                for alias in node.names:
                    is_module = (SRC / alias.name).is_dir() or (SRC / f"{alias.name}.py").exists()
                    found.add(alias.name if is_module else "__init__")
            elif node.module.startswith("safecli."):
                found.add(_unit(node.module))
        elif isinstance(node, ast.Import):
            found |= {_unit(a.name) for a in node.names if a.name.startswith("safecli.")}
    return found


def import_graph() -> dict[str, set[str]]:
    """Which top-level package or module of safecli imports which."""
    graph: dict[str, set[str]] = defaultdict(set)
    for path in sorted(SRC.rglob("*.py")):
        unit = _own_unit(path)
        graph[unit] |= _imported(ast.parse(path.read_text(encoding="utf-8"))) - {unit}
    return graph


def test_every_package_has_a_layer() -> None:
    assert set(import_graph()) - set(LAYER) == set()


def test_imports_point_down_the_layers() -> None:
    upward = sorted(
        f"{unit} imports {other}"
        for unit, others in import_graph().items()
        for other in others
        if LAYER[other] > LAYER[unit]
    )
    assert upward == []


def test_no_two_packages_import_each_other() -> None:
    graph = import_graph()
    mutual = sorted(f"{a} <-> {b}" for a in graph for b in graph[a] if a < b and a in graph[b])
    assert mutual == []


def _validation_imports(path: Path) -> set[str]:
    """The modules of safecli.validation that one file imports (`from safecli.validation
    import waivers` counts as `safecli.validation.waivers`)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.startswith("safecli.validation"):
                found |= {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("safecli.validation")}
    return found


def rules_reaching_up(folder: Path) -> list[str]:
    """Imports from a file under `folder` (validation/rules) of validation outside it."""
    inside = "safecli.validation.rules."
    return sorted(
        f"{path.relative_to(folder)} imports {module}"
        for path in folder.rglob("*.py")
        for module in _validation_imports(path)
        if not module.startswith(inside)
    )


def test_the_rules_import_nothing_of_the_runner() -> None:
    assert rules_reaching_up(SRC / "validation" / "rules") == []


def test_the_runner_imports_the_rules() -> None:
    runner = _validation_imports(SRC / "validation" / "run.py")
    assert any(module.startswith("safecli.validation.rules.") for module in runner)


def test_the_rules_check_can_fail(tmp_path: Path) -> None:
    (tmp_path / "rule.py").write_text(
        "from safecli.validation import run\nfrom safecli.validation.rules import base\n",
        encoding="utf-8",
    )
    assert rules_reaching_up(tmp_path) == ["rule.py imports safecli.validation.run"]


def test_the_check_can_fail() -> None:
    tree = ast.parse("from safecli.cli import main\nimport safecli.store.book\n")
    assert _imported(tree) == {"cli", "store"}
