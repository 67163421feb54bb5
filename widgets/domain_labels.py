"""Translated words for the customer-side codes `console/` stores."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate


def _lookup(table: dict[str, str], code: str) -> str:
    return table.get(code, code)


def category_name(code: str) -> str:
    return _lookup({
        "residential": translate("Domain", "Residential"),
        "commercial": translate("Domain", "Commercial"),
        "industrial": translate("Domain", "Industrial"),
        "agricultural": translate("Domain", "Agricultural"),
        "public": translate("Domain", "Public service"),
    }, code)


def customer_status_name(code: str) -> str:
    return _lookup({"active": translate("Domain", "Active"),
                    "closed": translate("Domain", "Closed")}, code)


def relay_name(code: str) -> str:
    return _lookup({"closed": translate("Domain", "Power on (relay closed)"),
                    "open": translate("Domain", "Power off (relay open)"),
                    "unknown": translate("Domain", "Unknown")}, code)


def control_mode_name(code: str) -> str:
    return _lookup({"postpaid": translate("Domain", "Postpaid"),
                    "prepaid": translate("Domain", "Prepaid (smart cost control)")}, code)


def control_state_name(code: str) -> str:
    return _lookup({"normal": translate("Domain", "Normal"),
                    "alert": translate("Domain", "Low balance alert"),
                    "notice": translate("Domain", "Disconnect notice served"),
                    "disconnected": translate("Domain", "Disconnected")}, code)


def bill_status_name(code: str) -> str:
    return _lookup({"open": translate("Domain", "Unpaid"),
                    "partial": translate("Domain", "Part paid"),
                    "paid": translate("Domain", "Paid")}, code)


def method_name(code: str) -> str:
    return _lookup({"cash": translate("Domain", "Cash"), "card": translate("Domain", "Bank card"),
                    "wechat": translate("Domain", "WeChat Pay"), "alipay": translate("Domain", "Alipay"),
                    "transfer": translate("Domain", "Bank transfer")}, code)


def seal_position_name(code: str) -> str:
    return _lookup({"meter_cover": translate("Domain", "Meter cover"),
                    "terminal_cover": translate("Domain", "Terminal cover"),
                    "metering_box": translate("Domain", "Metering box"),
                    "ct_pt": translate("Domain", "CT/PT")}, code)


def money(value: Decimal | None) -> str:
    """1,234.56 — always two places; the unit (元) is in the column header."""
    return "" if value is None else f"{value:,.2f}"
