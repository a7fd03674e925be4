"""``python -m refcheck.lsp``: the same server as ``refcheck lsp``."""
import sys

from refcheck.lsp import missing, serve

if __name__ == "__main__":
    problem = missing()
    if problem:
        print(f"refcheck: {problem}", file=sys.stderr)
        sys.exit(2)
    sys.exit(serve())
