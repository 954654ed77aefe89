"""The PII masking rule (docs/metrics.md, personal data in comments) stated independently in Python:
character classes from the Unicode database (unicodedata), not copied from
the macro's regular expressions."""

from __future__ import annotations

import re
import sys
import unicodedata


def _class(test) -> str:
    """The body of a regex character class: every code point whose Unicode
    general category passes `test`, as ranges."""
    parts, start = [], None
    for cp in range(sys.maxunicode + 2):
        inside = cp <= sys.maxunicode and test(unicodedata.category(chr(cp)))
        if inside and start is None:
            start = cp
        elif not inside and start is not None:
            end = cp - 1
            parts.append(re.escape(chr(start)) if start == end
                         else f"{re.escape(chr(start))}-{re.escape(chr(end))}")
            start = None
    return "".join(parts)


WORD = _class(lambda c: c[0] in "LMN")   # letters, marks, numbers
LETTER = _class(lambda c: c[0] == "L")
DIGIT = _class(lambda c: c == "Nd")      # decimal digits of any script
SPACE = _class(lambda c: c == "Zs")      # space separators (no-break, thin, ...)
DASH = _class(lambda c: c == "Pd")       # dash punctuation
DOT = ".\u3002\uff0e\uff61"              # . and the ideographic / full-width dots

EMAIL = re.compile(
    rf"[{WORD}._%+-]+(?:'[{WORD}._%+-]+)*[@\uff20]"
    rf"[{WORD}-]+(?:[{DOT}][{WORD}-]+)*[{DOT}][{LETTER}][{WORD}-]*[{WORD}]")
PHONE = re.compile(
    rf"[+\uff0b]?[(]?[{DIGIT}](?:[{SPACE}\t{DASH}\u2212./()]{{0,3}}[{DIGIT}]){{6,}}")


def mask(text):
    """E-mail addresses become [email], then phone numbers [phone]."""
    return None if text is None else PHONE.sub("[phone]", EMAIL.sub("[email]", text))
