"""DL/T 645-2007 codec against frames worked out by hand from the standard.

Every reference frame uses meter address 123456789012, which goes on the wire
low byte first: A0..A5 = 12 90 78 56 34 12. The sum of the fixed head
68 12 90 78 56 34 12 68 is 104+18+144+120+86+52+18+104 = 646; the checksum
comments add the rest to that (all decimal) and keep the sum modulo 256.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from console.metering import dlt645 as p
from console.metering.dlt645 import ControlOp, DataId, ErrorBits, FrameError

ADDRESS = "123456789012"
HEAD = "68 12 90 78 56 34 12 68"  # sum of these 8 bytes: 646


def hexbytes(text: str) -> bytes:
    return bytes.fromhex(text)


def test_read_request_matches_the_standard():
    # C=11H, L=04, DI 00 01 00 00 sent DI0 first (00 00 01 00) +33H = 33 33 34 33.
    # CS = 646 + 17 + 4 + 51+51+52+51 = 872 = 768 + 104 -> 104 = 68H.
    expected = hexbytes(f"FE FE FE FE {HEAD} 11 04 33 33 34 33 68 16")
    assert p.read_request(ADDRESS, DataId.FORWARD_ACTIVE_TOTAL) == expected
    assert p.decode_frame(expected) == p.Frame(ADDRESS, 0x11, hexbytes("00 00 01 00"))


def test_normal_read_reply_matches_the_standard():
    # 1234.56 kWh as XXXXXX.XX = BCD 00 12 34 56, low byte first 56 34 12 00,
    # +33H = 89 67 45 33. C=91H, L=08.
    # CS = 646 + 145 + 8 + (51+51+52+51) + (137+103+69+51) = 1364 -> 84 = 54H.
    wire = hexbytes(f"{HEAD} 91 08 33 33 34 33 89 67 45 33 54 16")
    payload = p.encode_value(DataId.FORWARD_ACTIVE_TOTAL, Decimal("1234.56"))
    assert p.read_reply(ADDRESS, DataId.FORWARD_ACTIVE_TOTAL, payload) == b"\xfe" * 4 + wire
    frame = p.decode_frame(wire)
    assert frame.is_reply and not frame.is_error and not frame.has_more
    assert p.reply_di(frame) == DataId.FORWARD_ACTIVE_TOTAL
    assert p.decode_value(DataId.FORWARD_ACTIVE_TOTAL, frame.data[4:]) == Decimal("1234.56")


def test_error_reply_matches_the_standard():
    # D1H + one error byte: 02H (no such data) +33H = 35H.
    # CS = 646 + 209 + 1 + 53 = 909 -> 141 = 8DH.
    wire = hexbytes(f"{HEAD} D1 01 35 8D 16")
    assert p.error_reply(ADDRESS, p.Function.READ, ErrorBits.NO_DATA) == b"\xfe" * 4 + wire
    frame = p.decode_frame(wire)
    assert frame.is_error and frame.error == ErrorBits.NO_DATA


# 1CH data: PA P0 P1 P2 = level 02, password 123456 low byte first: 02 56 34 12;
# C0..C3 = operator 12345678: 78 56 34 12; N1, N2 = 00; valid until
# 2025-06-30 12:34:56 as ss mm hh DD MM YY: 56 34 12 30 06 25.
# +33H: 35 89 67 45 | AB 89 67 45 | N1+33 33 | 89 67 45 63 39 58.
# Data sum without N1: 53+137+103+69 + 171+137+103+69 + 51 + 137+103+69+99+57+88 = 1446.
SIGNER = p.PlainPasswordSigner("123456", level=2, operator="12345678")
UNTIL = dt.datetime(2025, 6, 30, 12, 34, 56)


@pytest.mark.parametrize(("op", "n1_wire", "checksum"), [
    # CS = 646 + 28 (1CH) + 16 (L) + 1446 + N1: trip 1AH+33H = 4DH = 77 -> 2213 -> 165 = A5H
    (ControlOp.TRIP, "4D", "A5"),
    # direct close 1CH+33H = 4FH = 79 -> 2215 -> 167 = A7H
    (ControlOp.CLOSE_DIRECT, "4F", "A7"),
    # close allowed 1BH+33H = 4EH = 78 -> 2214 -> 166 = A6H
    (ControlOp.CLOSE_ALLOWED, "4E", "A6"),
])
def test_remote_control_matches_the_standard(op, n1_wire, checksum):
    data = SIGNER.build(address=ADDRESS, op=op, valid_until=UNTIL)
    wire = hexbytes(f"{HEAD} 1C 10 35 89 67 45 AB 89 67 45 {n1_wire} 33 "
                    f"89 67 45 63 39 58 {checksum} 16")
    assert p.control_request(ADDRESS, data) == b"\xfe" * 4 + wire
    parsed = p.parse_control_data(p.decode_frame(wire).data)
    assert parsed == p.ControlRequest(2, "123456", "12345678", op, UNTIL)


def test_control_replies_match_the_standard():
    # 9CH, no data: CS = 646 + 156 = 802 -> 34 = 22H.
    assert p.control_reply(ADDRESS) == hexbytes(f"FE FE FE FE {HEAD} 9C 00 22 16")
    # DCH + 04H (password wrong) +33H = 37H: CS = 646 + 220 + 1 + 55 = 922 -> 154 = 9AH.
    wire = hexbytes(f"{HEAD} DC 01 37 9A 16")
    assert p.error_reply(ADDRESS, p.Function.CONTROL, ErrorBits.PASSWORD) == b"\xfe" * 4 + wire
    assert p.decode_frame(wire).error == ErrorBits.PASSWORD


def test_signer_turns_aware_times_into_meter_time():
    utc = dt.datetime(2025, 6, 30, 4, 34, 56, tzinfo=dt.UTC)  # 12:34:56 in Shanghai
    assert (SIGNER.build(address=ADDRESS, op=ControlOp.TRIP, valid_until=utc)
            == SIGNER.build(address=ADDRESS, op=ControlOp.TRIP, valid_until=UNTIL))


@pytest.mark.parametrize(("di", "value", "wire"), [
    # XXX.X V: 220.1 -> 2201 -> 01 22
    (DataId.VOLTAGE_A, Decimal("220.1"), "01 22"),
    # XXX.XXX A with sign: -1.500 -> 001500 -> 00 15 00, sign bit on the top byte
    (DataId.CURRENT_A, Decimal("-1.500"), "00 15 80"),
    # XX.XXXX kW: 2.3456 -> 023456 -> 56 34 02
    (DataId.ACTIVE_POWER, Decimal("2.3456"), "56 34 02"),
    # status word 3: relay open (bit 4) and commanded open (bit 6) -> 0050H, low byte first
    (DataId.STATUS_WORD_3, 0x50, "50 00"),
    (DataId.VOLTAGE_BLOCK, (Decimal("220.0"), Decimal("219.9"), Decimal("221.3")),
     "00 22 99 21 13 22"),
])
def test_value_formats(di, value, wire):
    assert p.encode_value(di, value) == hexbytes(wire)
    assert p.decode_value(di, hexbytes(wire)) == value


def test_energy_block_is_total_then_tariffs():
    values = (Decimal("10.00"), Decimal("1.00"), Decimal("2.00"), Decimal("3.00"), Decimal("4.00"))
    payload = p.encode_value(DataId.FORWARD_ACTIVE_BLOCK, values)
    assert len(payload) == 20
    assert p.decode_value(DataId.FORWARD_ACTIVE_BLOCK, payload) == values


@pytest.mark.parametrize(("di", "data"), [
    (DataId.FORWARD_ACTIVE_TOTAL, "56 34 12"),  # too short
    (DataId.FORWARD_ACTIVE_TOTAL, "5A 34 12 00"),  # A is not a BCD digit
    (DataId.VOLTAGE_BLOCK, "00 22 99"),  # not a whole number of values
    (0x12345678, "00"),  # unknown identifier
])
def test_bad_values_raise_frame_error(di, data):
    with pytest.raises(FrameError):
        p.decode_value(di, hexbytes(data))


def test_values_that_do_not_fit_refuse_to_encode():
    with pytest.raises(ValueError):
        p.encode_value(DataId.ACTIVE_POWER, Decimal(80))
    with pytest.raises(ValueError):
        p.encode_value(DataId.FORWARD_ACTIVE_TOTAL, Decimal(-1))
    with pytest.raises(ValueError):
        p.read_request("12345", DataId.ACTIVE_POWER)


@pytest.mark.parametrize("wire", [
    f"{HEAD} 91 08 33 33 34 33 89 67 45 33 55 16",  # checksum off by one
    f"{HEAD} 91 08 33 33 34 33 89 67 45 33 54 17",  # wrong end byte
    f"{HEAD} 91 08 33 33 34 33 89 67 45",  # truncated
    f"{HEAD} 91 08 33 33 34 33 89 67 45 33 54 16 00",  # trailing byte
    "68 1B 90 78 56 34 12 68 11 00 A0 16",  # address byte 1BH is not BCD (CS right)
    "",
])
def test_malformed_frames_raise_frame_error(wire):
    with pytest.raises(FrameError):
        p.decode_frame(hexbytes(wire))


def test_broadcast_address_round_trips():
    frame = p.decode_frame(p.encode_frame(p.BROADCAST, p.Function.READ_ADDRESS))
    assert frame.address == p.BROADCAST


def test_parser_resynchronises_after_garbage_and_reports_corrupt_frames():
    good = p.read_reply(ADDRESS, DataId.ACTIVE_POWER, hexbytes("56 34 02"))
    corrupt = bytearray(good)
    corrupt[-2] ^= 0xFF
    stream = b"\x00\x68\x16noise" + bytes(corrupt) + good[:7]
    parser = p.FrameParser()
    assert parser.feed(stream) == []
    frames = parser.feed(good[7:] + good)
    assert [f.control for f in frames] == [0x91, 0x91]
    assert parser.discarded > 0
    errors = parser.take_errors()
    assert len(errors) == 1 and str(errors[0]).startswith("checksum")


def test_parser_does_not_wait_on_a_false_start_when_a_frame_follows():
    good = p.read_request(ADDRESS, DataId.ACTIVE_POWER)
    parser = p.FrameParser()
    # 68 .. 68 with a huge length in front of a real frame: the real one must come out.
    fake = hexbytes("68 00 00 00 00 00 00 68 11 F0")
    assert len(parser.feed(fake + good)) == 1
