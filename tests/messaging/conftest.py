import pytest

from tests.messaging.fake_server import FakeChannel


@pytest.fixture
def fake_channel():
    channel = FakeChannel()
    yield channel
    channel.close()


@pytest.fixture(autouse=True)
def no_channels_configured(settings):
    """Each test configures the channels it talks to; nothing reaches a real host."""
    settings.WECOM_WEBHOOK_URL = settings.DINGTALK_WEBHOOK_URL = settings.DINGTALK_SECRET = ""
    settings.SMS_GATEWAY_URL = ""
    settings.OUTBOX_RETRY_SECONDS = 60
    settings.OUTBOX_MAX_ATTEMPTS = 3
    settings.SITE_URL = "https://fuyuan.example.gov.cn"
