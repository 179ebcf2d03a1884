"""pourparler: source-attributed records of negotiations and conflict from news articles."""

__version__ = "0.1.0"
