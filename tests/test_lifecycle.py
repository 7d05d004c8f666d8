"""Both state machines, every allowed and every refused transition, straight from their tables."""

import pytest

from core.errors import NotAllowed
from core.lifecycle import FULFILMENT, MACHINES, PAYMENT, check, initial_payment, machine_of, next_steps

PAIRS = [(name, a, b) for name, table in MACHINES.items() for a in table for b in table if a != b]
ALLOWED = [p for p in PAIRS if p[2] in MACHINES[p[0]][p[1]]]
REFUSED = [p for p in PAIRS if p[2] not in MACHINES[p[0]][p[1]]]


@pytest.mark.parametrize(("machine", "current", "wanted"), ALLOWED)
def test_an_allowed_transition_is_a_change(machine: str, current: str, wanted: str) -> None:
    assert check(machine, MACHINES[machine], current, wanted) is True


@pytest.mark.parametrize(("machine", "current", "wanted"), REFUSED)
def test_a_transition_missing_from_the_table_is_refused(machine: str, current: str, wanted: str) -> None:
    with pytest.raises(NotAllowed) as err:
        check(machine, MACHINES[machine], current, wanted)
    assert (err.value.machine, err.value.current, err.value.wanted) == (machine, current, wanted)


@pytest.mark.parametrize(("machine", "state"), [(n, s) for n, t in MACHINES.items() for s in t])
def test_repeating_the_current_status_is_a_no_op_not_an_error(machine: str, state: str) -> None:
    assert check(machine, MACHINES[machine], state, state) is False


@pytest.mark.parametrize("wanted", ["shipped", "paid", "lost", ""])
def test_a_status_of_the_other_machine_or_none_at_all_is_refused(wanted: str) -> None:
    table = PAYMENT if wanted in FULFILMENT else FULFILMENT
    with pytest.raises(NotAllowed):
        check("x", table, next(iter(table)), wanted)


def test_the_happy_paths_of_the_design_are_in_the_tables() -> None:
    for machine, path in (("fulfilment", ["confirmed", "packed", "shipped", "delivered"]),
                          ("payment", ["unpaid", "paid"]),
                          ("payment", ["cod_pending", "cod_collected", "settled"])):
        for a, b in zip(path, path[1:], strict=False):
            assert check(machine, MACHINES[machine], a, b)


def test_goods_that_left_cannot_be_cancelled_only_returned() -> None:
    for state in ("shipped", "delivered"):
        assert "cancelled" not in FULFILMENT[state]
    assert next_steps("return_requested") == ["returned"]


def test_end_states_have_no_next_step() -> None:
    assert [s for s, nxt in FULFILMENT.items() if not nxt] == ["cancelled", "returned"]
    assert [s for s, nxt in PAYMENT.items() if not nxt] == ["refunded"]
    # money the shop holds can only go back to the buyer
    assert all(PAYMENT[s] <= {"refunded"} for s in ("paid", "settled"))


def test_next_steps_follow_the_table_for_either_machine() -> None:
    assert next_steps("confirmed") == ["packed", "cancelled"]
    assert next_steps("cod_pending") == ["cod_collected", "disputed", "settled"]
    assert next_steps("nonsense") == []
    assert machine_of("packed") == "fulfilment" and machine_of("settled") == "payment"


@pytest.mark.parametrize(("payment", "channel", "status"), [
    ("cod", None, "cod_pending"), ("marketplace", None, "cod_pending"), (None, "shopee", "cod_pending"),
    ("transfer", None, "unpaid"), ("ewallet", "instagram", "unpaid"), ("cash", "offline", "unpaid"),
    (None, None, "unpaid"), ("transfer", "tokopedia", "unpaid"),
])
def test_the_first_payment_status_follows_the_payment_method(payment: str | None, channel: str | None,
                                                             status: str) -> None:
    assert initial_payment(payment, channel) == status
