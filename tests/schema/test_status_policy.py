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
    assert policy.names == (
        "retracted", "contested", "disputed", "denied", "corroborated", "single-source",
    )  # fmt: skip
    assert [s.when for s in policy.statuses] == [
        ("retraction",), ("rebuttal", "corroborated"), ("rebuttal",), ("denial",),
        ("corroborated",), (),
    ]  # fmt: skip
    assert policy.params() == {
        "counted": ["A", "B", "C", "F"],
        "ungraded": True,
        "statuses": [{"name": s.name, "when": list(s.when)} for s in policy.statuses],
        "disputing": ["retracted", "contested", "disputed", "denied"],
        "evidenceCounted": ["authenticated"],
    }


def test_the_shipped_policy_counts_authenticated_evidence_only():
    """Issue 17: evidence counts like an independent source when authenticated."""
    assert registry().status.evidence == ("authenticated",)


def test_a_policy_must_name_verification_states(tmp_path):

    with pytest.raises(SchemaError, match=r"status.counted_evidence: \['verified'\] are not"):
        Registry(raw_model(), {**_shipped(), "counted_evidence": ["verified"]})


def _shipped() -> dict:
    from importlib import resources

    import yaml

    return yaml.safe_load(resources.files("allegraph.schema").joinpath("status.yaml").read_text())


@pytest.mark.parametrize(
    ("holds", "status"),
    [
        ((), "single-source"),
        (("corroborated",), "corroborated"),
        (("denial",), "denied"),
        (("denial", "corroborated"), "denied"),
        (("rebuttal",), "disputed"),
        (("rebuttal", "denial"), "disputed"),
        (("rebuttal", "corroborated"), "contested"),
        (("retraction", "rebuttal", "corroborated"), "retracted"),
        (("retraction",), "retracted"),
    ],
)
def test_the_first_status_whose_conditions_hold_wins(holds, status):
    assert registry().status.status(holds) == status


def test_the_order_of_the_statuses_is_the_policy_s():
    """Another precedence, as data: a corroborated claim stays corroborated when denied."""
    raw = {
        "statuses": [
            {"name": "retracted", "when": ["retraction"]},
            {"name": "corroborated", "when": ["corroborated"]},
            {"name": "disputed", "when": ["rebuttal"]},
            {"name": "denied", "when": ["denial"]},
            {"name": "single-source"},
        ]
    }
    policy = Registry(raw_model(), raw).status
    assert policy.status(["denial", "corroborated"]) == "corroborated"
    assert policy.status(["denial"]) == "denied"
    assert policy.params()["disputing"] == ["retracted", "disputed", "denied"]


def test_a_policy_may_leave_ungraded_sources_out():
    policy = Registry(raw_model(), {"counted_reliability": ["A"], "ungraded_counts": False}).status
    assert (policy.counts("A"), policy.counts("B"), policy.counts(None)) == (True, False, False)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"counted_reliability": ["A", "Z"]}, "not reliability grades"),
        ({"min": 0}, "status.min"),
        ({"min": "two"}, "status.min"),
        ({"statuses": [{"name": "x", "when": ["guilty"]}, {"name": "y"}]}, "not conditions"),
        ({"statuses": [{"name": "x", "when": ["denial"]}]}, "must apply always"),
        ({"statuses": [{"name": "x", "when": "denial"}, {"name": "y"}]}, "a list of conditions"),
        ({"statuses": [{"name": "x"}, {"name": "x"}]}, "named twice"),
    ],
)
def test_a_wrong_policy_is_a_schema_error(raw, message):
    with pytest.raises(SchemaError, match=message):
        Registry(raw_model(), raw)


def test_a_registry_without_a_policy_has_the_default():
    assert Registry(raw_model()).status == StatusPolicy()
