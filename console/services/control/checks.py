"""Look-ups of switch control that refuse by name (console.services.control.commands).

Each finds a row the workflow needs, or raises ControlRefused with the rule
the panel words for the user: unknown or closed customer, a meter that is not
the customer's, not in service, without a relay or busy, a command already decided or expired.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum

from sqlalchemy import ColumnElement, select, true
from sqlalchemy.orm import Session

from console.errors import ControlRefused, ValidationError
from console.models import ControlCommand, Customer, Meter
from console.models.enums import CommandAction, CommandState, CustomerStatus, MeterStatus
from console.services.acting import current_scope, in_scope
from console.services.control.types import CONTRARY, OPEN

S = CommandState
SWITCHING = (CommandAction.DISCONNECT, CommandAction.RECONNECT)  # what needs a relay


def decidable(session: Session, command_id: int, now: dt.datetime) -> ControlCommand:
    """A command waiting for approval, not yet expired."""
    command = command_row(session, command_id)
    if command.state != S.REQUESTED:
        raise ControlRefused("the command is already decided", rule="already_decided",
                             command_id=command_id, state=command.state)
    if command.expires_at is not None and command.expires_at <= now:
        raise ControlRefused("the request has expired", rule="expired", command_id=command_id)
    return command


def commands_in_scope() -> ColumnElement[bool]:
    """Commands for customers of the acting user's units (every command for admins and
    system processes); a command on no account has no unit a person could own."""
    if current_scope().units is None:
        return true()
    return ControlCommand.customer_id.in_(select(Customer.id).where(in_scope(Customer.unit_id)))


def command_row(session: Session, command_id: int) -> ControlCommand:
    command = session.get(ControlCommand, command_id)
    if command is None:
        raise ControlRefused("no such command", rule="unknown_command", command_id=command_id)
    return command


def active_customer(session: Session, customer_id: int) -> Customer:
    """The customer, locked for this transaction (a payment takes the same lock first)."""
    customer = session.scalar(select(Customer).where(Customer.id == customer_id).with_for_update())
    if customer is None:
        raise ControlRefused("no such customer", rule="unknown_customer", customer_id=customer_id)
    if customer.status == CustomerStatus.CLOSED:
        raise ControlRefused("the account is closed", rule="customer_closed",
                             customer_id=customer_id)
    return customer


def meter_of(session: Session, customer: Customer, meter_id: int | None) -> Meter:
    """The customer's meter `meter_id`, or its first in service when None."""
    if meter_id is None:
        meter = session.scalar(select(Meter).where(
            Meter.customer_id == customer.id, Meter.status == MeterStatus.IN_SERVICE)
            .order_by(Meter.id).limit(1))
        if meter is None:
            raise ControlRefused("the customer has no meter in service", rule="no_meter",
                                 customer_id=customer.id)
        return meter
    meter = session.get(Meter, meter_id)
    if meter is None or meter.customer_id != customer.id:
        raise ControlRefused("the meter is not the customer's", rule="meter_not_of_customer",
                             customer_id=customer.id, meter_id=meter_id)
    if meter.status != MeterStatus.IN_SERVICE:
        raise ControlRefused("the meter is not in service", rule="meter_not_in_service",
                             meter_id=meter_id, status=meter.status)
    return meter


def check_relay(meter: Meter, action: str) -> None:
    """A meter without a relay (CT-connected: the breaker is elsewhere) cannot be switched."""
    if action in SWITCHING and not meter.has_relay:
        raise ControlRefused("the meter has no relay", rule="no_relay", meter_id=meter.id,
                             action=action)


def open_on_meter(session: Session, meter_id: int) -> list[ControlCommand]:
    return list(session.scalars(select(ControlCommand).where(
        ControlCommand.meter_id == meter_id, ControlCommand.state.in_(OPEN))
        .order_by(ControlCommand.id)))


def check_superseded(open_: list[ControlCommand], action: str) -> None:
    """Only the opposite of `action`, not yet sent, may give way to it."""
    for c in open_:
        if c.action != CONTRARY[CommandAction(action)]:
            raise ControlRefused("another command is open on the meter", rule="meter_busy",
                                 command_id=c.id, action=c.action)
        if c.state == S.SENT:
            raise ControlRefused("the opposite command is on its way to the meter",
                                 rule="in_flight", command_id=c.id)


def check_choice(value: str, enum: type[Enum], field: str) -> None:
    if value not in {m.value for m in enum}:
        raise ValidationError(f"unknown {field} {value!r}", field=field, value=value,
                              reason="unknown")
