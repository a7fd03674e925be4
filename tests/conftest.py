"""Suite-wide settings.

Hypothesis' per-example deadline (200 ms) is a timing assertion: on a loaded CI machine a
correct example can take longer. No test here may depend on the machine's speed, so the
deadline is off everywhere; hangs are caught by pytest-timeout (pyproject.toml).
"""
from hypothesis import settings

settings.register_profile("refcheck", deadline=None)
settings.load_profile("refcheck")
