"""The keys the gateway verifies with, and the simulator's test keys.

A keys folder holds only what a merchant receives from the channels — never their private
keys: `channels.json` (merchant ids, the unit that owns the merchant accounts),
`wechat_apiv3.key` (the 32-character API v3 key, a shared secret: owner-only file),
`wechat_platform_<SERIAL>.pem` (each WeChat Pay platform public key by its serial) and
`alipay_public.pem` (Alipay's public key), `bank_public.pem` (the bank's Ed25519 key that
signs its daily agency batch file, console.channels.bank). `ensure_test_keys` makes a
folder like that for the simulator, whose own private keys go to `simulator/` beside them;
`channels.json` then says `"test_keys": true` and the gateway warns that it is not talking
to a real channel.
"""

from __future__ import annotations

import json
import secrets
import string
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

from console.db import APP_NAME, Database
from console.errors import ValidationError
from console.files import write_user_file

CONFIG = "channels.json"
APIV3_KEY = "wechat_apiv3.key"
ALIPAY_PUBLIC = "alipay_public.pem"
BANK_PUBLIC = "bank_public.pem"
BANK_PRIVATE = "bank_private.pem"  # in simulator/: the test bank's, never a real one
PLATFORM_PREFIX = "wechat_platform_"
SIMULATOR = "simulator"
MAX_KEY_FILE = 16 * 1024  # a PEM public key is under 1 KiB: anything larger is not one


@dataclass(frozen=True)
class ChannelKeys:
    wechat_mchid: str
    wechat_appid: str
    wechat_apiv3_key: bytes  # 32 bytes: the AES-256-GCM key of the resource
    wechat_platform: dict[str, rsa.RSAPublicKey]  # by Wechatpay-Serial
    alipay_app_id: str
    alipay_public: rsa.RSAPublicKey
    unit_code: str  # the unit whose supervisors see held money of unknown customers
    test_keys: bool = False


def keys_folder(db: Database) -> Path:
    """`channels/` beside the embedded database, else in the user's GridDesk data folder."""
    if db.is_sqlite and db.description not in ("", ":memory:"):
        return Path(db.description).parent / "channels"
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "channels"


def load_keys(folder: Path) -> ChannelKeys:
    """The keys in `folder`; a clear ValidationError when something is missing or broken."""
    try:
        config = json.loads(_read(folder / CONFIG))
        apiv3 = _read(folder / APIV3_KEY).strip()
        platform = {p.name[len(PLATFORM_PREFIX):-4]: _public(p)
                    for p in sorted(folder.glob(f"{PLATFORM_PREFIX}*.pem"))}
        alipay = _public(folder / ALIPAY_PUBLIC)
        wechat, ali = config["wechat"], config["alipay"]
        keys = ChannelKeys(str(wechat["mchid"]), str(wechat["appid"]), apiv3, platform,
                           str(ali["app_id"]), alipay, str(config["unit"]),
                           bool(config.get("test_keys", False)))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValidationError(f"channel keys in {folder} are missing or broken: {exc}",
                              field="keys", reason="unreadable") from exc
    if len(keys.wechat_apiv3_key) != 32 or not keys.wechat_platform:
        raise ValidationError(f"channel keys in {folder}: the API v3 key must be 32 characters "
                              "and at least one WeChat platform key must be there",
                              field="keys", reason="incomplete")
    return keys


def _read(path: Path) -> bytes:
    with path.open("rb") as handle:
        data = handle.read(MAX_KEY_FILE + 1)
    if len(data) > MAX_KEY_FILE:
        raise ValueError(f"{path.name} is too large")
    return data


def _public(path: Path) -> rsa.RSAPublicKey:
    key = serialization.load_pem_public_key(_read(path))
    if not isinstance(key, rsa.RSAPublicKey):
        raise ValueError(f"{path.name} is not an RSA public key")
    return key


def ensure_test_keys(folder: Path, *, unit_code: str) -> bool:
    """Make a test keys folder (and the simulator's private keys) unless one is there;
    True when it made one. Test keys only: a real site puts the channels' files here."""
    if (folder / CONFIG).exists():
        return False
    sim = folder / SIMULATOR
    sim.mkdir(parents=True, exist_ok=True, mode=0o700)
    serial = secrets.token_hex(20).upper()  # WeChat serials are 40 hex digits
    alphabet = string.ascii_letters + string.digits
    write_user_file(folder / APIV3_KEY, "".join(secrets.choice(alphabet)
                                                for _ in range(32)).encode())
    for name, public_name in (("wechat_platform", f"{PLATFORM_PREFIX}{serial}.pem"),
                              ("alipay", ALIPAY_PUBLIC)):
        private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        write_user_file(sim / f"{name}_private.pem", private.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption()))
        write_user_file(folder / public_name, private.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    config = {"wechat": {"mchid": "1900000109", "appid": "wxd678efh567hg6787"},
              "alipay": {"app_id": "2021000000000001"}, "unit": unit_code, "test_keys": True,
              "wechat_serial": serial}
    write_user_file(folder / CONFIG, json.dumps(config, indent=2).encode())
    _make_bank_key(folder)
    return True


def ensure_bank_test_key(folder: Path, *, unit_code: str) -> bool:
    """`ensure_test_keys`, plus the test bank's key in a test folder made before it had one;
    True when a bank key was made. A real site's folder (no "test_keys") is left alone."""
    made = ensure_test_keys(folder, unit_code=unit_code)
    if made or (folder / BANK_PUBLIC).exists():
        return made
    try:
        test = bool(json.loads(_read(folder / CONFIG)).get("test_keys", False))
    except (OSError, ValueError, AttributeError):
        test = False
    if test:
        _make_bank_key(folder)
    return test


def _make_bank_key(folder: Path) -> None:
    private = ed25519.Ed25519PrivateKey.generate()
    write_user_file(folder / SIMULATOR / BANK_PRIVATE, private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    write_user_file(folder / BANK_PUBLIC, private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))


@dataclass(frozen=True)
class BankKey:
    public: ed25519.Ed25519PublicKey
    unit_code: str  # the unit whose supervisors see held money of unknown customers
    test_keys: bool


def load_bank_key(folder: Path) -> BankKey:
    """The bank's public key and the merchant unit; a clear ValidationError otherwise."""
    try:
        config = json.loads(_read(folder / CONFIG))
        key = serialization.load_pem_public_key(_read(folder / BANK_PUBLIC))
        if not isinstance(key, ed25519.Ed25519PublicKey):
            raise ValueError(f"{BANK_PUBLIC} is not an Ed25519 public key")
        return BankKey(key, str(config["unit"]), bool(config.get("test_keys", False)))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValidationError(f"the bank's key in {folder} is missing or broken: {exc}",
                              field="keys", reason="unreadable") from exc
