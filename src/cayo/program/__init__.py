"""Program: from people to buildings (floor areas by archetype)."""
