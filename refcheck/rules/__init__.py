"""The checks: rule registry (codes, texts), per-citation and per-article rules, suppressions."""
