"""The command line's help and errors: help in the words of the README (see
:class:`PlainTyper`), and every user error as one ``xlpareto: error:`` line (exit code 2)."""

from __future__ import annotations

import re
import sys

import typer
from typer.core import TyperCommand, TyperGroup

EXIT_USER_ERROR = 2
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class PlainHelp:
    """Help in the words of the README: ``INPUT`` (not ``{input}``), no ``<bool>`` on flags.

    Typer's recent releases print a required argument as ``{input}`` in the usage line and a
    ``<bool>`` type badge next to every flag (``--force``, ``--help``); old ones do not. Both
    are normalised here, for the commands of this module and any added later.
    """

    def get_params(self, ctx):
        params = super().get_params(ctx)
        for param in params:
            if param.metavar is not None:
                continue
            if param.param_type_name == "argument":
                param.metavar = param.name.upper()
            elif getattr(param, "is_flag", False):
                param.metavar = ""  # a flag takes no value: show no type
        return params

    def collect_usage_pieces(self, ctx):
        return [re.sub(r"^\{(.*)\}$", r"\1", p) for p in super().collect_usage_pieces(ctx)]


class PlainCommand(PlainHelp, TyperCommand):
    pass


class PlainGroup(PlainHelp, TyperGroup):
    pass


class PlainTyper(typer.Typer):
    """``typer.Typer`` whose commands are :class:`PlainCommand` unless told otherwise."""

    def command(self, *args, cls=None, **kwargs):
        return super().command(*args, cls=cls or PlainCommand, **kwargs)


def user_error(message: str) -> None:
    """Print ``xlpareto: error: message`` as one line on stderr and exit with code 2.

    Whitespace runs become one space; other control characters (from a file name or a cell
    echoed in the message) are shown escaped, so they cannot drive the terminal.
    """
    line = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", " ".join(str(message).split()))
    sys.stderr.write(f"xlpareto: error: {line}\n")
    sys.stderr.flush()
    raise SystemExit(EXIT_USER_ERROR)


def click_exceptions():
    """Click's exception module as Typer uses it (recent Typer releases vendor Click)."""
    try:
        from typer._click import exceptions
    except ImportError:  # Typer releases that use the click package
        from click import exceptions
    return exceptions


def usage_error(error, argv: list[str] | None, app: typer.Typer) -> None:
    """A usage error (missing argument, unknown option, bad value) as the one error line.

    No-arguments-at-all shows the help on stdout instead (exit code 2 as well).
    """
    ctx = getattr(error, "ctx", None)
    if type(error).__name__ == "NoArgsIsHelpError" and ctx is not None:
        sys.stdout.write(ctx.get_help() + "\n")
        sys.stdout.flush()
        raise SystemExit(EXIT_USER_ERROR)
    message = " ".join(error.format_message().split()).rstrip(".")
    if ctx is not None:
        command = ctx.command_path
    else:  # e.g. an option without its value: Click gives no context; find the command
        names = typer.main.get_command(app).commands
        given = [arg for arg in (sys.argv[1:] if argv is None else argv) if arg in names]
        command = " ".join(["xlpareto", *given[:1]])
    user_error(f"{message[:1].lower()}{message[1:]}; see '{command} --help'")
