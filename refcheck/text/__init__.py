"""Text-level helpers every stage shares: normalisation views and line/column positions."""
