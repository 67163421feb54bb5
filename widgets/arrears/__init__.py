"""Arrears in the GUI: the panel with its filters, buckets and loading, the disconnect-request
dialog and the cost-control run dialog."""
