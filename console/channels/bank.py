"""Bank agency (代收) batch files: the bank's signed list of one day's collections.

A bank that collects electricity money for us sends one file a day, `bank_batch_YYYYMMDD.csv`,
UTF-8 (a leading BOM is tolerated), lines ending in LF or CRLF, comma-separated:

    H,GDBANK1,<bank code>,<YYYYMMDD>,<record count>,<total yuan>
    D,<bank transaction id>,<customer number>,<amount yuan>,<paid at>
    … one D line per collection …
    T,<record count>,<total yuan>

Amounts have exactly two decimals and are positive; `paid at` is ISO 8601 with its UTC
offset (2026-12-07T09:15:00+08:00) on the batch day or the day before in Asia/Shanghai
(a bank's cut-off is often the evening before). Header and trailer must agree with the
records, transaction ids are unique in the file, and a file named bank_batch_YYYYMMDD.csv
must carry that date. Beside it, `bank_batch_YYYYMMDD.csv.sig`: the detached Ed25519
signature over the file's exact bytes, base64 on one line, made with the bank's private key;
we verify it with `bank_public.pem` of the channel keys folder before reading a line.

Any fault refuses the whole file (BatchRefused, every problem with its line number) and
nothing is written; a valid file's records are then posted like phone payments
(console.services.channels.bank_import).
"""

from __future__ import annotations

import base64
import binascii
import csv
import datetime as dt
import hashlib
import os
import re
import stat
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ed25519

from console.errors import ValidationError
from console.timeutil import LOCAL

MAGIC = "GDBANK1"
MAX_BATCH_BYTES = 50 * 1024 * 1024  # a day of one county's collections is a few MB
MAX_SIG_BYTES = 1024  # 88 characters of base64 and a line end
MAX_PROBLEMS = 20  # listed; the rest are counted
FILE_NAME = re.compile(r"bank_batch_(\d{8})\.csv")
_BANK = re.compile(r"[A-Za-z0-9_-]{1,32}")
_TXN = re.compile(r"[A-Za-z0-9_-]{1,64}")
_CUSTOMER = re.compile(r"[0-9A-Za-z]{1,32}")
_AMOUNT = re.compile(r"\d{1,10}\.\d{2}")
_COUNT = re.compile(r"\d{1,9}")
_DAY = re.compile(r"\d{8}")


class BatchRefused(ValidationError):
    """The file is refused whole: `problems` says why, each with its line number."""

    code = "bank_batch_refused"

    def __init__(self, reason: str, problems: list[str]) -> None:
        shown = problems[:MAX_PROBLEMS]
        more = len(problems) - len(shown)
        text = "; ".join(shown) + (f"; and {more} more" if more else "")
        super().__init__(f"bank batch refused, nothing posted: {text}", reason=reason)
        self.reason = reason
        self.problems = tuple(shown) + ((f"… and {more} more",) if more else ())


@dataclass(frozen=True)
class BankRecord:
    line: int
    transaction_id: str
    customer_no: str
    amount: Decimal
    paid_at: dt.datetime


@dataclass(frozen=True)
class BankBatch:
    bank: str
    day: dt.date
    records: tuple[BankRecord, ...]
    total: Decimal
    sha256: str  # of the file's bytes: the audit trail names the file imported


def read_signed(path: Path, key: ed25519.Ed25519PublicKey, *, sig_path: Path | None = None,
                max_bytes: int = MAX_BATCH_BYTES) -> bytes:
    """The file's bytes once their signature verifies; its size is checked before reading."""
    sig_path = sig_path or path.with_name(path.name + ".sig")
    data = _bounded(path, max_bytes, "oversized")
    sig_text = _bounded(sig_path, MAX_SIG_BYTES, "bad_signature")
    try:
        signature = base64.b64decode(sig_text.strip(), validate=True)
        key.verify(signature, data)
    except (binascii.Error, ValueError, InvalidSignature):
        raise BatchRefused("bad_signature", [
            f"the signature {sig_path.name} does not match {path.name} and the bank's key: "
            "the file was changed, or signed with another key"]) from None
    return data


def _bounded(path: Path, limit: int, reason: str) -> bytes:
    try:
        # Non-blocking: a named pipe put in the file's place must not hang the import.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())  # of the file opened, not a name swapped since
            if not stat.S_ISREG(info.st_mode):
                raise BatchRefused("unreadable", [f"{path.name} is not a regular file"])
            if info.st_size > limit:  # refused before a byte is read
                raise BatchRefused(reason, [f"{path.name} is {info.st_size} bytes, more "
                                            f"than {limit}"])
            data = handle.read(limit + 1)
    except OSError as exc:
        raise BatchRefused("unreadable", [f"cannot read {path}: {exc.strerror}"]) from None
    if len(data) > limit:  # it grew while we looked
        raise BatchRefused(reason, [f"{path.name} is more than {limit} bytes"])
    return data


def parse_batch(data: bytes, *, file_name: str = "") -> BankBatch:
    """Every line checked; BatchRefused listing all problems when any line is wrong."""
    rows = _rows(_decode(data))
    problems: list[str] = []
    header = _header(rows[0], problems)
    # Without its trailer the last line is one more record to check, and the file is cut.
    has_trailer = len(rows) > 1 and rows[-1][:1] == ["T"]
    body = rows[1:-1] if has_trailer else rows[1:]
    records = [_record(number, row, header, problems)
               for number, row in enumerate(body, start=2)]
    found = [r for r in records if r is not None]
    if has_trailer:
        _trailer(rows, header, found, problems)
    else:
        problems.append(f"line {len(rows)}: the file ends without its trailer T,COUNT,TOTAL "
                        "(cut short?)")
    _duplicates(found, problems)
    _file_date(file_name, header, problems)
    if problems or header is None:
        raise BatchRefused("invalid", sorted(problems, key=_line_of))
    return BankBatch(header[0], header[1], tuple(found), header[3],
                     hashlib.sha256(data).hexdigest())


def _line_of(problem: str) -> int:
    return int(problem.split(":", 1)[0].removeprefix("line "))


def _decode(data: bytes) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise BatchRefused("encoding", [
            f"line {line}: byte 0x{data[exc.start]:02x} is not UTF-8; the bank file must be "
            "UTF-8 (a GBK file must be converted by the bank, not by us)"]) from None
    return text.removeprefix("\ufeff")


def _rows(text: str) -> list[list[str]]:
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()  # the last line's own line end
    if not lines:
        raise BatchRefused("invalid", ["line 1: the file is empty"])
    reader = csv.reader((line.removesuffix("\r") for line in lines), strict=True)
    try:
        return list(reader)
    except csv.Error as exc:
        raise BatchRefused("invalid", [f"line {reader.line_num}: {exc}"]) from None


Header = tuple[str, dt.date, int, Decimal]


def _header(row: list[str], problems: list[str]) -> Header | None:
    if len(row) != 6 or row[0] != "H" or row[1] != MAGIC:
        problems.append(f"line 1: the header must be H,{MAGIC},BANK,YYYYMMDD,COUNT,TOTAL "
                        f"(found {_shown(','.join(row))})")
        return None
    _, _, bank, day, count, total = row
    day_value = _date(day)
    amount = _money(total)
    if not _BANK.fullmatch(bank) or day_value is None or not _COUNT.fullmatch(count) \
            or amount is None:
        problems.append(f"line 1: bad bank code, date, count or total in the header "
                        f"({_shown(','.join(row))})")
        return None
    return bank, day_value, int(count), amount


def _record(number: int, row: list[str], header: Header | None,
            problems: list[str]) -> BankRecord | None:
    if len(row) != 5 or row[0] != "D":
        problems.append(f"line {number}: a record must be D,TRANSACTION,CUSTOMER,AMOUNT,PAID_AT "
                        f"(found {_shown(','.join(row))})")
        return None
    _, txn, customer, amount, paid = row
    faults = [what for what, bad in (
        (f"transaction id {_shown(txn)}", not _TXN.fullmatch(txn)),
        (f"customer number {_shown(customer)}", not _CUSTOMER.fullmatch(customer)),
        (f"amount {_shown(amount)} (yuan with two decimals, above zero)",
         _money(amount) in (None, Decimal("0.00")))) if bad]
    paid_at = _paid_at(paid, header[1] if header else None)
    if paid_at is None:
        faults.append(f"paid at {_shown(paid)} (ISO 8601 with offset, on the batch day "
                      "or the day before)")
    if faults:
        problems.append(f"line {number}: bad " + ", ".join(faults))
        return None
    value = _money(amount)
    assert value is not None and paid_at is not None
    return BankRecord(number, txn, customer, value, paid_at)


def _trailer(rows: list[list[str]], header: Header | None, found: list[BankRecord],
             problems: list[str]) -> None:
    number, row = len(rows), rows[-1]
    if len(row) != 3 or not _COUNT.fullmatch(row[1]) or _money(row[2]) is None:
        problems.append(f"line {number}: the trailer must be T,COUNT,TOTAL "
                        f"(found {_shown(','.join(row))})")
        return
    count, total = len(rows) - 2, sum((r.amount for r in found), Decimal("0.00"))
    said = [("trailer", number, int(row[1]), _money(row[2]))]
    if header is not None:
        said.append(("header", 1, header[2], header[3]))
    records_clean = not problems  # a total over records refused line by line means nothing
    for where, line, said_count, said_total in said:
        if said_count != count:
            problems.append(f"line {line}: the {where} says {said_count} records, the file "
                            f"has {count}")
        if records_clean and said_total != total:
            problems.append(f"line {line}: the {where} says {said_total} yuan, the records "
                            f"add up to {total}")


def _duplicates(found: list[BankRecord], problems: list[str]) -> None:
    first: dict[str, int] = {}
    for record in found:
        if record.transaction_id in first:
            problems.append(f"line {record.line}: transaction {record.transaction_id} is "
                            f"already on line {first[record.transaction_id]}")
        first.setdefault(record.transaction_id, record.line)


def _file_date(file_name: str, header: Header | None, problems: list[str]) -> None:
    named = FILE_NAME.fullmatch(file_name)
    if named and header is not None and _date(named.group(1)) != header[1]:
        problems.append(f"line 1: the header's date {header[1]:%Y%m%d} is not the file "
                        f"name's {named.group(1)}")


def _date(text: str) -> dt.date | None:
    if not _DAY.fullmatch(text):
        return None
    try:
        return dt.datetime.strptime(text, "%Y%m%d").date()
    except ValueError:
        return None


def _money(text: str) -> Decimal | None:
    return Decimal(text) if _AMOUNT.fullmatch(text) else None


def _paid_at(text: str, day: dt.date | None) -> dt.datetime | None:
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    if value.tzinfo is None or len(text) > 40:
        return None
    local = value.astimezone(LOCAL).date()
    if day is not None and local not in (day, day - dt.timedelta(days=1)):
        return None
    return value.astimezone(dt.UTC)


def _shown(text: str) -> str:
    """Untrusted text in a message: repr-quoted (control characters escaped), cut short."""
    return repr(text[:40] + ("…" if len(text) > 40 else ""))


def render_batch(bank: str, day: dt.date,
                 records: list[tuple[str, str, Decimal, dt.datetime]]) -> bytes:
    """A batch file's bytes in this format (the simulator, tests)."""
    total = sum((amount for _t, _c, amount, _p in records), Decimal("0.00"))
    lines = [f"H,{MAGIC},{bank},{day:%Y%m%d},{len(records)},{total:.2f}"]
    lines += [f"D,{txn},{customer},{amount:.2f},{paid.isoformat()}"
              for txn, customer, amount, paid in records]
    lines.append(f"T,{len(records)},{total:.2f}")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def signature_file(private: ed25519.Ed25519PrivateKey, data: bytes) -> bytes:
    """The `.sig` file's bytes for `data`: base64 of the Ed25519 signature, one line."""
    return base64.b64encode(private.sign(data)) + b"\n"
