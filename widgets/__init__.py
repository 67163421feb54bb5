"""Qt windows, panels, dialogs and models. Never a SQLAlchemy session or query."""
