"""The catalog of known documents: index, YAML loading and validation, cache, importer."""
