"""Reports: terminal summary now; HTML later."""
