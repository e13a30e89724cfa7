"""Where code runs off CUDA: the branch of a device test that excludes it
(`if device.type == "cuda": ... else:`, `if not torch.cuda.is_available():`,
`if device == "cpu":`), or a function of the file named only there."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

import libcst as cst

from reviewer.analysis import values as v
from reviewer.analysis.tree import dotted_name

if TYPE_CHECKING:
    from reviewer.analysis import FileAnalysis


def off_cuda(analysis: "FileAnalysis", node: cst.CSTNode, depth: int = 0) -> bool:
    """`node` runs only when the device is not CUDA: in the branch of a device test that
    excludes it (the test followed through a local: `d = device == "cpu"; if d:`), or in a
    function of the file every use of whose name is there (Cream's `compute_throughput =
    compute_throughput_cpu` under `if device == 'cpu':`), two uses deep."""
    index = analysis.index
    child = node
    for ancestor in index.ancestors(node):
        if type(ancestor) is cst.If:
            uses = cuda_test(v.local_value(analysis, ancestor.test))
            if uses is not None and (child is ancestor.orelse) == uses:
                return True
        if type(ancestor) is cst.FunctionDef:
            if depth >= 2:
                return False
            uses = [n for n in index.names_valued(ancestor.name.value) if n is not ancestor.name
                    and any(b.statement is ancestor for b in index.bindings(n))]
            return bool(uses) and all(off_cuda(analysis, use, depth + 1) for use in uses)
        child = ancestor
    return False


def cuda_test(test: cst.CSTNode) -> Optional[bool]:
    """True when the test holds exactly on CUDA (`device.type == "cuda"`,
    `torch.cuda.is_available()`), False when exactly off it (`not ...`, `== "cpu"`), else None."""
    if type(test) is cst.UnaryOperation and type(test.operator) is cst.Not:
        inner = cuda_test(test.expression)
        return None if inner is None else not inner
    if type(test) is cst.Call:
        return True if (dotted_name(test.func) or "").endswith("cuda.is_available") else None
    if type(test) is cst.Comparison and len(test.comparisons) == 1:
        target = test.comparisons[0]
        sides = [test.left, target.comparator]
        words = {s.evaluated_value for s in sides if type(s) is cst.SimpleString}
        equal = type(target.operator) in (cst.Equal, cst.Is)
        if type(target.operator) not in (cst.Equal, cst.Is, cst.NotEqual, cst.IsNot) or len(words) != 1:
            return None
        word = words.pop()
        if word not in ("cuda", "cpu"):
            return None
        return equal == (word == "cuda")
    return None
