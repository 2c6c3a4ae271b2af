"""Values the item page makes once in Python print as the template's lookups and filters did."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from fuyuan.lib.display import choice_label, minute
from fuyuan.messaging.models import Channel, DeliveryStatus, MessageKind
from tasks.models import EventKind, TaskEvent, TaskUnit, UnitRole


@pytest.mark.dbindependent
@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize(("model", "field", "choices"), [
    (TaskEvent, "kind", EventKind), (TaskUnit, "role", UnitRole)])
def test_choice_labels_are_get_display(language, model, field, choices):
    with translation.override(language):
        for value in [*choices.values, "unknown"]:
            assert choice_label(choices, value) == model(**{field: value})._get_FIELD_display(
                model._meta.get_field(field))


@pytest.mark.dbindependent
@pytest.mark.parametrize("choices", [Channel, DeliveryStatus, MessageKind])
def test_messaging_labels_follow_the_language(choices):
    value, label = choices.choices[0]
    with translation.override("zh-hans"):
        assert choice_label(choices, value) == str(label)


@pytest.mark.dbindependent
def test_minute_is_the_date_filter():
    template = Template('{{ at|date:"Y-m-d H:i" }}')
    for at in (timezone.now(), datetime.datetime(2024, 12, 31, 16, 30, tzinfo=datetime.UTC), None):
        assert minute(at) == template.render(Context({"at": at}))
