"""``python -m refcheck.lsp``: the same server as ``refcheck lsp``."""
import sys

from refcheck.lint.lang import settle
from refcheck.lsp import missing, serve

if __name__ == "__main__":
    problem = missing(settle(None))  # REFCHECK_LANG, the configuration's lang, else vi
    if problem:
        print(f"refcheck: {problem}", file=sys.stderr)
        sys.exit(2)
    sys.exit(serve())
