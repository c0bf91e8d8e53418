import copy
from importlib import resources

import pytest
import yaml

from allegraph.schema import registry
from allegraph.schema.registry import Registry
from allegraph.views.styles import DEFAULT_EDGE, DEFAULT_NODE, view_style


def raw_model() -> dict:
    return yaml.safe_load(resources.files("allegraph.schema").joinpath("model.yaml").read_text())


def test_every_label_and_type_takes_its_look_from_the_schema():
    reg = registry()
    style = view_style(reg)
    assert set(style.labels) == set(reg.labels)
    assert set(style.relationships) == set(reg.relationships)
    for name, spec in reg.labels.items():
        assert style.labels[name].color == spec.view["color"]
        assert style.labels[name].shape == spec.view["shape"]
    for name, spec in reg.relationships.items():
        assert style.relationships[name].color == spec.view["color"]
        assert style.relationships[name].width == spec.view["width"]
        assert style.relationships[name].dashes == spec.view["dashes"]


def test_every_derived_claim_status_has_its_own_colour():
    reg = registry()
    style = view_style(reg)
    assert set(style.statuses) == set(reg.status.names)
    assert len(set(style.statuses.values())) == len(reg.status.names) == 6


def test_every_dispute_stance_has_its_own_colour():
    style = view_style(registry())
    assert set(style.stances) == {"denial", "retraction", "rebuttal", "correction"}
    assert len(set(style.stances.values())) == 4


def test_alleges_witnessed_and_disputed_by_differ_in_colour_and_line():
    rels = view_style(registry()).relationships
    looks = {name: (rels[name].color, str(rels[name].dashes)) for name in
             ("ALLEGES", "WITNESSED", "DISPUTED_BY")}  # fmt: skip
    colours = {colour for colour, _ in looks.values()}
    lines = {dashes for _, dashes in looks.values()}
    assert len(colours) == 3 and len(lines) == 3


def test_a_changed_schema_changes_the_view():
    data = copy.deepcopy(raw_model())
    data["labels"]["Person"]["view"] = {"color": "#123456", "shape": "hexagon"}
    del data["relationships"]["CITES"]["view"]
    style = view_style(Registry(data))
    assert (style.labels["Person"].color, style.labels["Person"].shape) == ("#123456", "hexagon")
    assert style.relationships["CITES"].as_dict() == DEFAULT_EDGE
    assert style.label("NotALabel").as_dict() == DEFAULT_NODE


def test_status_colours_must_cover_every_status():
    data = copy.deepcopy(raw_model())
    data["labels"]["Claim"]["view"]["status"] = {"disputed": "#ff0000"}
    match = "no colour for claim status retracted, contested, denied, corroborated, single-source"
    with pytest.raises(ValueError, match=match):
        view_style(Registry(data))
