"""Benchmarks: `python -m bench.<name>`, each printing one JSON object on its last line."""
