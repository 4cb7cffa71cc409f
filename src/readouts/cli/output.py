"""What the CLI prints, made safe for a terminal.

Article text is untrusted: an escape sequence in it (``ESC ] 0 ; title BEL`` sets the
window title, ``ESC [ 2 J`` clears the screen; some terminals also act on the 8-bit
C1 forms) must not reach the terminal raw. The views keep their offsets and spans
(JSON carries them); what is printed loses only the control characters.
"""
from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls, and the bidirectional embeddings,
# overrides and isolates that make a terminal show text in another order than it is.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# In JSON, json.dumps already escapes C0; the rest are escaped the same way (\\u009b):
# the document stays valid and means the same, and nothing raw reaches the terminal.
_JSON_RAW = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str, *, keep_newlines: bool = True) -> str:
    """``text`` without control characters; a carriage return becomes a newline (or a space)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not keep_newlines:
        text = text.replace("\n", " ")
    return _CONTROL.sub("", text)


def json_printable(document: str) -> str:
    """A JSON document from ``json.dumps(..., ensure_ascii=False)`` with its remaining controls escaped."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", document)
