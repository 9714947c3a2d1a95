"""How the command line feels: -h, usage errors as one line, help text, what ``new`` says.

Most cases run ``cli.main`` in this process (``run_here``); one of each kind goes through the
installed console script (``run``) to show the real stderr and exit code.
"""

from __future__ import annotations

import re

import pytest
from cli_support import run, run_here, write_csv

COMMANDS = ["demo", "report", "new", "template"]

USAGE_ERRORS = {
    "missing argument": (["report"], "missing argument 'INPUT'", "xlpareto report"),
    "unknown option": (
        ["report", "a.csv", "--bogus"],
        "no such option: --bogus",
        "xlpareto report",
    ),
    "option without its value": (
        ["report", "a.csv", "--budget"],
        "option '--budget' requires an argument",
        "xlpareto report",
    ),
    "value for a flag": (
        ["new", "b.xlsm", "--force=yes"],
        "option '--force' does not take a value",
        "xlpareto new",
    ),
    "extra argument": (
        ["report", "a.csv", "b.csv"],
        "unexpected extra argument",
        "xlpareto report",
    ),
    "unknown command": (["reprot"], "no such command 'reprot'", "xlpareto"),
    "unknown top-level option": (["--bogus"], "no such option: --bogus", "xlpareto"),
}


@pytest.mark.parametrize("case", list(USAGE_ERRORS), ids=list(USAGE_ERRORS))
def test_usage_errors_are_one_error_line(tmp_path, case):
    args, expected, command = USAGE_ERRORS[case]
    result = run_here(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("xlpareto: error: "), lines[0]
    assert expected in lines[0]
    assert lines[0].endswith(f"; see '{command} --help'")
    assert not set("╭╮╰╯│") & set(result.stderr)
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_option_through_the_console_script(tmp_path):
    result = run("report", "a.csv", "--bogus", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    line, end = result.stderr.split("\n", 1)  # one line (Click may add close matches)
    assert end == ""
    assert line.startswith("xlpareto: error: no such option: --bogus")
    assert line.endswith("; see 'xlpareto report --help'")


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)], ids=["xlpareto", *COMMANDS])
def test_dash_h_is_help(tmp_path, command):
    short, long = run_here(*command, "-h", cwd=tmp_path), run_here(*command, "--help", cwd=tmp_path)
    assert short.returncode == long.returncode == 0
    assert short.stdout == long.stdout
    assert "Usage: xlpareto" in short.stdout
    assert "-h" in short.stdout  # listed next to --help
    assert list(tmp_path.iterdir()) == []


def test_dash_h_through_the_console_script(tmp_path):
    result = run("new", "-h", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Usage: xlpareto new [OPTIONS] PATH" in result.stdout
    assert "<bool>" not in result.stdout


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)], ids=["xlpareto", *COMMANDS])
def test_help_has_no_type_badge_on_flags_and_no_brace_placeholders(tmp_path, command):
    text = run_here(*command, "--help", cwd=tmp_path).stdout
    assert "<bool>" not in text
    assert not re.search(r"\{\w+\}", text), text
    usage = next(line for line in text.splitlines() if "Usage:" in line).strip()
    assert (
        usage
        == {
            "xlpareto": "Usage: xlpareto [OPTIONS] COMMAND [ARGS]...",
            "demo": "Usage: xlpareto demo [OPTIONS]",
            "report": "Usage: xlpareto report [OPTIONS] INPUT",
            "new": "Usage: xlpareto new [OPTIONS] PATH",
            "template": "Usage: xlpareto template [OPTIONS]",
        }[command[0] if command else "xlpareto"]
    )


def test_force_is_a_plain_flag(tmp_path):
    text = run_here("new", "--help", cwd=tmp_path).stdout
    line = next(line for line in text.splitlines() if "--force" in line)
    assert "--no-force" not in text
    assert "Overwrite an existing file" in line


@pytest.mark.parametrize("command", ["report", "new"])
def test_help_documents_text_inputs(tmp_path, command):
    text = " ".join(run_here(command, "--help", cwd=tmp_path).stdout.split())
    for suffix in (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".parquet"):
        assert suffix in text, suffix


def test_no_arguments_prints_the_help_on_stdout(tmp_path):
    result = run_here(cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout.lstrip().startswith("Usage: xlpareto [OPTIONS] COMMAND")
    assert result.stderr == ""


@pytest.mark.parametrize("suffix, delimiter", [(".tsv", "\t"), (".txt", ";")])
def test_tsv_and_txt_inputs_are_read(tmp_path, suffix, delimiter):
    path = write_csv(
        tmp_path / "c.csv", [["Client", "Revenue"], ["a", "10"], ["b", "5"]], delimiter
    )
    path.rename(path.with_suffix(suffix))
    result = run_here("report", f"c{suffix}", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "c_pareto.xlsx").is_file()


# --- new: what it did, then what to do ------------------------------------------------------
NEXT_STEPS = [
    "Next steps:",
    "  1. Open book.xlsm in Excel (Mac: run `xlwings runpython install` once first).",
    "  2. Click Enable Content in the yellow bar.",
]
REFRESH = "Click Pareto ▸ Refresh analysis on the ribbon."


def test_new_reports_skipped_and_merged_rows_and_ends_with_the_next_steps(tmp_path):
    rows = [
        ["Client", "Revenue", "Revenue prior"],
        ["Acme", "10", "5"],  # row 2
        ["Birch", "x", ""],  # row 3: no number at all -> skipped
        ["", "5", "1"],  # row 4: no client -> skipped
        ["Acme", "3", ""],  # row 5: merged into Acme
        ["Lost Ltd", "", "7"],  # row 6: only a prior revenue -> kept (a lost client)
        ["Cedar", "1", ""],  # row 7
    ]
    write_csv(tmp_path / "d.csv", rows)
    result = run_here("new", "book.xlsm", "--data", "d.csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "3 clients for the Clients table" in lines
    assert (
        "2 rows skipped (blank client or no number: row 3, 4); "
        "1 duplicate row merged into their client"
    ) in lines
    assert lines[-4:] == [*NEXT_STEPS, f"  3. {REFRESH}"]
    assert lines[-5] == "Wrote book.xlsm"
    assert result.stderr == ""


def test_new_says_nothing_about_rows_when_none_were_skipped_or_merged(tmp_path):
    write_csv(tmp_path / "d.csv", [["Client", "Revenue"], ["a", "1"], ["b", "2"]])
    result = run_here("new", "book.xlsm", "--data", "d.csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "skipped" not in result.stdout and "merged" not in result.stdout


def test_new_without_data_says_to_replace_the_sample_clients(tmp_path):
    result = run_here("new", "book.xlsm", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-5:] == [
        *NEXT_STEPS,
        "  3. Replace the sample clients in the Clients table with yours.",
        f"  4. {REFRESH}",
    ]
