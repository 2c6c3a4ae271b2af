"""The account backend: Django's ModelBackend, loading the signed-in account with its unit in one query.

Every page's layout names the account's unit (base.html), so the unit is fetched with the account on each
request rather than by a second query. Signing in, permissions and inactive accounts are ModelBackend's.
"""

from django.contrib.auth.backends import ModelBackend


class AccountBackend(ModelBackend):
    def get_user(self, user_id):
        from .models import User

        try:
            user = User._default_manager.select_related("unit").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
