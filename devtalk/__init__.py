"""devtalk: yearly development conversations for small technical firms."""
