"""Every way into a served session, as the fold reads it from `serve`'s events: the address
browsers open, the fingerprint of its self-signed certificate, the ssh command and the
fingerprint of its host key; with the fingerprints in the forms people compare them in."""

from __future__ import annotations

from typing import NamedTuple


class Ways(NamedTuple):
    """Every way in that `workshop serve` runs now (all "" when none): the address browsers open,
    the SHA-256 of its self-signed certificate, the ssh command and the SHA-256 of its host key."""

    address: str = ""
    certificate: str = ""
    ssh: str = ""
    host_key: str = ""

    @property
    def certificate_words(self) -> str:
        """The certificate's fingerprint as browsers show it: SHA-256, pairs of hex digits."""
        pairs = [self.certificate[i : i + 2].upper() for i in range(0, len(self.certificate), 2)]
        return ":".join(pairs)

    @property
    def certificate_short(self) -> str:
        """Its first 8 pairs, for a line on screen: 64 bits no other certificate can be made to match."""
        return self.certificate_words[:23] + "…" if self.certificate else ""

    @property
    def host_key_short(self) -> str:
        """Its first 11 base64 digits (66 bits), as `host_key_words` starts."""
        return self.host_key_words[:18] + "…" if self.host_key else ""

    @property
    def host_key_words(self) -> str:
        """The host key's fingerprint as ssh shows it: SHA256: and the digest in base64."""
        import base64

        return "SHA256:" + base64.b64encode(bytes.fromhex(self.host_key)).decode().rstrip("=") if self.host_key else ""
