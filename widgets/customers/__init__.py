"""Finding customers (the lookup panel and its results) and the customer view with its history."""
