"""The version of cayo, written into every results folder's manifest."""

__version__ = "0.1.0"
