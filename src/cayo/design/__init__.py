"""Design for failure: the least-cost design that passes the scenario's own stress test, or the
floor that blocks every design (docs/design.md)."""
