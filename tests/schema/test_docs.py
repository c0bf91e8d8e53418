from allegraph.schema import registry
from allegraph.schema.docs import render
from tests.conftest import ROOT


def test_docs_model_md_is_up_to_date():
    current = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
    assert current == render(registry()), "run: python -m allegraph.schema.docs"


def test_every_label_and_type_is_documented():
    text = render(registry())
    for name in [*registry().labels, *registry().relationships]:
        assert f"{name}" in text
