"""The live value of the indicator that measures a task, for the task page."""

from django import template
from django.utils import timezone

register = template.Library()


@register.inclusion_tag("indicators/_task_indicator.html")
def task_indicator(indicator, user):
    """The indicator's current-period figure over what `user` may see (one or two queries)."""
    from indicators import measures, selectors

    today = timezone.localdate()
    period = measures.periods_back(indicator.period, today, 1)[0]
    figure = selectors.trend(indicator, user, today, [period], selectors.populations())[0]
    return {"indicator": indicator, "figure": figure}
