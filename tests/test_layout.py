"""The shape of the code: no import cycles, no huge files, concerns in their own packages, and
no file that points outside the repository."""

from __future__ import annotations

import ast
import subprocess
from collections.abc import Collection, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("cp14site", "notices", "guidance")
MAX_LINES = 500


def git_files(*patterns: str) -> list[Path]:
    """Files git tracks or would track (new ones too), that are still on disk."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z", "--", *patterns],
        cwd=ROOT,
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    return sorted({ROOT / name for name in listed.split("\0") if name and (ROOT / name).is_file()})


def is_migration(path: Path) -> bool:
    return "migrations" in path.relative_to(ROOT).parts


# Import cycles


def project_modules() -> dict[str, Path]:
    """Dotted name -> file, for every module of the project's packages (migrations aside)."""
    modules = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if is_migration(path):
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


def imported_modules(
    tree: ast.Module, module: str, is_package: bool, modules: Collection[str]
) -> Iterator[str]:
    """The project modules imported anywhere in the module (top level, functions, classes).

    `from x import y` imports the submodule x.y if there is one, else x itself. Importing
    x.y also runs x's __init__, but that implicit import is not counted.
    """
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                # `import x.y.name` where name is not a module: the longest module prefix.
                parts = alias.name.split(".")
                while parts and ".".join(parts) not in modules:
                    parts.pop()
                if parts:
                    yield ".".join(parts)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                # Relative: from the module's own package, one level up per extra dot.
                package = module.split(".") if is_package else module.split(".")[:-1]
                anchor = package[: len(package) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                if f"{base}.{alias.name}" in modules:
                    yield f"{base}.{alias.name}"
                elif base in modules:
                    yield base


def import_graph() -> dict[str, set[str]]:
    """Module -> the project modules it imports (itself aside)."""
    modules = project_modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(), filename=str(path))
        imported = imported_modules(tree, name, path.name == "__init__.py", modules)
        graph[name] = set(imported) - {name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path that ends where it starts, or None."""
    done: set[str] = set()
    path: list[str] = []
    on_path: set[str] = set()

    def visit(node: str) -> list[str] | None:
        path.append(node)
        on_path.add(node)
        for target in sorted(graph[node]):
            if target in on_path:
                return [*path[path.index(target) :], target]
            if target not in done and (cycle := visit(target)):
                return cycle
        path.pop()
        on_path.discard(node)
        done.add(node)
        return None

    for start in sorted(graph):
        if start not in done and (cycle := visit(start)):
            return cycle
    return None


def test_the_cycle_finder_finds_a_cycle_and_its_path():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_relative_and_submodule_imports_are_resolved():
    modules = {"notices", "notices.models", "notices.letters", "notices.letters.views"}
    modules |= {"notices.irs", "notices.irs.rates", "notices.letters.forms"}
    source = """
from . import views
from ..models import Case
from notices import irs, settings_that_is_not_a_module
def later():
    import notices.irs.rates
    from notices.irs.rates import rate_for
"""
    found = imported_modules(ast.parse(source), "notices.letters.forms", False, modules)
    assert sorted(found) == [
        "notices", "notices.irs", "notices.irs.rates", "notices.irs.rates",
        "notices.letters.views", "notices.models",
    ]  # fmt: skip
    in_a_package = imported_modules(
        ast.parse("from . import views"), "notices.letters", True, modules
    )
    assert list(in_a_package) == ["notices.letters.views"]


def test_the_import_graph_sees_the_project():
    graph = import_graph()
    assert {"cp14site.settings", "notices.models", "guidance.views"} <= set(graph)
    assert "notices.models" in graph["notices.cases"]
    assert sum(len(targets) for targets in graph.values()) > 50


def test_there_is_no_import_cycle():
    """Counting imports inside functions too: deferring an import hides a cycle, it doesn't
    remove it."""
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


# Size and layout


def test_no_python_file_is_over_500_lines():
    too_long = {
        str(path.relative_to(ROOT)): lines
        for path in git_files("*.py")
        if not is_migration(path) and path.relative_to(ROOT).parts[0] != "tests"
        if (lines := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert not too_long, f"over {MAX_LINES} lines: {too_long}"


CONCERN_PREFIXES = ("account_", "flow_", "letter_", "reminder_")
FRAMEWORK_PACKAGES = {"migrations", "management", "templatetags"}


def test_notices_keeps_each_concern_in_its_own_package():
    notices = ROOT / "notices"
    flat = sorted(
        path.name for path in notices.glob("*.py") if path.name.startswith(CONCERN_PREFIXES)
    )
    assert not flat, f"move these into their concern's package: {flat}"
    concerns = sorted(
        path.name
        for path in notices.iterdir()
        if (path / "__init__.py").is_file() and path.name not in FRAMEWORK_PACKAGES
    )
    assert len(concerns) >= 4, concerns


# Nothing outside the repository

# Built from parts, so this file does not match itself.
OUTSIDE = ["/" + "work/", "../" + "shared"] + [
    name + ".md" for name in ("FACTS", "QUALITY", "STYLE", "DESIGN")
]


def text_of(path: Path) -> str | None:
    data = path.read_bytes()
    if b"\0" in data[:8192]:
        return None
    try:
        return data.decode()
    except UnicodeDecodeError:
        return None


def test_no_file_refers_to_a_path_outside_the_repository():
    hits = []
    for path in git_files():
        text = text_of(path)
        if text is None:
            continue  # binary
        for number, line in enumerate(text.splitlines(), 1):
            hits += [f"{path.relative_to(ROOT)}:{number}: {p}" for p in OUTSIDE if p in line]
    assert not hits, "references to files outside the repository:\n" + "\n".join(hits)
