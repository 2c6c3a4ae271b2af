"""Demo accounts, one per role, all with the password DEMO_PASSWORD and exempt from expiry."""

from .models import User
from .roles import Role

DEMO_PASSWORD = "Fuyuan#2024"

# (username, full name, role, unit name or None)
ACCOUNTS = [
    ("office", "联席办 李敏", Role.OFFICE, "旗司法局"),
    ("leader", "王耀强", Role.LEADER, "旗司法局"),
    ("court", "法院 张华", Role.ISSUER, "旗人民法院"),
    ("procuratorate", "检察院 刘洋", Role.ISSUER, "旗人民检察院"),
    ("gaj", "公安局 赵强", Role.LIAISON, "旗公安局"),
    ("czj", "财政局 陈静", Role.LIAISON, "旗财政局"),
    ("sysadmin", "系统管理员", Role.SYSADMIN, None),
    ("secadmin", "安全管理员", Role.SECADMIN, None),
    ("auditor", "审计管理员", Role.AUDITOR, None),
]


def load_accounts(units):
    """Create or refresh the demo accounts; the password is reset to DEMO_PASSWORD."""
    accounts = {}
    for username, full_name, role, unit_name in ACCOUNTS:
        user, _ = User.objects.get_or_create(username=username)
        user.full_name = full_name
        user.role = role
        user.unit = units[unit_name] if unit_name else None
        user.is_active = True
        user.must_change_password = False
        user.password_expiry_exempt = True
        user.set_password(DEMO_PASSWORD)
        user.save()
        accounts[username] = user
    return accounts
