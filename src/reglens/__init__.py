"""RegLens: offline search over regulation PDFs with exact citations."""

__version__ = "0.1.0"
