"""Personal and secret addresses as pages show them: 138****5678, https://host/…"""

import urllib.parse


def mask_mobile(mobile: str) -> str:
    """Keep the first 3 and last 4 digits."""
    mobile = mobile or ""
    return f"{mobile[:3]}****{mobile[-4:]}" if len(mobile) >= 8 else ("****" if mobile else "")


def mask_address(channel: str, address: str) -> str:
    """An SMS number masked, a webhook shown by its host only (its key is a credential), e-mail as is."""
    if channel == "sms":
        return mask_mobile(address)
    if channel in ("wecom", "dingtalk"):
        return f"{urllib.parse.urlsplit(address).netloc}/…"
    return address
