"""``python -m xlpareto``: the command line."""

from xlpareto.cli import main

if __name__ == "__main__":
    main()
