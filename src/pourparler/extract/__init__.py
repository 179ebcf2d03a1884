"""Extractors: each reads one parsed spaCy Doc (and its Document) and returns model records."""
