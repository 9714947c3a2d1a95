# Shared by scripts/demo and scripts/test (sourced, not run): root commands and the .venv.
# Debian/Ubuntu get their missing system packages installed; elsewhere the scripts say what
# is missing. The virtual environment keeps pip away from the system Python (Debian marks
# its python3 "externally managed", so a plain `pip install` is refused there).

VENV=${XLPARETO_VENV:-.venv}
PYTHON=${PYTHON:-python3}

say() { printf '%s: %s\n' "$SCRIPT" "$*" >&2; }
die() { say "error: $*"; exit 1; }

# Run a command as root: directly when we are root, else through sudo (non-interactive
# without a terminal, so CI never hangs on a password prompt).
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        if [ -t 0 ]; then sudo "$@"; else sudo -n "$@"; fi
    else
        return 1
    fi
}

# apt_install PKG...: install Debian packages; explain and fail when that is impossible.
apt_install() {
    command -v apt-get >/dev/null 2>&1 ||
        die "missing: $* (Debian/Ubuntu package names); install them with your system's package manager"
    say "installing $* (apt-get)"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
        as_root env DEBIAN_FRONTEND=noninteractive \
            apt-get install -y -qq --no-install-recommends "$@" >/dev/null ||
        die "could not install $*; run:  sudo apt-get install $*"
}

# A working $VENV: created with `$PYTHON -m venv` when missing; on Debian, where venv needs
# the python3-venv package, that package is installed first (as root) or named.
ensure_venv() {
    if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -m pip --version >/dev/null 2>&1; then
        return
    fi
    command -v "$PYTHON" >/dev/null 2>&1 || die "$PYTHON not found; install Python 3.10 or newer"
    "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 10))' ||
        die "$("$PYTHON" -V 2>&1) is too old; xlpareto needs Python 3.10 or newer"
    rm -rf "$VENV"
    if ! "$PYTHON" -m venv "$VENV" >/dev/null 2>&1; then
        rm -rf "$VENV"
        command -v apt-get >/dev/null 2>&1 || die "'$PYTHON -m venv $VENV' failed"
        [ "$(id -u)" -eq 0 ] ||  # Debian/Ubuntu: venv is the separate package python3-venv
            die "'$PYTHON -m venv' needs Debian's venv package; run:  sudo apt-get install python3-venv"
        apt_install python3-venv
        "$PYTHON" -m venv "$VENV" || die "'$PYTHON -m venv $VENV' failed"
    fi
    say "created $VENV ($("$VENV/bin/python" -V 2>&1))"
}

# pip_install SPEC: `pip install -e SPEC` into the venv, skipped when pyproject.toml is
# unchanged since the last install of the same SPEC (an editable install picks up code
# changes by itself; only dependencies and entry points need a reinstall).
pip_install() {
    local spec=$1 stamp
    stamp="$VENV/.xlpareto-$(printf '%s' "$spec" | tr -c 'a-z' '_')"
    if [ -f "$stamp" ] && cmp -s pyproject.toml "$stamp" && [ -x "$VENV/bin/xlpareto" ]; then
        return
    fi
    say "pip install -e '$spec' into $VENV"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e "$spec" ||
        die "pip install -e '$spec' failed"
    cp pyproject.toml "$stamp"
}
