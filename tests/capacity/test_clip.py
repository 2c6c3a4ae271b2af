"""fuyuan.lib.text.clipper shortens text as Django's Truncator does, with the ellipsis looked up once."""

import pytest
from django.utils.text import Truncator
from django.utils.translation import override

from fuyuan.lib.text import clipper


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("text", ["", "短", "甲" * 60, "甲" * 61, "已完成阶段性工作。" * 20, "e\u0301" * 70,
                                  "a" * 59 + "<b>"])
@pytest.mark.parametrize("limit", [1, 3, 4, 60])
def test_same_as_truncator(language, text, limit):
    with override(language):
        assert clipper(limit)(text) == Truncator(text).chars(limit)
