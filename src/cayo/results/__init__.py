"""Saving and reloading results (Parquet for hourly series, JSON for the rest)."""
