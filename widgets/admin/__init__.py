"""Administration in the GUI: staff accounts, cost-control policies and the calendar of days
without disconnections."""
