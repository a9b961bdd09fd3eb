"""Money: annuities and cost metrics (USD, real 2025)."""
