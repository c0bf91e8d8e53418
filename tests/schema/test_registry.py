import copy

import pytest
import yaml

from allegraph.schema import registry
from allegraph.schema.registry import Registry, SchemaError
from allegraph.validate import ValidationError, Validator

LABELS = {"Person", "Organization", "Location", "Event", "Claim", "Source", "Evidence"}
TYPES = {
    "ALLEGES",
    "WITNESSED",
    "DISPUTED_BY",
    "ACCUSES",
    "ABOUT",
    "PARTICIPATED_IN",
    "OCCURRED_AT",
    "AFFILIATED_WITH",
    "LOCATED_IN",
    "SUPPORTS",
    "CITES",
    "DERIVED_FROM",  # issue 14: provenance between sources
}


def raw_model() -> dict:
    from importlib import resources

    return yaml.safe_load(resources.files("allegraph.schema").joinpath("model.yaml").read_text())


def test_labels_and_types_are_those_of_the_design():
    reg = registry()
    assert set(reg.labels) == LABELS
    assert set(reg.relationships) == TYPES


@pytest.mark.parametrize(
    ("type_", "sources", "targets"),
    [
        ("ALLEGES", {"Person", "Organization"}, {"Claim"}),
        ("WITNESSED", {"Person", "Organization"}, {"Event"}),
        ("DISPUTED_BY", {"Claim"}, {"Person", "Organization", "Claim"}),
        ("ACCUSES", {"Claim"}, {"Person", "Organization"}),
        ("ABOUT", {"Claim"}, {"Event"}),
        ("OCCURRED_AT", {"Event"}, {"Location"}),
        ("AFFILIATED_WITH", {"Person"}, {"Organization"}),
        ("LOCATED_IN", {"Location", "Organization"}, {"Location"}),
        ("SUPPORTS", {"Claim", "Source", "Evidence"}, {"Claim"}),  # issue 17: evidence
        ("CITES", {"Claim", "Event", "Source"}, {"Source", "Evidence"}),
        ("DERIVED_FROM", {"Source"}, {"Source"}),
    ],
)
def test_endpoints(type_, sources, targets):
    spec = registry().relationship(type_)
    assert set(spec.sources) == sources
    assert set(spec.targets) == targets


def test_every_property_has_a_type_and_a_meaning():
    reg = registry()
    specs = [*reg.labels.values(), *reg.relationships.values()]
    for spec in specs:
        for prop in spec.properties.values():
            assert prop.type, (spec.name, prop.name)
            assert prop.description.strip(), (spec.name, prop.name)


def test_required_properties():
    reg = registry()
    assert reg.label("Person").properties["name"].required
    assert reg.label("Claim").properties["text"].required
    assert not reg.label("Person").properties["country"].required
    assert reg.label("Claim").sources_required


def test_adding_a_property_is_a_yaml_change():
    data = raw_model()
    data["labels"]["Person"]["properties"]["callsign"] = {
        "type": "string",
        "description": "A radio call sign.",
    }
    extended = Validator(Registry(data))
    ent = extended.check({"label": "Person", "name": "A", "callsign": "Raven"})
    assert ent.props["callsign"] == "Raven"
    with pytest.raises(ValidationError, match="callsign: unknown property of Person"):
        Validator(registry()).check({"label": "Person", "name": "A", "callsign": "Raven"})


def test_adding_a_label_is_a_yaml_change():
    data = raw_model()
    data["labels"]["Vehicle"] = {
        "name": "name",
        "properties": {"name": {"type": "string", "required": True, "description": "x"}},
    }
    data["relationships"]["WITNESSED"]["to"].append("Vehicle")
    reg = Registry(data)
    assert "Vehicle" in reg.labels
    ent = Validator(reg).check({"label": "Vehicle", "name": "White van"})
    assert ent.id == "vehicle:white-van"


def test_bad_model_is_refused():
    data = copy.deepcopy(raw_model())
    data["relationships"]["ABOUT"]["to"] = ["Planet"]
    with pytest.raises(SchemaError, match="Planet"):
        Registry(data)
    data = copy.deepcopy(raw_model())
    data["labels"]["Person"]["properties"]["name"]["type"] = "colour"
    with pytest.raises(SchemaError, match="unknown property type"):
        Registry(data)


def test_the_model_reads_the_same_with_libyaml_as_with_pure_python():
    # registry() parses model.yaml with libyaml's parser when PyYAML has it (faster start)
    from importlib import resources

    from allegraph.schema.registry import _parse_yaml

    text = resources.files("allegraph.schema").joinpath("model.yaml").read_text("utf-8")
    assert _parse_yaml(text) == yaml.safe_load(text)
