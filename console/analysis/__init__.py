"""Analyses over the stored data (pure scoring functions plus their loaders)."""
