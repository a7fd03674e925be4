"""``python -m refcheck``: the command line."""
from refcheck.lint.cli import main

if __name__ == "__main__":
    main()
