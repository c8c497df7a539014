"""Count the package's modules, their lines and its long functions (issue 10's figures).

    python bench/code_counts.py [SRC]        # SRC defaults to src/safecli

Prints the number of modules, lines per module (max, median, how many over 300)
and the functions (and methods) longer than 60 lines, from the source alone:
`git archive COMMIT src | tar -x -C /tmp/old && python bench/code_counts.py
/tmp/old/src/safecli` measures an older commit the same way.
"""

from __future__ import annotations

import ast
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

LONG_MODULE = 300
LONG_FUNCTION = 60


@dataclass(frozen=True)
class Counts:
    """What one tree of source measures."""

    modules: int
    max_lines: int
    median_lines: float
    over_300: tuple[str, ...]
    long_functions: tuple[str, ...]


def measure(src: Path) -> Counts:
    """Count the modules under src and their functions over LONG_FUNCTION lines."""
    lines: dict[str, int] = {}
    long: list[str] = []
    for path in sorted(src.rglob("*.py")):
        name = str(path.relative_to(src))
        text = path.read_text(encoding="utf-8")
        lines[name] = len(text.splitlines())
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > LONG_FUNCTION:
                    long.append(f"{name}:{node.name} ({length})")
    sizes = list(lines.values())
    return Counts(
        modules=len(lines),
        max_lines=max(sizes),
        median_lines=statistics.median(sizes),
        over_300=tuple(f"{n} ({c})" for n, c in lines.items() if c > LONG_MODULE),
        long_functions=tuple(long),
    )


def main(argv: list[str]) -> int:
    src = Path(argv[1]) if len(argv) > 1 else Path(__file__).parent.parent / "src" / "safecli"
    counts = measure(src)
    print(f"modules: {counts.modules}")
    print(f"lines per module: max {counts.max_lines}, median {counts.median_lines:g}")
    print(f"modules over {LONG_MODULE} lines: {len(counts.over_300)}")
    for name in counts.over_300:
        print(f"  {name}")
    print(f"functions over {LONG_FUNCTION} lines: {len(counts.long_functions)}")
    for name in counts.long_functions:
        print(f"  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
