"""``xlpareto lite``: the main.py and requirements.txt for the xlwings Lite editor."""

from __future__ import annotations

from cli_support import run_here as run  # in-process; the console script itself: test_cli_commands

from xlpareto import lite


def test_writes_main_py_and_requirements(tmp_path):
    result = run("lite", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "xlpareto_lite"
    assert (folder / "main.py").read_text(encoding="utf-8") == lite.main_py()
    assert (folder / "requirements.txt").read_text(encoding="utf-8") == lite.requirements_txt()
    assert "xlwings Lite editor" in result.stdout


def test_a_wheel_url_and_an_own_folder(tmp_path):
    url = "https://example.com/wheels/xlpareto-0.1.0-py3-none-any.whl"
    result = run("lite", "paste", "--package", url, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert url in (tmp_path / "paste" / "requirements.txt").read_text(encoding="utf-8")


def test_existing_files_need_force(tmp_path):
    (tmp_path / "xlpareto_lite").mkdir()
    (tmp_path / "xlpareto_lite" / "main.py").write_text("# mine\n", encoding="utf-8")
    result = run("lite", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("xlpareto: error:") and "--force" in result.stderr
    assert (tmp_path / "xlpareto_lite" / "main.py").read_text(encoding="utf-8") == "# mine\n"
    assert run("lite", "--force", cwd=tmp_path).returncode == 0
    assert (tmp_path / "xlpareto_lite" / "main.py").read_text(encoding="utf-8") == lite.main_py()


def test_a_missing_parent_folder_is_an_error(tmp_path):
    result = run("lite", "no/such/folder", cwd=tmp_path)
    assert result.returncode == 2 and "does not exist" in result.stderr
