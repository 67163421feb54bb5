"""GridDesk domain: models, services, metering, CLI. Never imports Qt."""

__version__ = "0.1.0"
