"""The typed values of facts (``crosscheck.models``): one dataclass per kind, read as a mapping."""

from pathlib import Path

import pytest

from crosscheck.models import (
    ABSENT,
    VALUE_TYPES,
    CountValue,
    DateValue,
    Fact,
    MoneyValue,
    make_value,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_a_fact_made_from_a_mapping_holds_the_value_type_of_its_kind():
    f = Fact("a:1", "a", "count", "12", 0, 2, "12 people died.", {"low": 12, "high": 12, "item": "people"})
    assert type(f.value) is CountValue
    assert f.value.low == 12 and f.value["item"] == "people"
    # a field not set is absent from the mapping, not None
    assert "tally" not in f.value and f.value.get("tally") is None and f.value.tally is ABSENT
    assert dict(f.value) == {"low": 12, "high": 12, "item": "people"}
    assert f.value == {"low": 12, "high": 12, "item": "people"}


def test_a_key_no_field_names_is_an_error_that_says_which():
    with pytest.raises(ValueError, match="a money value has no field 'amount'"):
        make_value("money", {"low": 5.0, "amount": 5})
    with pytest.raises(ValueError, match="no value schema for fact kind 'rumour'"):
        Fact("a:1", "a", "rumour", "x", 0, 1, "x", {})


def test_values_are_read_only_and_a_changed_copy_is_made_from_a_mapping():
    v = make_value("date", {"start": "2024-05-02", "end": "2024-05-02", "granularity": "day"})
    with pytest.raises(TypeError):
        v["start"] = "2024-05-03"  # type: ignore[index]
    w = make_value("date", dict(v, preposition="on"))
    assert type(w) is DateValue and w["preposition"] == "on" and "preposition" not in v


def test_every_fact_the_extractors_find_in_the_seeds_has_its_kind_s_value_type():
    from crosscheck.extract import extract_facts
    from crosscheck.load import load_corpus

    facts = [f for a in load_corpus([SEEDS]) for f in extract_facts(a)]
    assert {f.kind for f in facts} >= {"date", "money", "count", "quote"}
    for f in facts:
        assert type(f.value) is VALUE_TYPES[f.kind]
    money = [f.value for f in facts if f.kind == "money"]
    assert all(isinstance(v, MoneyValue) and v.currency for v in money)


def test_a_value_pickled_and_read_back_leaves_its_absent_fields_absent():
    import pickle

    v = make_value("count", {"low": 3, "high": 3})
    back = pickle.loads(pickle.dumps(v))
    assert dict(back) == {"low": 3, "high": 3} and back.tally is ABSENT
