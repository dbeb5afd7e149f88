"""The project's own rules, checked on every run: lint, layering, set-up instructions."""

import re
import shutil
import subprocess
import sys

import pytest

from tests.support import ROOT

MATHS_MODULES = ["softmax", "information", "losses", "worked_example", "presets", "_validation"]


def readme_commands():
    return re.findall(r"```bash\n(.+?)\n```", (ROOT / "README.md").read_text())


def test_readme_has_exactly_two_set_up_commands():
    commands = readme_commands()
    assert len(commands) == 2, commands
    assert commands[0].endswith("streamlit run app.py")
    assert "requirements-dev.txt" in commands[1] and "pytest" in commands[1]


def test_ci_runs_the_readme_test_command():
    assert readme_commands()[1] in (ROOT / ".ci" / "run").read_text().splitlines()


@pytest.mark.parametrize("module", MATHS_MODULES)
def test_maths_never_imports_streamlit_or_plotly(module):
    source = (ROOT / "xentviz" / f"{module}.py").read_text()
    assert not re.search(r"^\s*(import|from)\s+(streamlit|plotly)\b", source, re.M)


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


@pytest.mark.parametrize("script", sorted((ROOT / "benchmarks").glob("*.py")), ids=lambda p: p.name)
def test_benchmarks_start_from_any_folder(script, tmp_path):
    """The README's "run by hand" works without installing the project: imports resolve."""
    done = subprocess.run(
        [sys.executable, str(script), "--help"], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "usage:" in done.stdout
