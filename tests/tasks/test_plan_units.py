"""Unit lists (tasks.plan_reader.units): 「A、B等C」 — examples followed by the class they belong to."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tasks.plan_reader import split_units

EXAMPLES = ["市公安局", "市民政局", "市中院", "旗司法局", "县人民检察院", "各县（市、区）人民政府",
            "市政务服务和大数据管理局"]
QUALIFIED = ["需进行系统对接的各有关单位", "政府各职能部门", "承担行政执法职能的部门", "负有监管职责的行政机关"]
BARE = ["", "有关部门", "相关单位", "各有关单位", "其他有关部门", "19个单位", "十个部门"]


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("市公安局、市民政局等需进行系统对接的各有关单位", ["市公安局", "市民政局", "需进行系统对接的各有关单位"]),
        ("市发改委等有关部门", ["市发改委"]),
        ("市发改委等19个单位", ["市发改委"]),
        ("市民政局等各有关单位", ["市民政局"]),
        # 等 inside a name, or after something that does not end like a unit, is no list
        ("市高等法院", ["市高等法院"]),
        ("各县（市、区）政府等有关单位", ["各县（市、区）政府"]),
    ],
)
def test_etc_followed_by_a_class(text, units):
    assert split_units(text) == units


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(EXAMPLES), min_size=1, max_size=4, unique=True),
    st.sampled_from(["、", "，"]),
    st.sampled_from(QUALIFIED + BARE),
)
def test_examples_and_their_class_round_trip(examples, joiner, tail):
    text = joiner.join(examples) + ("等" + tail if tail or len(examples) > 1 else "")
    expected = examples + ([tail] if tail in QUALIFIED else [])
    assert split_units(text) == expected
