"""Write the installed package's bytecode before timing whole processes.

`pip install` compiles a package's modules when it installs it, so a user's
`safecli` starts from .pyc files. An editable install does not, and where
PYTHONDONTWRITEBYTECODE is set nothing ever writes them, so every process would
compile each module it imports again and the start-up figures would measure
the compiler. The benches call `compile_package()` first.
"""

from __future__ import annotations

import compileall
import importlib.util
from pathlib import Path


def compile_package(name: str = "safecli") -> Path:
    """Compile every module of the package (as installing it does); its folder."""
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise SystemExit(f"{name} is not installed")
    folder = Path(spec.origin).parent
    compileall.compile_dir(folder, quiet=1)
    return folder
