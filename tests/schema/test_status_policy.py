"""schema/status.yaml: the claim status policy, read through the registry (issue 14)."""

from __future__ import annotations

import pytest

from allegraph.schema import registry
from allegraph.schema.registry import Registry, SchemaError, StatusPolicy
from tests.schema.test_registry import raw_model


def test_the_shipped_policy_counts_a_b_c_f_and_ungraded_sources_with_a_minimum_of_2():
    policy = registry().status
    assert policy.counted == ("A", "B", "C", "F")
    assert policy.min == 2
    assert [policy.counts(g) for g in ("A", "B", "C", "D", "E", "F", None, "")] == [
        True, True, True, False, False, True, True, True,
    ]  # fmt: skip
    assert [name for name, _ in policy.statuses] == [
        "contested", "disputed", "corroborated", "single-source",
    ]  # fmt: skip
    assert policy.params() == {"counted": ["A", "B", "C", "F"], "ungraded": True}


def test_a_policy_may_leave_ungraded_sources_out():
    policy = Registry(raw_model(), {"counted_reliability": ["A"], "ungraded_counts": False}).status
    assert (policy.counts("A"), policy.counts("B"), policy.counts(None)) == (True, False, False)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"counted_reliability": ["A", "Z"]}, "not reliability grades"),
        ({"min": 0}, "status.min"),
        ({"min": "two"}, "status.min"),
    ],
)
def test_a_wrong_policy_is_a_schema_error(raw, message):
    with pytest.raises(SchemaError, match=message):
        Registry(raw_model(), raw)


def test_a_registry_without_a_policy_has_the_default():
    assert Registry(raw_model()).status == StatusPolicy()
