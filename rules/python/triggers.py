"""The text check of mutable-default-argument's trigger (free of libcst: see the registry)."""

import re

from reviewer.triggers import signatures

_CONTINUATION = r"=\s*(?:\\\s*|#[^\n]*\n\s*|\(\s*)*"  # comments, line continuations, parentheses, in any order
_MUTABLE_CALLEES = r"list|dict|set|defaultdict|OrderedDict|deque|Counter"
#: `= [`, `= {`, or `= list(` (also `collections.deque(`...)
_MUTABLE_DEFAULT = re.compile(_CONTINUATION + rf"(?:[\[{{]|(?:[\w.]*\.)?(?:{_MUTABLE_CALLEES})\s*\()")
#: `= [`, `= {`, or any call (what _MUTABLE_DEFAULT matches, and more): for files that import
#: one of the callees under another name
_ANY_CALL_DEFAULT = re.compile(_CONTINUATION + r"(?:[\[{]|[\w.]+\s*\()")
_RENAMED_CALLEE = re.compile(rf"\b(?:{_MUTABLE_CALLEES})\s+as\s")


def mutable_default_signature(text: str) -> bool:
    """Some `def` has a default that could be mutable: a display, or a call of one of the
    callees (any call when the file renames one of them on import). A regex alone cannot
    find the end of a parameter list."""
    # Most files have no call or display as a default: the search of the whole text for a
    # renamed callee (ten times the cost of the signatures') waits until one does.
    defaults = [signature for signature in signatures(text) if _ANY_CALL_DEFAULT.search(signature)]
    if not defaults or _RENAMED_CALLEE.search(text):
        return bool(defaults)
    return any(_MUTABLE_DEFAULT.search(signature) for signature in defaults)
