"""The channels' side for the demo and the tests: notifications signed with the test keys
that `keys.ensure_test_keys` made (never anyone's real keys), and a run that sends the
cases the gateway must tell apart: normal, duplicated, out of order, late and forged.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import secrets
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlencode

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from console.channels.alipay import signed_text
from console.channels.bank import render_batch, signature_file
from console.channels.keys import APIV3_KEY, BANK_PRIVATE, CONFIG, SIMULATOR
from console.channels.orders import OrderTicket
from console.files import write_user_file
from console.timeutil import LOCAL

Sent = tuple[dict[str, str], bytes]  # headers, body


def _private(path: Path) -> rsa.RSAPrivateKey:
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    assert isinstance(key, rsa.RSAPrivateKey)
    return key


def _sign(key: rsa.RSAPrivateKey, message: bytes) -> str:
    return base64.b64encode(key.sign(message, padding.PKCS1v15(), hashes.SHA256())).decode()


@dataclass
class BankSigner:
    """Plays the bank: writes a day's agency batch file and its detached signature."""

    key: ed25519.Ed25519PrivateKey
    bank: str = "SIMBANK"

    @classmethod
    def from_folder(cls, folder: Path) -> BankSigner:
        key = serialization.load_pem_private_key(
            (folder / SIMULATOR / BANK_PRIVATE).read_bytes(), password=None)
        assert isinstance(key, ed25519.Ed25519PrivateKey)
        return cls(key)

    def records(self, day: dt.date, payments: list[tuple[str, Decimal]]
                ) -> list[tuple[str, str, Decimal, dt.datetime]]:
        """(customer, amount) as the day's records; the same day gives the same ids."""
        opening = dt.datetime.combine(day, dt.time(9), LOCAL)
        return [(f"{self.bank}{day:%Y%m%d}{n:06d}", customer, amount,
                 opening + dt.timedelta(minutes=7 * n))
                for n, (customer, amount) in enumerate(payments, start=1)]

    def write(self, folder: Path, day: dt.date,
              records: list[tuple[str, str, Decimal, dt.datetime]]) -> tuple[Path, Path]:
        """`bank_batch_YYYYMMDD.csv` and its `.sig` in `folder`."""
        data = render_batch(self.bank, day, records)
        path = folder / f"bank_batch_{day:%Y%m%d}.csv"
        write_user_file(path, data)
        write_user_file(path.with_name(path.name + ".sig"), signature_file(self.key, data))
        return path, path.with_name(path.name + ".sig")


@dataclass
class WechatSigner:
    """Plays the WeChat Pay platform: encrypts the transaction, signs the notification."""

    key: rsa.RSAPrivateKey
    serial: str
    apiv3_key: bytes
    mchid: str
    appid: str

    @classmethod
    def from_folder(cls, folder: Path) -> WechatSigner:
        config = json.loads((folder / CONFIG).read_text())
        return cls(_private(folder / SIMULATOR / "wechat_platform_private.pem"),
                   config["wechat_serial"], (folder / APIV3_KEY).read_bytes().strip(),
                   config["wechat"]["mchid"], config["wechat"]["appid"])

    def transaction(self, txn: str, customer_no: str, fen: int, state: str = "SUCCESS",
                    out_trade_no: str = "") -> dict[str, object]:
        return {"mchid": self.mchid, "appid": self.appid,
                "out_trade_no": out_trade_no or f"GD{txn[-20:]}",
                "transaction_id": txn, "trade_type": "JSAPI", "trade_state": state,
                "trade_state_desc": "支付成功", "bank_type": "OTHERS", "attach": customer_no,
                "success_time": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "payer": {"openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"},
                "amount": {"total": fen, "payer_total": fen, "currency": "CNY",
                           "payer_currency": "CNY"}}

    def body(self, transaction: dict[str, object]) -> bytes:
        nonce, associated = secrets.token_hex(6), "transaction"
        cipher = AESGCM(self.apiv3_key).encrypt(nonce.encode(), json.dumps(
            transaction, ensure_ascii=False).encode(), associated.encode())
        return json.dumps({
            "id": secrets.token_hex(18), "create_time": dt.datetime.now(dt.UTC).isoformat(),
            "resource_type": "encrypt-resource", "event_type": "TRANSACTION.SUCCESS",
            "summary": "支付成功", "resource": {
                "original_type": "transaction", "algorithm": "AEAD_AES_256_GCM",
                "ciphertext": base64.b64encode(cipher).decode(), "associated_data": associated,
                "nonce": nonce}}, ensure_ascii=False).encode()

    def headers(self, body: bytes, *, nonce: str | None = None, at: dt.datetime | None = None,
                key: rsa.RSAPrivateKey | None = None) -> dict[str, str]:
        stamp = str(int((at or dt.datetime.now(dt.UTC)).timestamp()))
        nonce = nonce or secrets.token_hex(16).upper()
        signature = _sign(key or self.key, f"{stamp}\n{nonce}\n".encode() + body + b"\n")
        return {"Wechatpay-Timestamp": stamp, "Wechatpay-Nonce": nonce,
                "Wechatpay-Signature": signature, "Wechatpay-Serial": self.serial,
                "Wechatpay-Signature-Type": "WECHATPAY2-SHA256-RSA2048",
                "Content-Type": "application/json"}

    def notification(self, txn: str, customer_no: str, fen: int, out_trade_no: str = "",
                     **kw: object) -> Sent:
        body = self.body(self.transaction(txn, customer_no, fen, out_trade_no=out_trade_no))
        return self.headers(body, **kw), body  # type: ignore[arg-type]


@dataclass
class AlipaySigner:
    """Plays Alipay: signs the form parameters RSA2."""

    key: rsa.RSAPrivateKey
    app_id: str

    @classmethod
    def from_folder(cls, folder: Path) -> AlipaySigner:
        config = json.loads((folder / CONFIG).read_text())
        return cls(_private(folder / SIMULATOR / "alipay_private.pem"), config["alipay"]["app_id"])

    def params(self, trade_no: str, customer_no: str, yuan: Decimal | str,
               status: str = "TRADE_SUCCESS", notify_id: str | None = None,
               out_trade_no: str = "") -> dict[str, str]:
        now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
        return {"notify_time": now, "notify_type": "trade_status_sync",
                "notify_id": notify_id or secrets.token_hex(16), "charset": "utf-8",
                "version": "1.0", "app_id": self.app_id, "trade_no": trade_no,
                "out_trade_no": out_trade_no or f"GD{trade_no[-20:]}", "trade_status": status,
                "total_amount": str(yuan), "receipt_amount": str(yuan), "gmt_payment": now,
                "subject": "电费缴费", "passback_params": customer_no, "buyer_logon_id": ""}

    def form(self, params: dict[str, str], key: rsa.RSAPrivateKey | None = None) -> Sent:
        signed = dict(params, sign_type="RSA2",
                      sign=_sign(key or self.key, signed_text(params).encode()))
        return ({"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
                urlencode(signed).encode())


def send(url: str, sent: Sent, timeout: float = 10) -> tuple[int, bytes]:
    """POST over HTTP; the status and body, whatever the status."""
    headers, body = sent
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def run_scenarios(base: str, folder: Path, customer_no: str, amount: Decimal,
                  say: Callable[[str], None] = print) -> dict[str, int]:
    """Send one of each case to the gateway at `base`; each case's HTTP status. The trade
    it "loses" (paid on the channel, never notified) is only written down, in
    `simulator/lost.jsonl` of the keys folder, for the reconciliation to find."""
    wechat, alipay = WechatSigner.from_folder(folder), AlipaySigner.from_folder(folder)
    forger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    fen = int(amount * 100)
    txn = _wechat_txn()
    w, a = f"{base}/wechat/notify", f"{base}/alipay/notify"
    cases: dict[str, tuple[str, Sent]] = {
        "wechat normal": (w, wechat.notification(txn, customer_no, fen)),
        "wechat duplicate": (w, wechat.notification(txn, customer_no, fen)),
        "wechat late": (w, wechat.notification(_wechat_txn(), customer_no, fen,
                                               at=dt.datetime.now(dt.UTC)
                                               - dt.timedelta(minutes=6))),
        "wechat forged": (w, wechat.notification(_wechat_txn(), customer_no, fen, key=forger)),
    }
    trade = "2026" + secrets.token_hex(12)
    # Out of order: the trade's final state arrives before its success.
    for name, status in (("alipay finished first", "TRADE_FINISHED"),
                         ("alipay success after", "TRADE_SUCCESS")):
        cases[name] = (a, alipay.form(alipay.params(trade, customer_no, amount, status)))
    cases["alipay forged"] = (a, alipay.form(alipay.params("2026" + secrets.token_hex(12),
                                                           customer_no, amount), key=forger))
    answers: dict[str, int] = {}
    for name, (url, sent) in cases.items():
        code, body = send(url, sent)
        answers[name] = code
        say(f"{name:24} {code} {body.decode('utf-8', 'replace')[:60]}")
    lost = _lose(folder, "wechat", _wechat_txn(), customer_no, amount)
    say(f"{'wechat lost':24} not sent: {lost}")
    return answers


def pay_order(base: str, folder: Path, ticket: OrderTicket, *,
              key: rsa.RSAPrivateKey | None = None) -> tuple[int, str]:
    """The customer's phone pays a scanned order: the channel's signed notification of it
    to the gateway at `base` (signed with `key` instead: a forgery). The HTTP status and
    the channel's transaction id."""
    if ticket.channel == "alipay":
        trade = "2026" + secrets.token_hex(12)
        alipay = AlipaySigner.from_folder(folder)
        params = alipay.params(trade, ticket.customer_no, ticket.amount,
                               out_trade_no=ticket.out_trade_no)
        status, _body = send(f"{base}/alipay/notify", alipay.form(params, key=key))
        return status, trade
    txn = _wechat_txn()
    wechat = WechatSigner.from_folder(folder)
    status, _body = send(f"{base}/wechat/notify", wechat.notification(
        txn, ticket.customer_no, int(ticket.amount * 100), ticket.out_trade_no, key=key))
    return status, txn


def _wechat_txn() -> str:
    return "4200" + secrets.token_hex(14)


def _lose(folder: Path, channel: str, txn: str, customer_no: str, amount: Decimal) -> str:
    """A trade the channel took but whose notification never left: written down only."""
    line = {"channel": channel, "transaction_id": txn, "customer_no": customer_no,
            "amount": str(amount), "paid_at": dt.datetime.now(dt.UTC).isoformat()}
    with (folder / SIMULATOR / "lost.jsonl").open("a", encoding="utf-8") as out:
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
    return txn
