"""Cash-up (日结): the clerk counts the drawer blind; the supervisor closes the day.

Clerk mode shows only the count fields: what the payments say is never on
the clerk's screen. Supervisor mode picks a clerk and a day, takes the
clerk's latest count (or a recount typed in), closes the day and shows
expected against counted per method with the differences.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.billing.money import parse_amount
from console.errors import InvalidAmount
from console.services.payments import cash_count
from console.services.payments.cashup import METHODS, close_day
from console.services.payments.types import DayCloseResult
from console.timeutil import local_time, local_today
from widgets.desk import Desk
from widgets.domain_labels import method_name, money
from widgets.errors import MessageBar
from widgets.table_columns import remember_columns

RED, GREEN = QColor("#b3261e"), QColor("#1c6b40")


class CashUpDialog(QDialog):
    """`supervisor=False`: count my drawer. `supervisor=True`: close a clerk's day."""

    sig_done = Signal(object)
    """The count was recorded (CashCount) or the day closed (DayCloseResult)."""

    def __init__(self, desk: Desk, *, supervisor: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._db, self._actor, self.supervisor = desk.db, desk.actor, supervisor
        self.result_data: DayCloseResult | None = None
        self._build_ui()
        self._connect_signals()
        self.retranslate_ui()
        if supervisor:
            self._load_clerks()

    def _build_ui(self) -> None:
        self.message_bar = MessageBar(self)
        self.intro_label = QLabel(self)
        self.intro_label.setWordWrap(True)
        self.clerk_combo, self.day_edit = QComboBox(self), QDateEdit(QDate(local_today()), self)
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDisplayFormat("yyyy-MM-dd")
        self.day_edit.setMaximumDate(QDate(local_today()))
        self.form = QFormLayout()
        self.form.setHorizontalSpacing(16)
        if self.supervisor:
            self.form.addRow(QLabel(self), self.clerk_combo)
            self.form.addRow(QLabel(self), self.day_edit)
        else:  # the clerk counts today, their own drawer
            self.clerk_combo.hide()
            self.day_edit.hide()
        self.edits: dict[str, QLineEdit] = {}
        for method in METHODS:
            edit = QLineEdit(self, objectName="MoneyEdit")
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.setMaximumWidth(180)
            edit.setPlaceholderText("0.00")
            self.edits[method] = edit
            self.form.addRow(QLabel(self), edit)
        self.table = QTableWidget(0, 4, self)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.columns = remember_columns(self.table, "cashup")
        self.table.hide()
        self.summary_label = QLabel(self, objectName="RunResult")
        self.summary_label.setWordWrap(True)
        self.ok_button, self.close_button = QPushButton(self), QPushButton(self)
        self.ok_button.setObjectName("PrimaryButton")
        self.ok_button.setDefault(True)
        self.close_button.setAutoDefault(False)
        self._lay_out()

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.ok_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 16)
        layout.setSpacing(12)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.intro_label)
        layout.addLayout(self.form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary_label)
        layout.addLayout(buttons)
        self.setMinimumWidth(560)

    def _connect_signals(self) -> None:
        self.ok_button.clicked.connect(self._on_ok_button_clicked)
        self.close_button.clicked.connect(self.reject)
        self.clerk_combo.currentIndexChanged.connect(self._on_clerk_or_day_changed)
        self.day_edit.dateChanged.connect(self._on_clerk_or_day_changed)


    def retranslate_ui(self) -> None:
        if self.supervisor:
            self.setWindowTitle(self.tr("Close a clerk's day"))
            self.intro_label.setText(self.tr(
                "Pick the clerk and the day. Their blind count is filled in; correct it if you "
                "counted again together. Closing compares it with the day's payments and records "
                "the differences. A closed day's payments can no longer change."))
            self.ok_button.setText(self.tr("Done") if self.result_data is not None
                                   else self.tr("Close the day"))
        else:
            self.setWindowTitle(self.tr("Count my cash drawer"))
            self.intro_label.setText(self.tr(
                "Count what is in your drawer and terminals for each payment method and enter "
                "the totals. You will not see what the system expects: your supervisor compares "
                "the figures when closing your day."))
            self.ok_button.setText(self.tr("Record my count"))
        self.close_button.setText(self.tr("Close"))
        captions = [self.tr("Clerk"), self.tr("Day")] if self.supervisor else []
        captions += [self.tr("{method} (yuan)").format(method=method_name(m)) for m in METHODS]
        for row, text in enumerate(captions):
            self.form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget().setText(text)
        self.table.setHorizontalHeaderLabels([self.tr("Method"), self.tr("Expected (yuan)"),
                                              self.tr("Counted (yuan)"), self.tr("Difference")])
        if self.result_data is not None:
            self._show_result(self.result_data)

    # -- input ------------------------------------------------------------------------------

    def _counted(self) -> dict[str, Decimal]:
        """Each method's count (empty is 0.00); InvalidAmount names the bad field."""
        return {m: parse_amount(e.text().strip() or "0", field=m, allow_zero=True, ceiling=None)
                for m, e in self.edits.items()}

    def _on_ok_button_clicked(self) -> None:
        if self.result_data is not None:
            self.accept()
            return
        try:
            counted = self._counted()
        except InvalidAmount as exc:
            self.message_bar.show_error(exc)
            self.edits[str(exc.params.get("field"))].setFocus()
            return
        self.ok_button.setEnabled(False)
        db, actor = self._db, self._actor
        if self.supervisor:
            operator, day = self.clerk_combo.currentData(), self.day_edit.date().toPython()
            call = lambda: close_day(db, actor, operator, day, counted)
            done = self._on_day_closed
        else:
            call = lambda: cash_count.record_count(db, actor, counted)
            done = self._on_count_recorded
        self._desk.run(call, self, done, self._on_failed, write=True)

    def _on_failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self.message_bar.show_error(exc)

    def _on_count_recorded(self, count: cash_count.CashCount) -> None:
        self.ok_button.setEnabled(True)
        total = sum(count.counted.values(), Decimal("0.00"))
        self.message_bar.show_message(self.tr(
            "Your count of {total} yuan was recorded at {time}. Your supervisor closes the day; "
            "you may count again until then.").format(total=money(total),
                                                      time=local_time(count.at)),
            MessageBar.Kind.SUCCESS)
        self.sig_done.emit(count)

    # -- supervisor -------------------------------------------------------------------------

    def _load_clerks(self) -> None:
        db, actor, day = self._db, self._actor, self.day_edit.date().toPython()
        self._desk.run(lambda: cash_count.clerks_of_day(db, actor, day), self,
                       self._on_clerks_loaded, self.message_bar.show_error)

    def _on_clerks_loaded(self, clerks: list[cash_count.ClerkDay]) -> None:
        chosen = self.clerk_combo.currentData()
        self.clerk_combo.blockSignals(True)
        self.clerk_combo.clear()
        for c in clerks:
            state = (self.tr("closed") if c.closed else self.tr("counted") if c.counted
                     else self.tr("not counted yet"))
            self.clerk_combo.addItem(self.tr("{name} — %n payment(s), {state}", "", c.payments)
                                     .format(name=c.name, state=state), c.operator_id)
        self.clerk_combo.setCurrentIndex(max(0, self.clerk_combo.findData(chosen)))
        self.clerk_combo.blockSignals(False)
        self._on_clerk_or_day_changed()

    def _on_clerk_or_day_changed(self) -> None:
        operator = self.clerk_combo.currentData()
        if operator is None:
            return
        db, actor, day = self._db, self._actor, self.day_edit.date().toPython()
        self._desk.run(lambda: cash_count.latest_count(db, actor, operator, day), self,
                       self._on_count_loaded, self.message_bar.show_error)

    def _on_count_loaded(self, count: cash_count.CashCount | None) -> None:
        for method, edit in self.edits.items():
            edit.setText(f"{count.counted.get(method, Decimal('0.00'))}" if count else "")
        if count is None:
            self.message_bar.show_message(self.tr("This clerk has not recorded a count for the "
                                                  "day: count together and type it in."))
        else:
            self.message_bar.clear()

    def _on_day_closed(self, result: DayCloseResult) -> None:
        self.result_data = result
        self.ok_button.setEnabled(True)
        for edit in self.edits.values():
            edit.setReadOnly(True)
        self.clerk_combo.setEnabled(False)
        self.day_edit.setEnabled(False)
        self._show_result(result)
        # Closed: one way out. "Close" beside "Done" read as two different endings.
        self.close_button.hide()
        self.ok_button.setText(self.tr("Done"))
        self.sig_done.emit(result)

    def _show_result(self, r: DayCloseResult) -> None:
        self.table.setRowCount(len(r.lines) + 1)
        rows = [(method_name(x.method), x.expected, x.counted, x.difference) for x in r.lines]
        rows.append((self.tr("Total"), r.expected, r.counted, r.difference))
        for row, (name, expected, counted, diff) in enumerate(rows):
            cells = [name, money(expected), money(counted), f"{diff:+,.2f}" if diff else "0.00"]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if col == 3 and diff:
                    item.setForeground(RED if diff < 0 else GREEN)
                if row == len(r.lines):  # the total
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, col, item)
        self.columns.fit()  # items were set one by one: no reset told the columns
        header = self.table.horizontalHeader().height()
        self.table.setFixedHeight(header + sum(self.table.rowHeight(r) for r in
                                               range(self.table.rowCount())) + 4)
        for row in range(len(METHODS)):  # the counts are in the table now
            self.form.setRowVisible(row + 2, False)
        self.table.show()
        self.adjustSize()
        verdict = (self.tr("The drawer agrees with the payments.") if not r.difference else
                   self.tr("Short by {amount} yuan.").format(amount=money(-r.difference))
                   if r.difference < 0 else
                   self.tr("Over by {amount} yuan.").format(amount=money(r.difference)))
        self.summary_label.setText(self.tr(
            "{name}'s day {day} is closed by {boss} at {time}: %n payment(s). {verdict}", "",
            r.payments).format(name=r.operator_name, day=r.day.isoformat(), boss=r.closed_by,
                               time=local_time(r.closed_at), verdict=verdict))
