"""Work orders in the GUI: the panel, the customer view's strip, the dialogs and steps."""
