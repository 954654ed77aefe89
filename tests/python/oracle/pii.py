"""The PII masking rule read from its words, not from the macro's patterns.

The words (docs/metrics.md, "Personal data in comments", and the prose at
the top of macros/mask_pii.sql) say, first for e-mail addresses, then for
phone numbers:

- an e-mail address is a local part of letters, marks and digits of any
  script and `. _ % + -` (an apostrophe inside it: o'brien), then `@` or
  the full-width `＠`, then domain labels of letters, marks, digits and `-`
  separated by a dot (`.` or the ideographic / full-width `。 ． ｡`), the
  last of them a top-level domain of at least 2 characters that starts
  with a letter (and, as a host name, does not end with `-`);
- a phone number is an optional `+` (or the full-width `＋`) and an
  optional `(`, then 7 or more decimal digits of any script, with at most 3
  separators between two digits: spaces (also no-break and thin), tabs,
  dashes (`-`, the Unicode dashes, `−`), `.`, `/`, `(` and `)`.

Each is found the way a reader finds one, scanning the text: an address
around each `@` (its local part as far to the left as it goes, its domain
as far to the right as it goes, back to the last label that can be a
top-level domain), a number from its first character, digit by digit.
Characters are classified by Python's own Unicode properties (str.isalpha,
str.isalnum, str.isdecimal, unicodedata categories); there is no regular
expression here, so no quantifier of the macro's patterns ({0,3}, {6,}) is
copied into the oracle.
"""

from __future__ import annotations

import unicodedata

AT = "@\uff20"
DOTS = ".\u3002\uff0e\uff61"
PLUS = "+\uff0b"
MIN_PHONE_DIGITS = 7
MAX_SEPARATORS = 3
MIN_TLD_LENGTH = 2


def _letter_mark_or_digit(ch: str) -> bool:
    return ch.isalnum() or unicodedata.category(ch).startswith("M")


def _local_char(ch: str) -> bool:
    return _letter_mark_or_digit(ch) or ch in "._%+-"


def _label_char(ch: str) -> bool:
    return _letter_mark_or_digit(ch) or ch == "-"


def _separator(ch: str) -> bool:
    category = unicodedata.category(ch)
    return (category == "Zs" or category == "Pd" or ch in "\t\u2212./()")


def _local_start(text: str, at: int, floor: int) -> int | None:
    """Where the local part that ends at text[at] (an @) starts: as far left
    as its characters go (not before `floor`, the end of the previous
    address), an apostrophe only between two of them; None when no
    character of a local part is right before the @."""
    i = at
    while True:
        while i > floor and _local_char(text[i - 1]):
            i -= 1
        if i == at:
            return None
        # an apostrophe with a local character on both sides joins them
        if i - 1 > floor and text[i - 1] == "'" and _local_char(text[i - 2]):
            i -= 1
            continue
        return i


def _domain_end(text: str, at: int) -> int | None:
    """Where the domain after the @ at text[at] ends: its labels as far as
    they go, then back to the last label (not the first) that can be a
    top-level domain; None when none can."""
    labels = []  # (start, end) of each label
    i = at + 1
    while True:
        start = i
        while i < len(text) and _label_char(text[i]):
            i += 1
        if i == start:
            break  # an empty label ends the domain
        labels.append((start, i))
        if i < len(text) and text[i] in DOTS:
            i += 1
        else:
            break
    for start, end in reversed(labels[1:]):
        tld = text[start:end].rstrip("-")
        if len(tld) >= MIN_TLD_LENGTH and tld[0].isalpha():
            return start + len(tld)
    return None


def find_emails(text: str) -> list[tuple[int, int]]:
    """(start, end) of every e-mail address of the text, left to right."""
    found, floor = [], 0
    for at, ch in enumerate(text):
        if ch not in AT or at < floor:
            continue
        start = _local_start(text, at, floor)
        end = _domain_end(text, at) if start is not None else None
        if end is not None:
            found.append((start, end))
            floor = end
    return found


def _phone_at(text: str, i: int) -> int | None:
    """The end of the phone number that starts at text[i], or None."""
    if i < len(text) and text[i] in PLUS:
        i += 1
    if i < len(text) and text[i] == "(":
        i += 1
    if i >= len(text) or not text[i].isdecimal():
        return None
    digits, end = 1, i + 1
    while True:
        j, separators = end, 0
        while j < len(text) and separators <= MAX_SEPARATORS and _separator(text[j]):
            j, separators = j + 1, separators + 1
        if separators > MAX_SEPARATORS or j >= len(text) or not text[j].isdecimal():
            break
        digits, end = digits + 1, j + 1
    return end if digits >= MIN_PHONE_DIGITS else None


def find_phones(text: str) -> list[tuple[int, int]]:
    """(start, end) of every phone number of the text, left to right."""
    found, i = [], 0
    while i < len(text):
        end = _phone_at(text, i)
        if end is None:
            i += 1
        else:
            found.append((i, end))
            i = end
    return found


def _replace(text: str, spans: list[tuple[int, int]], mask: str) -> str:
    out, last = [], 0
    for start, end in spans:
        out += [text[last:start], mask]
        last = end
    return "".join(out) + text[last:]


def mask(text):
    """E-mail addresses become [email], then phone numbers [phone]."""
    if text is None:
        return None
    text = _replace(text, find_emails(text), "[email]")
    return _replace(text, find_phones(text), "[phone]")


class _Emails:
    """The e-mail addresses of a text, for the tests that look for them
    (EMAIL.search / EMAIL.findall, as with a compiled pattern)."""

    @staticmethod
    def findall(text: str) -> list[str]:
        return [text[a:b] for a, b in find_emails(text)]

    @staticmethod
    def search(text: str) -> bool:
        return bool(find_emails(text))


EMAIL = _Emails()
