"""Password rules: length, three of four character classes, unlike the account name, not common."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from fuyuan.accounts.validators import character_classes


@pytest.mark.parametrize(
    "password, ok",
    [
        ("Fuyuan#2031", True),  # (the demo password itself is now refused: it is the current one)
        ("qL7!vR2x", True),  # 8 characters, four classes
        ("qL7vR2xw", True),  # three classes
        ("qL7!vR2", False),  # 7 characters
        ("abcdefghijk", False),  # one class
        ("abcdefgh123", False),  # two classes
        ("Password1!", False),  # common
        ("12345678901", False),  # numeric
    ],
)
def test_password_rules(world, password, ok):
    user = world.user("gaj")
    if ok:
        validate_password(password, user)
    else:
        with pytest.raises(ValidationError):
            validate_password(password, user)


def test_password_like_the_account_name_is_refused(world):
    user = world.user("czj")
    user.username = "zhangsanfeng"
    with pytest.raises(ValidationError):
        validate_password("Zhangsanfeng1", user)


def test_messages_are_chinese(world):
    with pytest.raises(ValidationError) as error:
        validate_password("abcdefghijk", world.user("gaj"))
    text = " ".join(error.value.messages)
    assert "大写字母" in text


@given(st.text(min_size=1, max_size=30))
def test_character_classes_counts_between_zero_and_four(password):
    n = character_classes(password)
    assert 0 <= n <= 4
    assert (n >= 1) == bool(password)


def test_change_password_page_enforces_the_policy(world):
    client = world.client("gaj")
    response = client.post(
        "/accounts/password/",
        {"old_password": "Fuyuan#2024", "new_password1": "abcdefgh123", "new_password2": "abcdefgh123"},
    )
    assert response.status_code == 200
    world.user("gaj").refresh_from_db()
    assert world.user("gaj").check_password("Fuyuan#2024")
