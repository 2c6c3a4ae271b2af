"""Password hashers: PBKDF2-HMAC-SHA256 at a stated cost, and PBKDF2-HMAC-SM3 for 密评 (GM/T 0054 asks for
SM-series algorithms where cryptography protects authentication data).

PASSWORD_HASHER picks the one new hashes use; both stay listed, so an account hashed the other way (or at
another cost) verifies and is re-hashed the chosen way at its next sign-in. The costs are settings; the
README's security section gives the measured time per check and why it is what it is.
"""

import base64
import hmac

from django.conf import settings
from django.contrib.auth.hashers import BasePasswordHasher, PBKDF2PasswordHasher, mask_hash
from django.utils.crypto import RANDOM_STRING_CHARS, get_random_string
from django.utils.translation import gettext_noop as _


class PBKDF2SHA256Hasher(PBKDF2PasswordHasher):
    """Django's PBKDF2 hasher (same algorithm name, so existing hashes verify) at PASSWORD_PBKDF2_ITERATIONS."""

    @property
    def iterations(self):
        return settings.PASSWORD_PBKDF2_ITERATIONS


class PBKDF2SM3Hasher(BasePasswordHasher):
    """PBKDF2 with HMAC-SM3 (OpenSSL through the `cryptography` package): pbkdf2_sm3$iterations$salt$hash."""

    algorithm = "pbkdf2_sm3"
    digest_size = 32

    @property
    def iterations(self):
        return settings.PASSWORD_SM3_ITERATIONS

    def _derive(self, password, salt, iterations):
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

        kdf = PBKDF2HMAC(algorithm=hashes.SM3(), length=self.digest_size, salt=salt.encode(), iterations=iterations)
        return base64.b64encode(kdf.derive(password.encode())).decode("ascii").strip()

    def salt(self):
        return get_random_string(22, RANDOM_STRING_CHARS)

    def encode(self, password, salt, iterations=None):
        self._check_encode_args(password, salt)
        iterations = iterations or self.iterations
        return f"{self.algorithm}${iterations}${salt}${self._derive(password, salt, iterations)}"

    def decode(self, encoded):
        algorithm, iterations, salt, hash_ = encoded.split("$", 3)
        assert algorithm == self.algorithm
        return {"algorithm": algorithm, "hash": hash_, "iterations": int(iterations), "salt": salt}

    def verify(self, password, encoded):
        decoded = self.decode(encoded)
        candidate = self.encode(password, decoded["salt"], decoded["iterations"])
        return hmac.compare_digest(encoded.encode(), candidate.encode())

    def safe_summary(self, encoded):
        decoded = self.decode(encoded)
        return {_("algorithm"): decoded["algorithm"], _("iterations"): decoded["iterations"],
                _("salt"): mask_hash(decoded["salt"]), _("hash"): mask_hash(decoded["hash"])}

    def must_update(self, encoded):
        return self.decode(encoded)["iterations"] != self.iterations

    def harden_runtime(self, password, encoded):
        decoded = self.decode(encoded)
        extra = self.iterations - decoded["iterations"]
        if extra > 0:
            self.encode(password, decoded["salt"], extra)
