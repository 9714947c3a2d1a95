"""The examples in the README and in the docstrings run and give what they show."""

from __future__ import annotations

import doctest
import importlib
import os
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import xlpareto

README = Path(__file__).resolve().parents[1] / "README.md"
MODULES = sorted(info.name for info in pkgutil.walk_packages(xlpareto.__path__, prefix="xlpareto."))


def test_readme_examples() -> None:
    result = doctest.testfile(str(README), module_relative=False)
    assert result.attempted > 0
    assert result.failed == 0


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {name}"


def test_public_engine_functions_have_examples() -> None:
    """numpydoc style: the main entry points carry a runnable example."""
    from xlpareto.engine import analysis, population, splits, tiers

    for function in (
        analysis.analyze,
        population.rank_population,
        splits.hamilton,
        tiers.make_tier_rule,
    ):
        assert ">>>" in (function.__doc__ or ""), function.__name__


# --- the quick start: two commands that do all the set-up ------------------------------------
ROOT = README.parent
bash_scripts = pytest.mark.skipif(sys.platform == "win32", reason="the scripts are bash")


def _quick_start_commands() -> list[str]:
    section = README.read_text().split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.*?)\n```", section, flags=re.S)


def test_quick_start_is_two_commands():
    assert _quick_start_commands() == ["scripts/demo", "scripts/test"]


def test_ci_runs_the_readme_test_command():
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    commands = [line for line in lines if line and not line.startswith("#")]
    assert commands[-1] == _quick_start_commands()[1]
    assert "set -euo pipefail" in commands


@bash_scripts
@pytest.mark.parametrize("name", ["demo", "test", "_setup.sh"])
def test_scripts_are_valid_bash(name):
    path = ROOT / "scripts" / name
    subprocess.run(["bash", "-n", str(path)], check=True)
    if not name.startswith("_"):
        assert os.access(path, os.X_OK), f"{path} is not executable"
    assert os.access(ROOT / ".ci" / "run", os.X_OK)


def _fake_setup(tmp_path: Path, pytest_exit: int = 0) -> dict[str, str]:
    """A ready .venv whose python/xlpareto only log their calls, and Debian tools that say
    every package is installed: the scripts' own logic, without apt-get, pip or pytest."""
    venv, tools, log = tmp_path / "venv", tmp_path / "tools", tmp_path / "log"
    (venv / "bin").mkdir(parents=True)
    tools.mkdir()
    scripts = {
        venv / "bin" / "python": (
            'echo "python $* REQUIRE=$XLPARETO_REQUIRE_LIBREOFFICE" >> "$FAKE_LOG"\n'
            f'[ "$1 $2" = "-m pytest" ] && exit {pytest_exit}\nexit 0'
        ),
        venv / "bin" / "xlpareto": 'echo "xlpareto $*" >> "$FAKE_LOG"',
        tools / "dpkg-query": "echo 'install ok installed'",
        tools / "soffice": "exit 0",
        tools / "apt-get": 'echo "apt-get $*" >> "$FAKE_LOG"; exit 1',
    }
    for path, body in scripts.items():
        path.write_text(f"#!/bin/sh\n{body}\n")
        path.chmod(0o755)
    environ = {k: v for k, v in os.environ.items() if k != "XLPARETO_REQUIRE_LIBREOFFICE"}
    return {
        **environ,
        "PATH": f"{tools}{os.pathsep}{os.environ['PATH']}",
        "XLPARETO_VENV": str(venv),
        "FAKE_LOG": str(log),
    }


def _log(tmp_path: Path) -> list[str]:
    return (tmp_path / "log").read_text().splitlines()


@bash_scripts
@pytest.mark.parametrize("pytest_exit, expected", [(0, 0), (1, 1), (2, 2), (5, 1)])
def test_scripts_test_runs_pytest_in_parallel_and_no_tests_is_a_failure(
    tmp_path, pytest_exit, expected
):
    env = _fake_setup(tmp_path, pytest_exit)
    run = subprocess.run(
        [str(ROOT / "scripts" / "test"), "tests/cli", "-x"],
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert run.returncode == expected, run.stderr
    log = _log(tmp_path)
    assert "python -m pip install -q --disable-pip-version-check -e .[test] REQUIRE=" in log
    assert log[-1] == "python -m pytest -n auto tests/cli -x REQUIRE=1"
    assert not [line for line in log if line.startswith("apt-get")]  # nothing was missing
    if pytest_exit == 5:
        assert "pytest collected no tests" in run.stderr


@bash_scripts
def test_scripts_test_installs_only_once_per_pyproject(tmp_path):
    env = _fake_setup(tmp_path)
    for _ in range(2):
        subprocess.run([str(ROOT / "scripts" / "test")], env=env, check=True, capture_output=True)
    installs = [line for line in _log(tmp_path) if "pip install" in line]
    assert len(installs) == 1


@bash_scripts
def test_scripts_test_names_the_packages_it_cannot_install(tmp_path):
    env = _fake_setup(tmp_path)
    (tmp_path / "tools" / "dpkg-query").write_text("#!/bin/sh\nexit 1\n")  # nothing installed
    (tmp_path / "tools" / "soffice").unlink()
    env["PATH"] = f"{tmp_path / 'tools'}{os.pathsep}/usr/bin{os.pathsep}/bin"
    run = subprocess.run(
        [str(ROOT / "scripts" / "test")],
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert run.returncode == 1
    packages = "libreoffice-calc-nogui python3-uno poppler-utils fonts-dejavu-core"
    assert f"run:  sudo apt-get install {packages}" in run.stderr
    assert not [line for line in _log(tmp_path) if line.startswith("python -m pytest")]


@bash_scripts
def test_scripts_name_the_venv_package_when_venv_fails_and_not_root(tmp_path):
    """Debian's python3 without python3-venv: `-m venv` fails; a user gets the apt line."""
    env = _fake_setup(tmp_path)
    tools = tmp_path / "tools"
    scripts = {
        tools / "python3": '[ "$1 $2" = "-m venv" ] && { mkdir -p "$3"; exit 1; }; exit 0',
        tools / "id": "echo 1000",
    }
    for path, body in scripts.items():
        path.write_text(f"#!/bin/sh\n{body}\n")
        path.chmod(0o755)
    env.update(XLPARETO_VENV=str(tmp_path / "new-venv"), PYTHON=str(tools / "python3"))
    for script in ("demo", "test"):
        run = subprocess.run(
            [str(ROOT / "scripts" / script)],
            env=env,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            check=False,
        )
        assert run.returncode == 1
        assert run.stderr.splitlines()[-1] == (
            f"scripts/{script}: error: '{tools / 'python3'} -m venv' needs Debian's venv "
            "package; run:  sudo apt-get install python3-venv"
        )
        assert not (tmp_path / "new-venv").exists()  # no half-made venv left behind


@bash_scripts
def test_scripts_demo_runs_the_demo_from_the_venv(tmp_path):
    env = _fake_setup(tmp_path)
    subprocess.run([str(ROOT / "scripts" / "demo"), "-o", "x.xlsx"], env=env, check=True)
    log = _log(tmp_path)
    assert log[0] == "python -m pip --version REQUIRE="
    assert "python -m pip install -q --disable-pip-version-check -e . REQUIRE=" in log
    assert log[-1] == "xlpareto demo -o x.xlsx"


# --- licence and references -------------------------------------------------------------------
def test_licence_file_matches_pyproject():
    assert 'license = { text = "MIT" }' in (ROOT / "pyproject.toml").read_text()
    text = (ROOT / "LICENSE").read_text()
    assert text.startswith("MIT License\n")
    assert "Permission is hereby granted, free of charge" in text


def test_readme_names_no_document_that_is_not_in_the_repository():
    text = README.read_text()
    if not list(ROOT.glob("SPEC*")):
        assert not re.search(r"\bSPEC\b", text) and "the spec" not in text.lower()
    for target in re.findall(r"\]\(([^)#:]+)\)", text):  # relative links
        assert (ROOT / target).exists(), target
