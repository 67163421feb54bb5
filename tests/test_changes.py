"""What a write changed: the value every panel reads to decide what to refresh."""

from __future__ import annotations

from console.changes import Changes, changes_of
from console.services.payments.types import ReversedPayment


def test_changes_merge_and_name_their_customers():
    paid = Changes.of([42, None], payments=True)  # a meter in stock has no customer
    switched = Changes.of([7], commands=True)
    both = paid | switched
    assert both.payments and both.commands and not both.seals
    assert both.customers == {42, 7} and both.touches(7) and not both.touches(None)
    assert not Changes() and both


def test_a_use_cases_answer_carries_its_changes_and_a_read_none():
    reversed_ = ReversedPayment(1, "SF1", None, None, "", None)  # type: ignore[arg-type]
    assert changes_of(reversed_) == Changes(payments=True, bills=True)
    assert changes_of(Changes(seals=True)) == Changes(seals=True)
    assert changes_of([reversed_]) is None and changes_of(None) is None


def test_an_anomalous_seal_check_tells_the_work_order_list():
    from console.services.seals.types import InspectionResult

    intact = InspectionResult(meter=None, findings=())  # type: ignore[arg-type]
    anomalous = InspectionResult(meter=None, findings=(), work_order_id=9)  # type: ignore[arg-type]
    assert intact.changes == Changes(seals=True)
    assert anomalous.changes == Changes(seals=True, work_orders=True)
