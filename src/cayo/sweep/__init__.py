"""Sweeps: which uncertain numbers decide the answer. Variants of a scenario (`samples`), run
on a Dask cluster (`engine`, `variant`), stored one row each in a Parquet run store (`store`),
and reported (`report`); `run.run_sweep` is the sweep's pipeline, `cayo sweep` its command."""
