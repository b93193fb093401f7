"""Stage 2, clean: `Page` → `Article` (main text, title, date, site, URL) or `Skip`.

trafilatura on the page tree without its comment sections, a jusText vote for Russian, a line
post-filter and each site's learnt boilerplate; plain texts are only whitespace-cleaned."""

from .extract import clean, prepare

__all__ = ["clean", "prepare"]
