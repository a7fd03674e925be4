"""refcheck's language server: ``refcheck lsp`` (needs the ``lsp`` extra: pygls, lsprotocol).

Nothing here imports pygls, so ``refcheck check`` never pays for it; ``missing()`` tells the
CLI, in one line, what to install when it is absent.
"""
from __future__ import annotations

import importlib.util
from typing import Optional

#: The install command named in the error when pygls is missing.
INSTALL_HINT = "pip install 'refcheck-vn[lsp]'"


def missing(lang: str = "en") -> Optional[str]:
    """One-line reason the server cannot start (in ``lang``), or None when it can."""
    absent = [m for m in ("pygls", "lsprotocol") if importlib.util.find_spec(m) is None]
    if not absent:
        return None
    if lang == "vi":
        return (f"máy chủ ngôn ngữ cần {' và '.join(absent)}: {INSTALL_HINT}"
                " (hoặc pip install '.[lsp]' trong bản sao mã nguồn)")
    return (f"the language server needs {' and '.join(absent)}: {INSTALL_HINT}"
            " (or pip install '.[lsp]' in a clone)")


def serve(lang: Optional[str] = None) -> int:
    """Run the server over stdio; the exit code LSP asks for (0 after shutdown)."""
    from refcheck.lsp.server import serve as _serve

    return _serve(lang)
