"""assoc — the secretariat of an industry association (行业协会) from the command line."""

__version__ = "0.1.0"
