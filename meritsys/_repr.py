"""Showing a user's value inside a message, safely.

A message must never fail to be written: ``repr`` of a 5,000-digit integer
raises ``ValueError`` and ``repr`` of a deeply nested list ``RecursionError``,
and a megabyte string would bury the message.  :func:`shown` always returns a
short, readable text.
"""

from __future__ import annotations

__all__ = ["shown"]


def shown(value: object, limit: int = 60) -> str:
    """``repr(value)``, shortened to about *limit* characters; a description where ``repr`` fails.

    Examples:
        >>> shown("tiga"), shown(10**5000), shown("x" * 100, 10)
        ("'tiga'", 'an integer of 5001 digits', "'xxxxxx...")
    """
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 3000:
        return f"an integer of {_digits(value)} digits"
    try:
        text = repr(value)
    except (ValueError, RecursionError):
        return f"a deeply nested {type(value).__name__}" if isinstance(value, list | tuple | dict) else f"a {type(value).__name__}"
    return text if len(text) <= limit else text[: max(limit - 3, 1)] + "..."


def _digits(value: int) -> int:
    n = abs(value)
    count = 0
    step = 10**1000
    while n >= step:
        n //= step
        count += 1000
    return count + len(str(n))
