"""Imports flow one way: cli -> pipeline/report/verdicts -> (stages, db) -> shared types.

Every `import` in src/claimcheck (at module level or inside a function) is read from the
syntax tree, so a lazy import cannot hide a dependency that goes the wrong way.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "claimcheck"

# The first part of a module's name under claimcheck (a package, or a module's own name) -> its layer;
# besides these, cli* modules are the CLI, render_* modules presentation, report* modules orchestration
LAYERS = {
    "__main__": "cli",
    "console": "presentation",
    "pipeline": "orchestration",
    "verdicts": "orchestration",
    "serve": "orchestration",
    "read": "stage",
    "formats": "stage",
    "layout": "stage",
    "clean": "stage",
    "sentences": "stage",
    "extract": "stage",
    "normalize": "stage",
    "compare": "stage",
    "db": "db",
    "model": "shared",
    "errors": "shared",
    "lexicon": "shared",
    "data": "shared",
    "__init__": "shared",
    "__version__": "shared",
}
PREFIXES = (("cli", "cli"), ("render_", "presentation"), ("report", "orchestration"))


def layer(part: str) -> str | None:
    """The layer of a module of claimcheck, by the first part of its name (None: not placed yet)."""
    if part in LAYERS:
        return LAYERS[part]
    return next((layer for prefix, layer in PREFIXES if part.startswith(prefix)), None)


# What each layer may import, besides itself
ALLOWED = {
    "cli": {"presentation", "orchestration", "stage", "db", "shared"},
    "presentation": {"orchestration", "shared"},  # (it draws what the library returns)
    "orchestration": {"stage", "db", "shared"},
    "stage": {"shared"},
    "db": {"shared"},
    "shared": set(),
}


def _part(module: str) -> str:
    """'claimcheck.db.groups' -> 'db'; 'claimcheck' -> '__init__'."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every claimcheck module `path` imports."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module] if node.module != "claimcheck" else [f"claimcheck.{a.name}" for a in node.names]
        else:
            continue
        out += [(node.lineno, n) for n in names if n == "claimcheck" or n.startswith("claimcheck.")]
    return out


def _modules() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def wrong_way(path: Path) -> list[str]:
    """The imports of one source file that go against the layers."""
    mine = layer(_part("claimcheck." + ".".join(path.relative_to(SRC).with_suffix("").parts)))
    assert mine is not None, f"{path}: no layer for this module (see LAYERS)"
    bad = []
    for line, module in _imports(path):
        theirs = layer(_part(module))
        if theirs != mine and theirs not in ALLOWED[mine]:
            bad.append(f"{path.relative_to(SRC)}:{line}: {mine} module imports {module} ({theirs})")
    return bad


def test_every_module_has_a_layer() -> None:
    parts = {_part("claimcheck." + ".".join(p.relative_to(SRC).with_suffix("").parts)) for p in _modules()}
    assert [p for p in sorted(parts) if layer(p) is None] == []


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_imports_flow_one_way(path: Path) -> None:
    assert wrong_way(path) == []


def test_the_check_catches_an_import_the_wrong_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A stage importing the database, and the database importing a stage, are both caught."""
    (tmp_path / "compare").mkdir()
    (tmp_path / "db").mkdir()
    stage = tmp_path / "compare" / "x.py"
    stage.write_text("def f():\n    from claimcheck.db import groups\n")
    store = tmp_path / "db" / "y.py"
    store.write_text("from claimcheck.compare.judge import judge\nfrom claimcheck.model import Claim\n")
    monkeypatch.setattr(sys.modules[__name__], "SRC", tmp_path)
    assert wrong_way(stage) == ["compare/x.py:2: stage module imports claimcheck.db (db)"]
    assert wrong_way(store) == ["db/y.py:1: db module imports claimcheck.compare.judge (stage)"]
