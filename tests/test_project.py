"""The project's own rules, checked on every run: lint, layering, set-up instructions."""

import ast
import json
import re
import shutil
import subprocess
import sys

import pytest

from tests import support
from tests.support import ROOT


def readme_commands():
    return re.findall(r"```bash\n(.+?)\n```", (ROOT / "README.md").read_text())


def test_readme_has_exactly_two_set_up_commands():
    commands = readme_commands()
    assert len(commands) == 2, commands
    assert commands[0].endswith("streamlit run app.py")
    assert "requirements-dev.txt" in commands[1] and "pytest" in commands[1]


def test_ci_runs_the_readme_test_command():
    assert readme_commands()[1] in (ROOT / ".ci" / "run").read_text().splitlines()


#: The layers, lowest first: a module may import from its own layer and from lower ranks, and
#: may import a third-party package only if its layer is listed for it.
LAYERS = {  # layer: (rank, what it is)
    "core": (0, "xentviz/core/: the public maths, pure numpy"),
    "worked": (1, "xentviz/worked/: every number one page shows, from the core"),
    "api": (2, "xentviz/__init__.py: the public API, re-exported from core/ and worked/"),
    "state": (2, "xentviz/state/: URL <-> typed page states"),
    "figures": (2, "xentviz/figures/: numbers -> plotly figures"),
    "registry": (2.5, "xentviz/pages.py: one entry per page"),
    "lesson": (3, "xentviz/lesson/: (state, worked example) -> text"),
    "ui": (4, "xentviz/ui/: the Streamlit plumbing"),
    "app_pages": (5, "xentviz/app_pages/: the lesson scripts"),
}
ALLOWED = {
    "streamlit": {"ui", "app_pages"},
    "plotly": {"figures", "ui", "app_pages"},
    "sklearn": {"worked"},  # only the digits page's data set, which ships with scikit-learn
    "mpmath": {"core"},  # only core/exact.py: the exact value behind a float64 comparison
}


def layer_of(path):
    """The layer of a module of the package, by where it lies."""
    parts = path.relative_to(ROOT / "xentviz").parts
    if len(parts) == 1:
        return {"__init__.py": "api", "pages.py": "registry"}[parts[0]]
    return parts[0]


def imports(path):
    """(absolute module, is relative) for every import in the file, relative ones resolved."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    if path.name == "__init__.py":
        package = ".".join(path.relative_to(ROOT).parent.parts)
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                yield ".".join([*base, *([node.module] if node.module else [])])
            else:
                yield node.module


MODULES = sorted((ROOT / "xentviz").rglob("*.py"))


def test_every_module_has_a_layer():
    assert {layer_of(m) for m in MODULES} == set(LAYERS)
    assert len(MODULES) > 15


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_layers_point_one_way(path):
    """pages -> ui -> lesson -> figures/state -> maths: nothing imports upwards or sideways,
    and streamlit and plotly only where their layer allows."""
    own = layer_of(path)
    for module in imports(path):
        top = module.split(".")[0]
        if top == "xentviz":
            parts = module.split(".")
            target = ROOT.joinpath(*parts)
            layer = (
                layer_of(target / "__init__.py")
                if target.is_dir()
                else layer_of(target.with_suffix(".py"))
                if target.with_suffix(".py").exists()
                else layer_of(target.parent / "__init__.py")  # a name from a package
            )
            assert layer == own or LAYERS[layer][0] < LAYERS[own][0], (module, own, layer)
        elif top in ALLOWED:
            assert own in ALLOWED[top], (module, own)


def test_the_layering_test_resolves_imports():
    """The check above is only as good as its resolution of relative imports."""
    found = set(imports(ROOT / "xentviz" / "ui" / "widgets.py"))
    assert {"xentviz.lesson.markup", "xentviz.state", "xentviz.ui.session", "streamlit"} <= found
    assert "xentviz.worked.playground" in set(
        imports(ROOT / "xentviz" / "figures" / "playground.py")
    )


PAGE_SCRIPTS = [
    ROOT / "app.py",
    *ROOT.glob("xentviz/app_pages/[!_]*.py"),
    *ROOT.glob("tests/apps/*page*.py"),
]


@pytest.mark.slow
def test_collecting_the_tests_runs_no_page():
    """``--doctest-modules`` imports every module it collects, and importing a page script runs
    it (headless, outside Streamlit). Collect everything and list the page scripts imported."""
    code = (
        "import json, sys, pytest; "
        "pytest.main(['--collect-only', '-q', '-p', 'no:cacheprovider']); "
        "print(json.dumps([getattr(m, '__file__', None) for m in list(sys.modules.values())]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert "test_collecting_the_tests_runs_no_page" in out.stdout  # it collected this file
    imported = set(json.loads(out.stdout.strip().splitlines()[-1]))
    assert len(PAGE_SCRIPTS) >= 3
    assert not {str(p) for p in PAGE_SCRIPTS} & imported


@pytest.mark.parametrize("page", ROOT.glob("xentviz/app_pages/[!_]*.py"), ids=lambda p: p.name)
def test_a_page_is_a_short_lesson_script(page):
    """A page calls sections in order (the URL and widget keys belong to xentviz.ui, see
    below); what it says and draws lives in lesson/ and figures/, so it stays short."""
    assert len(page.read_text().splitlines()) <= 130


@pytest.mark.parametrize(
    ("name", "owner"),
    [("session_state", "xentviz/ui/session.py"), ("query_params", "xentviz/ui/url.py")],
)
def test_one_module_reads_and_writes_the_session_and_one_the_url(name, owner):
    users = {str(p.relative_to(ROOT)) for p in MODULES if name in p.read_text()}
    assert users == {owner}


def test_maths_imports_without_streamlit_or_plotly():
    code = (
        "import sys, xentviz; bad = {'streamlit', 'plotly'} & set(sys.modules); print(sorted(bad))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("args", [["check", "."], ["format", "--check", "."]])
def test_ruff_is_clean(args):
    ruff = shutil.which("ruff")
    assert ruff, "ruff is a dev requirement: pip install -r requirements-dev.txt"
    out = subprocess.run([ruff, *args], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


@pytest.mark.slow
@pytest.mark.parametrize("script", sorted((ROOT / "benchmarks").glob("*.py")), ids=lambda p: p.name)
def test_benchmarks_start_from_any_folder(script, tmp_path):
    """The README's "run by hand" works without installing the project: imports resolve."""
    done = subprocess.run(
        [sys.executable, str(script), "--help"], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "usage:" in done.stdout


def _module_imports(path):
    """The package's modules ``path`` imports: ``from . import a`` imports the module ``a``
    where ``a`` is one, else the package it is named from."""

    def module_path(name):
        target = ROOT.joinpath(*name.split("."))
        if target.with_suffix(".py").exists():
            return target.with_suffix(".py")
        if (target / "__init__.py").exists():
            return target / "__init__.py"
        return None

    package = path.relative_to(ROOT).with_suffix("").parts[:-1]
    if path.name == "__init__.py":
        package = path.relative_to(ROOT).parent.parts
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = list(package[: len(package) - node.level + 1]) if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            names = [f"{module}.{alias.name}" for alias in node.names]
            names = [n if module_path(n) else module for n in names]
        else:
            continue
        for name in names:
            if name.split(".")[0] == "xentviz" and module_path(name):
                yield module_path(name)


def test_no_module_imports_itself_through_others():
    """No import cycle among the package's modules (a package's __init__ is left out: it
    gathers what its modules define)."""
    graph = {
        m: {t for t in _module_imports(m) if t != m and t.name != "__init__.py"}
        for m in MODULES
        if m.name != "__init__.py"
    }
    state = dict.fromkeys(graph, 0)  # 0 unseen, 1 on the path, 2 done
    path = []

    def visit(m):
        state[m] = 1
        path.append(m)
        for t in sorted(graph.get(m, ())):
            if state.get(t) == 1:
                cycle = [*path[path.index(t) :], t]
                raise AssertionError(" -> ".join(str(c.relative_to(ROOT)) for c in cycle))
            if state.get(t) == 0:
                visit(t)
        path.pop()
        state[m] = 2

    for m in sorted(graph):
        if state[m] == 0:
            visit(m)


@pytest.mark.parametrize(("marker", "start"), [("server", "server"), ("browser", "chromium")])
def test_a_test_that_starts_a_server_or_a_browser_unmarked_fails_naming_the_marker(
    monkeypatch, marker, start
):
    """The fast loop deselects by marker; a test starting a server or Chromium without its marker
    would slip into it. support.py refuses before starting anything."""
    monkeypatch.setattr(support, "RUNNING", {"parametrize"})
    with (
        pytest.raises(RuntimeError, match=f"pytest.mark.{marker}"),
        getattr(support, start)(*([ROOT / "app.py"] if start == "server" else [])),
    ):
        pass


def test_the_fast_loop_is_documented_with_the_markers_pytest_knows():
    config = (ROOT / "pyproject.toml").read_text()
    loop = re.search(
        r"python -m pytest -n auto -m \"([^\"]+)\"", (ROOT / "CONTRIBUTING.md").read_text()
    )
    assert loop, "CONTRIBUTING.md shows the fast loop"
    for marker in re.findall(r"not (\w+)", loop.group(1)):
        assert f'"{marker}:' in config


def test_hypothesis_tests_take_their_examples_from_the_profile():
    """A literal ``max_examples=N`` would ignore the fast loop's profile: tests write
    ``max_examples=support.examples(N)``."""
    literal = [
        f"{p.name}:{n}"
        for p in sorted((ROOT / "tests").glob("test_*.py"))
        for n, line in enumerate(p.read_text().splitlines(), 1)
        if re.search(r"max_examples=\d", line)
    ]
    assert not literal, literal
