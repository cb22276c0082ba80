"""What the state database may hold about a person: keyed hashes, never ids; text with contacts masked.

Why a keyed hash (HMAC) and a key outside the database: the old "salted hash" kept its salt in the
same file as the hashes, so anyone with a copy of the file could hash every plausible Telegram id
and re-identify every row (all of them were). With the key elsewhere (``IPBOT_HASH_KEY``, or a key
file the bot makes once beside the database, readable by its owner only), a copy of the database
alone links nothing to anyone.

Why mask before storing: a question the bot could not answer is kept for staff to review, and
people type their phone number or e-mail address into questions ("gọi cho tôi 0912 345 678").
Staff need the question, not the contact.

Why seal the inbox: an update waiting to be answered (:mod:`.inbox`) holds what answering it
needs — the chat and user ids, the question as typed. Deleted seconds later, its bytes would still
lie in the write-ahead log until SQLite reuses it, where a copy of the files shows them. Sealed
under a key derived from the hash key (:class:`Sealer`), the files alone show nothing of it.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import re
import secrets
from pathlib import Path

__all__ = [
    "EMAIL_MASK",
    "PHONE_MASK",
    "Hasher",
    "KeyFileError",
    "Sealer",
    "key_file_for",
    "load_or_create_key",
    "mask_contacts",
]

log = logging.getLogger(__name__)

PHONE_MASK = "[số điện thoại]"
EMAIL_MASK = "[email]"

_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_NUMBER = re.compile(r"(?<![\d.,/])(\+?\(?\d[\d ().\-]*\d)(?![\d/])")
"""A run of digits with the separators people put in phone numbers (space, dot, dash, brackets)."""
_HOTLINE = ("1800", "1900")
_SPACED = re.compile(r"[ .\-()]")


def _phone_like(text: str) -> bool:
    """A phone number as Vietnamese people write it: a 0 or +84 in front (mobile 09xx…, landline
    02xx…, an ID card number too), 1800/1900 hotlines, or nine digits or more written as one run.
    Amounts ("1.200.000.000"), years ("2023 2024") and task numbers start otherwise and stay."""
    digits = re.sub(r"\D", "", text)
    if not 8 <= len(digits) <= 15:
        return False
    if text.startswith(("+", "(", "0")) or digits.startswith(_HOTLINE):
        return True
    if digits.startswith("84") and len(digits) >= 10:
        return True
    return len(digits) >= 9 and not _SPACED.search(text)


def mask_contacts(text: str) -> str:
    """``text`` with e-mail addresses and phone numbers replaced by a placeholder.

    >>> mask_contacts("gọi 0912 345 678 hoặc a.b@so.gov.vn về kinh phí 1.200.000.000 đồng")
    'gọi [số điện thoại] hoặc [email] về kinh phí 1.200.000.000 đồng'
    """
    text = _EMAIL.sub(EMAIL_MASK, text)
    return _NUMBER.sub(lambda m: PHONE_MASK if _phone_like(m.group(1)) else m.group(0), text)


class KeyFileError(Exception):
    """The hash key file cannot be read or made (the message says which file and why)."""


KEY_BYTES = 32
MIN_KEY_CHARS = 16


def key_file_for(state_path: Path) -> Path:
    """Where the generated key lives when ``IPBOT_HASH_KEY`` is not set: beside the state database,
    never inside it (``state/ipbot-state.sqlite3`` → ``state/ipbot-state.key``)."""
    return state_path.with_name(state_path.stem + ".key")


def load_or_create_key(path: Path) -> bytes:
    """The key in ``path``, made once (random, 0600) when the file does not exist yet.

    Created with O_EXCL, so two processes starting together cannot each write a different key."""
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        text = ""
    except (OSError, UnicodeDecodeError) as exc:
        raise KeyFileError(f"cannot read the hash key file {path}: {exc}") from None
    if text:
        if len(text) < MIN_KEY_CHARS:
            raise KeyFileError(f"the hash key file {path} holds fewer than {MIN_KEY_CHARS} characters")
        if path.stat().st_mode & 0o077:  # still works, but anyone who can read it can undo the hashes
            log.warning("the hash key file %s can be read by others than its owner; chmod 600 it", path)
        return text.encode("ascii")
    key = secrets.token_urlsafe(KEY_BYTES)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it between our read and our open: use theirs
        return load_or_create_key(path)
    except OSError as exc:
        raise KeyFileError(f"cannot create the hash key file {path}: {exc}") from None
    with os.fdopen(fd, "w", encoding="ascii") as stream:
        stream.write(key + "\n")
        stream.flush()
        os.fsync(stream.fileno())
    return key.encode("ascii")


class Hasher:
    """HMAC-SHA256 of an id under the key, one domain per kind of id.

    The domains keep a private chat's settings (``chat``) from being joined with its user's
    questions (``user``), though a private chat's id is its user's id."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    def digest(self, domain: str, value: object, length: int = 16) -> str:
        return hmac.new(self._key, f"{domain}:{value}".encode(), hashlib.sha256).hexdigest()[:length]

    def user(self, user_id: int | None) -> str:
        return self.digest("user", user_id)

    def chat(self, chat_id: int | str) -> str:
        return self.digest("chat", chat_id, 32)

    def check(self) -> str:
        """Stored in the database to notice a changed key (which orphans every hashed key)."""
        return self.digest("check", "ipbot", 32)


class Sealer:
    """AES-256-GCM under a key derived from the hash key: ``seal`` gives a random nonce and the
    ciphertext with its tag; ``open`` refuses (``ValueError``) what was sealed under another key,
    for another ``context``, or changed since."""

    NONCE = 12

    def __init__(self, key: bytes) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # only the Telegram bot needs it

        self._aead = AESGCM(hmac.new(key, b"ipbot:sealed", hashlib.sha256).digest())

    def seal(self, data: bytes, context: bytes = b"") -> bytes:
        nonce = secrets.token_bytes(self.NONCE)
        return nonce + self._aead.encrypt(nonce, data, context)

    def open(self, sealed: bytes, context: bytes = b"") -> bytes:
        from cryptography.exceptions import InvalidTag

        try:
            return self._aead.decrypt(sealed[: self.NONCE], sealed[self.NONCE :], context)
        except (InvalidTag, ValueError) as exc:
            raise ValueError("sealed under another key, for another context, or damaged") from exc
