"""Use cases. Each takes the database (or a unit of work) and the acting user,
checks permission, does the work, audits it, and returns frozen dataclasses."""
