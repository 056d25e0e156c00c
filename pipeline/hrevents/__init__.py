"""hrevents: human-rights reports in, structured event records out."""

__version__ = "0.1.0"
