"""The payment dialog's service hall (a clerk, a supervisor, a farmer owing 98.62), shared
with the device tests that take payments in the dialog."""

from tests.payments.test_dialog import hall  # noqa: F401 - a fixture, found by its name
