"""Issue seals to a unit or an installer, or take them back into stock, by number range."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from console import ids
from console.services.seals.types import Choice
from widgets.desk import Desk
from widgets.form_dialog import FormDialog
from widgets.seals import calls

ISSUE_UNIT, ISSUE_INSTALLER, RETURN = "issue_unit", "issue_installer", "return"
SCRAP, LOST, DAMAGED = "scrap", "lost", "damaged"
WITH_REASON = (RETURN, SCRAP, LOST, DAMAGED)


def range_size(first: str, last: str) -> int:
    """How many seal numbers first..last spans (0 when either is not a seal number).

    Numbers of one unit differ in the 14-digit serial only; the check digit is not counted.
    """
    first, last = ids.normalise_digits(first), ids.normalise_digits(last)
    if not (ids.is_valid_asset_code(first) and ids.is_valid_asset_code(last)):
        return 0
    if first[:7] != last[:7] or last < first:
        return 0
    return int(last[7:21]) - int(first[7:21]) + 1


class MoveSealsDialog(FormDialog):
    """One range, one destination; the count under the range says how many will move."""

    sig_seals_moved = Signal(int)
    """The seals moved; carries how many."""

    def __init__(self, desk: Desk, *, mode: str,
                 targets: Sequence[Choice] = (), first: str = "", last: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self._db, self._actor, self._mode = desk.db, desk.actor, mode
        self._targets = list(targets)
        self._key = uuid.uuid4().hex
        self._build_ui(first, last)
        self._connect_signals()
        self.retranslate_ui()

    def _build_ui(self, first: str, last: str) -> None:
        self.first_edit, self.last_edit = QLineEdit(first, self), QLineEdit(last, self)
        for edit in (self.first_edit, self.last_edit):
            edit.setMaxLength(22)
            edit.setMinimumWidth(260)
        self.count_label = QLabel(self)
        self.target_combo = QComboBox(self)
        for target in self._targets:
            label = f"{target.name}  ({target.detail})" if target.detail else target.name
            self.target_combo.addItem(label, target.id)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setMaxLength(200)
        for row in (self.first_edit, self.last_edit, self.count_label, self.target_combo,
                    self.reason_edit):
            self.add_row(row)
        self.form.setRowVisible(3, self._mode not in WITH_REASON)
        self.form.setRowVisible(4, self._mode in WITH_REASON)

    def _connect_signals(self) -> None:
        self.first_edit.textChanged.connect(self._update_count)
        self.last_edit.textChanged.connect(self._update_count)

    def retranslate_ui(self) -> None:
        titles = {ISSUE_UNIT: self.tr("Issue seals to a unit"),
                  ISSUE_INSTALLER: self.tr("Issue seals to an installer"),
                  RETURN: self.tr("Return seals to stock"),
                  SCRAP: self.tr("Scrap seals"),
                  LOST: self.tr("Record seals as lost"),
                  DAMAGED: self.tr("Record seals as damaged")}
        intros = {
            ISSUE_UNIT: self.tr("Seals in stock within the range go to the unit's stock."),
            ISSUE_INSTALLER: self.tr("The installer becomes accountable for every seal in the "
                                     "range until it is installed or returned."),
            RETURN: self.tr("Unused seals come back into stock. Lost or damaged seals are "
                            "never returned: record them as such instead."),
            SCRAP: self.tr("Removed or unused seals are destroyed. Their numbers are never "
                           "used again."),
            LOST: self.tr("Lost seals are never used again; a lost seal found on a meter "
                          "later shows as an anomaly."),
            DAMAGED: self.tr("Broken or unusable seals are never used again.")}
        self.setWindowTitle(titles[self._mode])
        self.intro_label.setText(intros[self._mode])
        target = self.tr("Installer:") if self._mode == ISSUE_INSTALLER else self.tr("Unit:")
        self.set_labels(self.tr("First number:"), self.tr("Last number:"),
                        self.tr("Seals in the range:"),
                        target, self.tr("Reason:"))
        self.reason_edit.setPlaceholderText(self.tr("e.g. left over after the campaign"))
        self.ok_button.setText({RETURN: self.tr("Return"), SCRAP: self.tr("Scrap"),
                                LOST: self.tr("Record as lost"),
                                DAMAGED: self.tr("Record as damaged")}.get(
            self._mode, self.tr("Issue")))
        self.cancel_button.setText(self.tr("Cancel"))
        self._update_count()

    def _update_count(self) -> None:
        first, last = self.first_edit.text(), self.last_edit.text()
        count = range_size(first, last)
        self.count_label.setText(f"{count:,}" if count else self._range_hint(first, last))
        self.ok_button.setEnabled(count > 0)

    def _range_hint(self, first: str, last: str) -> str:
        """Why the range counts nothing: a whole number that is wrong says so at once."""
        for number in (first, last):
            digits = ids.normalise_digits(number)
            if len(digits) >= 22 and not ids.is_valid_asset_code(digits):
                return self.tr("\"{number}\" is not a 22-digit seal number with a valid check "
                               "digit.").format(number=number.strip())
        first, last = ids.normalise_digits(first), ids.normalise_digits(last)
        if ids.is_valid_asset_code(first) and ids.is_valid_asset_code(last):
            if first[:7] != last[:7]:
                return self.tr("The first and last numbers belong to different units.")
            return self.tr("The last number comes before the first.")
        return self.tr("Type or scan the first and last seal numbers.")

    def _on_ok_clicked(self) -> None:
        first = ids.normalise_digits(self.first_edit.text())
        last = ids.normalise_digits(self.last_edit.text())
        if range_size(first, last) == 0:
            return
        db, actor, key, mode = self._db, self._actor, self._key, self._mode
        target, reason = self.target_combo.currentData(), self.reason_edit.text().strip()
        self._save(lambda: calls.move_seals(db, actor, mode, first, last, target=target,
                                            reason=reason, idempotency_key=key))

    def _on_failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self.message_bar.show_error(calls.seal_error_text(exc))

    def _on_saved(self, value: int) -> None:
        self.sig_seals_moved.emit(int(value))
