"""Tunable thresholds, in one place, each with how it was chosen.

Change a value here, not at the place it is used; tests/test_settings.py shows what the
alignment and quote thresholds separate.
"""

# --- loading -------------------------------------------------------------------------
#: Largest article file read, in bytes. Real articles are under 200 kB of text; a file
#: of several MB is almost certainly not one article (a dump, a binary, a whole site).
MAX_ARTICLE_BYTES = 5_000_000
