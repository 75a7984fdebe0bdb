"""The exceptions docgrid raises: ``docgrid.Error`` and one subclass per kind of failure."""

from __future__ import annotations

from typing import Optional


class Error(Exception):
    """A document docgrid could not convert.

    Attributes: ``path`` (the file, ``None`` for bytes), ``part`` (the package part or stream
    at fault, e.g. ``word/document.xml``), ``page`` (1-based PDF page), ``cause`` (the
    library's one-line reason, without the path).
    """

    def __init__(
        self,
        message: str,
        path: Optional[str] = None,
        part: Optional[str] = None,
        page: Optional[int] = None,
        cause: Optional[str] = None,
        bound: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> None:
        super().__init__(message)
        self.path = path
        self.part = part
        self.page = page
        self.cause = cause if cause is not None else message
        self.bound = bound
        self.limit = limit


class PasswordRequired(Error):
    """The file is password-protected and no (or a wrong) password was given, or it is an
    encrypted Office file docgrid cannot decrypt."""


class UnsupportedFormat(Error):
    """The bytes are not a format docgrid reads (or a feature of it that it does not)."""


class LimitExceeded(Error):
    """A resource bound was exceeded; ``bound`` names it (a key of ``limits=``) and ``limit``
    is its value."""


class Corrupt(Error):
    """The file is of a known format but damaged: truncated, malformed XML, a broken PDF."""
