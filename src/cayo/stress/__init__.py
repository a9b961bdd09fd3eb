"""Stress: failures sampled year by year against a fixed plan (samplers, numba kernel, metrics)."""
