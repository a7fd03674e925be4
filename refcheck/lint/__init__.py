"""The command-line linter over the library API: config, reports, fixes, caches, archive mode."""
