"""The desk: answers only for live owners and their newest question; writes tell every panel."""

from __future__ import annotations

import importlib
import inspect
import threading

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from console.changes import Changes
from console.services.actor import Actor
from tests.payments.test_dialog import Receipts, hall, open_dialog, open_panel  # noqa: F401
from widgets.customers.lookup_panel import LookupPanel
from widgets.desk import Desk
from widgets.navigation import PANELS, panel_description, panel_title

NOBODY = Actor(user_id=1, username="t", full_name="t", role="counter", unit_id=1,
               unit_name="t", unit_code="t", workstation="t")


@pytest.fixture
def desk(tasks):
    return Desk(None, tasks, NOBODY)  # these runs never touch the database


def blocked(value, gate: threading.Event):
    """An op that answers `value` once the test opens the gate."""

    def op():
        assert gate.wait(5), "the test never let the task finish"
        return value

    return op


def test_an_answer_for_a_closed_window_is_dropped(qtbot, desk, tasks):
    gate, heard = threading.Event(), []
    gone, alive = QWidget(), QWidget()
    qtbot.addWidget(alive)
    desk.run(blocked("for the closed one", gate), gone, heard.append, heard.append)
    desk.run(blocked("for the open one", gate), alive, heard.append, heard.append)
    shiboken6.delete(gone)  # closed (WA_DeleteOnClose) while its task was running
    gate.set()
    qtbot.waitUntil(lambda: not tasks.busy, timeout=5000)
    assert heard == ["for the open one"]


def test_a_newer_run_under_the_same_key_supersedes_an_older_one(qtbot, desk, tasks):
    first_gate, heard = threading.Event(), []
    owner = QWidget()
    qtbot.addWidget(owner)
    desk.run(blocked("old search", first_gate), owner, heard.append, key="search")
    desk.run(blocked("other key", first_gate), owner, heard.append, key="detail")
    desk.run(lambda: "new search", owner, heard.append, key="search")
    qtbot.waitUntil(lambda: heard == ["new search"], timeout=5000)
    first_gate.set()  # the old search answers last, as a slow query would
    qtbot.waitUntil(lambda: not tasks.busy, timeout=5000)
    assert heard == ["new search", "other key"]


def test_a_dropped_run_under_a_key_answers_nobody(qtbot, desk, tasks):
    gate, heard = threading.Event(), []
    owner = QWidget()
    qtbot.addWidget(owner)
    desk.run(blocked("typed before the box was cleared", gate), owner, heard.append,
             key="search")
    desk.drop(owner, "search")
    gate.set()
    qtbot.waitUntil(lambda: not tasks.busy, timeout=5000)
    assert heard == []


def test_a_write_tells_every_panel_even_once_its_window_is_closed(qtbot, desk, tasks):
    gate, gone = threading.Event(), QWidget()
    desk.run(blocked(Changes.of([7], payments=True), gate), gone, write=True)
    shiboken6.delete(gone)
    with qtbot.waitSignal(desk.sig_changed, timeout=5000) as told:
        gate.set()
    assert told.args == [Changes.of([7], payments=True)]


def test_a_read_tells_nobody(qtbot, desk, tasks):
    owner = QWidget()
    qtbot.addWidget(owner)
    with qtbot.assertNotEmitted(desk.sig_changed, wait=0):
        desk.run(lambda: Changes(payments=True), owner)  # a read, whatever it returns
        qtbot.waitUntil(lambda: not tasks.busy, timeout=5000)


def test_a_payment_reaches_the_other_panels_of_the_desk(qtbot, file_db, tasks, hall):  # noqa: F811
    till = open_panel(qtbot, file_db, tasks, hall["clerk"], Receipts(), hall["farmer_no"])
    desk = till._desk
    # The same customer on a second panel of this desk, and on another workstation's.
    beside, elsewhere = LookupPanel(desk), LookupPanel(Desk(file_db, tasks, hall["clerk"]))
    for panel in (beside, elsewhere):
        qtbot.addWidget(panel)
        with qtbot.waitSignal(panel.view.sig_loaded, timeout=5000):
            panel.open_customer(hall["farmer"])
        assert panel.view.fields["amount_due"][1].text() == "98.62"
    heard: list[Changes] = []
    desk.sig_changed.connect(heard.append)
    dialog = open_dialog(qtbot, till)
    qtbot.keyClicks(dialog.tendered_edit, "100")
    with qtbot.waitSignal(beside.view.sig_loaded, timeout=5000):
        qtbot.keyClick(dialog.tendered_edit, Qt.Key.Key_Return)
    assert [(c.payments, c.customers) for c in heard] == [(True, {hall["farmer"]})]
    assert beside.view.fields["amount_due"][1].text() == "0.00"
    qtbot.waitUntil(lambda: not tasks.busy, timeout=5000)
    # The other desk hears nothing: only its own writes (or its polls) refresh it.
    assert elsewhere.view.fields["amount_due"][1].text() == "98.62"


def test_every_panel_is_one_entry_of_the_table():
    """Title, description and a builder that takes the desk: all a new panel registers."""
    for spec in PANELS:
        module, _, name = spec.factory.partition(":")
        make = getattr(importlib.import_module(module), name)
        assert list(inspect.signature(make).parameters)[:2] == ["desk", "parent"], spec.key
        assert panel_title(spec.key) and panel_description(spec.key), spec.key
    assert len({spec.key for spec in PANELS}) == len({spec.function_key for spec in PANELS})
