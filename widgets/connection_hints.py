"""What to tell the user when the database cannot be reached, with what to do about a
TLS refusal: libpq's own words ("SSL error: certificate verify failed") mean nothing at
a counter, and some of them mean "stop, this may not be our server"."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate


def _tls_hints() -> dict[str, Callable[[], str]]:
    return {
        "untrusted": lambda: translate(
            "Errors", "The server did not prove that it is the site's database server (its "
            "certificate is not signed by the certificate authority that the connection URL "
            "names, or is made out to another name). Do not work around this: tell the "
            "administrator."),
        "no_ca": lambda: translate(
            "Errors", "The certificate authority file that the connection URL names "
            "(sslrootcert) is not on this PC: ask the administrator to copy it here."),
        "tls_required": lambda: translate(
            "Errors", "The server accepts encrypted connections only: the connection URL "
            "needs sslmode=verify-full and sslrootcert."),
        "server_without_tls": lambda: translate(
            "Errors", "The connection URL asks for encryption but the server offers none: "
            "the administrator has to turn TLS on at the server."),
        "client_cert": lambda: translate(
            "Errors", "The server wants this PC's own certificate: the connection URL needs "
            "sslcert and sslkey."),
    }


def unavailable_text(params: Mapping[str, object]) -> str:
    """"Cannot reach the database …", and what to do when TLS was the reason."""
    text = translate("Errors", "Cannot reach the database {where}. {detail}").format(
        where=params.get("where") or params.get("url") or "",
        detail=params.get("detail") or "").strip()
    hint = _tls_hints().get(str(params.get("tls") or ""))
    return f"{text} {hint()}" if hint else text
