"""What can go wrong talking to a meter, as ConsoleErrors the UI can word.

All are MeterError; only MeterErrorReply means the meter itself said no.
`params` carry the endpoint and address (and the error byte for a reply).
"""

from __future__ import annotations

from console.errors import ConsoleError
from console.metering.dlt645 import ErrorBits


class MeterError(ConsoleError):
    """A meter could not be read or commanded."""

    code = "meter_error"


class MeterConnectionError(MeterError):
    """The serial server (host:port) refused, dropped or never took the connection."""

    code = "meter_connection"


class MeterTimeout(MeterError):
    """No answer from the meter within the timeout, after every retry."""

    code = "meter_timeout"


class MeterGarbled(MeterError):
    """Bytes came back but no valid answer: noise, bad checksum or unreadable value."""

    code = "meter_garbled"


class MeterWrongAddress(MeterError):
    """Only frames from other addresses came back (a mis-wired or mis-addressed meter)."""

    code = "meter_wrong_address"


class MeterErrorReply(MeterError):
    """The meter answered with an abnormal reply; ``error`` is its error byte."""

    code = "meter_error_reply"

    def __init__(self, message: str = "", *, error: ErrorBits, **params: object) -> None:
        super().__init__(message or f"meter refused: {error!r}", error=int(error), **params)
        self.error = error

    @property
    def password_wrong(self) -> bool:
        return bool(self.error & ErrorBits.PASSWORD)

    @property
    def no_data(self) -> bool:
        return bool(self.error & ErrorBits.NO_DATA)
