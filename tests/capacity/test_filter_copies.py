"""Filter bars copy their filters and fields plainly per request (fuyuan.lib.forms.FilterSetOnce): each request's
filters and form are still its own, and a method filter still answers to its own request's data."""

from django.utils import timezone

from tasks.filters import LedgerFilter
from tasks.selectors import ledger_tasks
from tests.tasks.builders import make_task


def _ledger(world, data):
    office = world.user("office")
    return LedgerFilter(data, queryset=ledger_tasks(office, timezone.localdate()))


def test_a_method_filter_reads_its_own_requests_data(world):
    """filter_unit reads `part` from its own FilterSet's form: two requests built one after the other, then
    filtered, each get their own part's items (a copy bound to the class's filter would read another's, or none)."""
    unit = world.unit("旗财政局")
    leads = make_task(world, "财政局牵头", lead="旗财政局")
    responsible = make_task(world, "财政局配合", responsible=["旗财政局"])
    as_lead = _ledger(world, {"unit": str(unit.pk), "part": "lead"})
    as_responsible = _ledger(world, {"unit": str(unit.pk), "part": "responsible"})
    lead_rows, _counts, _sort = as_lead.querysets()
    responsible_rows, _counts, _sort = as_responsible.querysets()
    assert set(lead_rows.values_list("pk", flat=True)) == {leads.pk}
    assert set(responsible_rows.values_list("pk", flat=True)) == {responsible.pk}
    for filterset in (as_lead, as_responsible):
        assert all(f.parent is filterset for f in filterset.filters.values())
        assert all(f is not LedgerFilter.base_filters[name] for name, f in filterset.filters.items())


def test_one_requests_form_changes_reach_no_other(world):
    first, second = _ledger(world, {}).form, _ledger(world, {}).form
    first.fields["light"].widget.attrs["data-changed"] = "yes"
    first.fields["status"].error_messages["invalid_choice"] = "改过"
    first.fields["year"].validators.append(lambda value: None)
    third = _ledger(world, {}).form
    for form in (second, third):
        light = form.fields["light"]
        assert "data-changed" not in light.widget.attrs
        assert form.fields["status"].error_messages["invalid_choice"] != "改过"
        assert len(form.fields["year"].validators) == len(LedgerFilter().form.fields["year"].validators)
    assert first.fields["light"] is not second.fields["light"]
    assert first.fields["light"].widget is not second.fields["light"].widget


def test_the_filter_bar_offers_the_same_options_on_every_request(world):
    """The plan, category and unit lists are set per request on the form's own widgets, never on the class's."""
    first = _ledger(world, {}).form
    units = list(first.fields["unit"].widget.choices)
    first.fields["unit"].widget.choices = [("", "全部")]
    assert list(_ledger(world, {}).form.fields["unit"].widget.choices) == units
    assert len(units) > 1
