"""Customer lookup: what a typed or scanned query means, and finding it fast."""
