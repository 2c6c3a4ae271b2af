"""The plan review page keeps every field the office typed when it re-renders (「应用单位对应」)."""

import re

from .test_plan_import_once import JIAOZUO, URL


def test_applying_the_unit_mapping_keeps_edited_titles_dates_skips_and_ticks(world):
    client = world.client("office")
    unmatched = client.post(URL, {"source": JIAOZUO}).context["unmatched"]
    response = client.post(URL, {
        "source": JIAOZUO, "remap": "1", "map_name_0": unmatched[0], "map_0": world.unit("旗司法局").pk,
        "title_0": "改过的标题", "due_date_1": "2027-03-31", "skip_2": "1", "assign": "1", "create_units": "1",
    })
    html = response.content.decode()
    assert unmatched[0] not in response.context["unmatched"]
    assert re.search(r'name="title_0" value="改过的标题"', html)
    assert re.search(r'name="due_date_1" value="2027-03-31"', html)
    assert re.search(r'name="skip_2" value="1"[^>]*checked', html)
    assert re.search(r'name="assign" value="1" id="assign" checked', html)
    assert re.search(r'name="create_units" value="1" id="create_units" checked', html)
