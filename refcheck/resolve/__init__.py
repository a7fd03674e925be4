"""Citation + article date + catalog -> Resolution (one document, several, or none).

One module per kind of citation, imported one way (article -> laws -> core -> party):
``core`` resolves symbols, ``laws`` laws named by title, ``party`` named plenums and
congresses, ``article`` an article's citations in order with their short forms. The names
below are the stage's interface.
"""
from refcheck.catalog.numbers import is_number_year
from refcheck.extract.shortforms import link_short_forms
from refcheck.resolve.article import resolve_article
from refcheck.resolve.core import candidates, pinned, resolve, restarts_yearly, same_type
from refcheck.resolve.laws import (TITLE_DATE, amended_titles, amends_before, law_amendments, law_tables,
                                   law_versions, law_year, laws_titled, loose_title, omnibus_amendments,
                                   resolve_law)

__all__ = ["TITLE_DATE", "amended_titles", "amends_before", "candidates", "is_number_year",
           "law_amendments", "law_tables", "law_versions", "law_year", "laws_titled",
           "link_short_forms", "loose_title", "omnibus_amendments", "pinned", "resolve",
           "resolve_article", "resolve_law", "restarts_yearly", "same_type"]
