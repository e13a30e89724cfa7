"""Where code runs off CUDA: the branch of a device test that excludes it
(`if device.type == "cuda": ... else:`, `if not torch.cuda.is_available():`,
`if device == "cpu":`), or a function of the file named only there; and which calls wait
for the GPU."""

from __future__ import annotations

from typing import TYPE_CHECKING, List, Optional, Sequence

import libcst as cst

from reviewer.analysis import values as v
from reviewer.analysis.tree import argument, dotted_name, method_call

if TYPE_CHECKING:
    from reviewer.analysis import FileAnalysis
    from reviewer.analysis.scopes import ClassModel

#: tensor methods that copy to the host, and so wait for the kernels queued before them
SYNC_METHODS = {"item", "cpu", "tolist", "numpy"}
#: tensor methods that read what the host already knows of a tensor: no kernel
TENSOR_METADATA = {"size", "dim", "ndimension", "numel", "nelement", "stride", "storage_offset", "is_contiguous",
                   "element_size", "data_ptr", "get_device"}
#: torch factories that make a tensor on the host unless given `device=`
HOST_FACTORIES = {"torch.arange", "torch.randint", "torch.randperm", "torch.tensor", "torch.LongTensor"}


def synchronising(method: str) -> bool:
    """A method (or a function in a helper's body) that waits for the GPU: `.item()`,
    `.cpu()`, `.tolist()`, `.numpy()`, or anything named for synchronising."""
    return method in SYNC_METHODS or "sync" in method.lower()


def synchronises(analysis: "FileAnalysis", call: cst.Call) -> bool:
    """The call waits for the GPU: a `synchronising` method or function (`time_sync()`), a
    copy to the host (`.to("cpu")`), or a call of a model whose forward synchronises (a
    helper's parameter followed to what its one call passes)."""
    name = dotted_name(call.func) or ""
    if "sync" in name.split(".")[-1].lower():
        return True
    found = method_call(call)
    if found is not None and found[1] == "to" and not non_blocking(call):
        # `.to("cpu")`, `.to(cpu_device)`: a copy to the host waits for the kernels
        return any("cpu" in analysis.code(arg.value) for arg in call.args)
    if found is not None and synchronising(found[1]):
        return True
    if not analysis.index.knows(call.func):
        return False
    held = v.held_value(analysis, call.func) if type(call.func) is cst.Name else None
    return any(origin.kind == v.INSTANCE and model_synchronises(analysis, origin.model)
               for expression in (call.func, held) if expression is not None
               for origin in analysis.values.origins(expression))


def model_synchronises(analysis: "FileAnalysis", model: "ClassModel") -> bool:
    """A call of an instance of `model`, a class of this file, waits for the GPU: its
    `forward`, or a method of the class that `forward` calls on `self`, calls `.item()`
    (or another `synchronising` method) or indexes with a tensor made on the host
    (`x[:, torch.randint(n, (k,))]`, held in a local too): PyTorch copies that index to the
    device with a blocking copy, which waits for the kernels queued before it."""
    methods = {name: f for each in reversed(analysis.index.mro(model)) for name, f in each.methods.items()}
    todo, seen = ["forward"], set()
    while todo:
        name = todo.pop()
        function = methods.get(name)
        if name in seen or function is None:
            continue
        seen.add(name)
        for call in analysis.index.of_type(function, cst.Call):
            found = method_call(call)
            if found is not None and synchronising(found[1]):
                return True
        if any(_host_index(analysis, s) for s in analysis.index.of_type(function, cst.Subscript)):
            return True
        for each in analysis.index.mro(model):
            todo.extend(each.calls.get(name, ()))
    return False


def _host_index(analysis: "FileAnalysis", subscript: cst.Subscript) -> bool:
    indexes: List[cst.CSTNode] = [e.slice.value for e in subscript.slice if type(e.slice) is cst.Index]
    for node in indexes:
        for part in v.walk_expression(node):
            if type(part) is cst.Call and _host_made(analysis, part):
                return True
            if type(part) is cst.Name and analysis.index.knows(part) and any(
                    origin.kind == v.CALL and type(origin.node) is cst.Call and _host_made(analysis, origin.node)
                    for origin in analysis.values.origins(part)):
                return True
    return False


def _host_made(analysis: "FileAnalysis", call: cst.Call) -> bool:
    return analysis.qualified(call.func) in HOST_FACTORIES and argument(call, "device") is None


def made_on_cuda(analysis: "FileAnalysis", expression: cst.CSTNode) -> bool:
    """`expression` is a local every assignment of which makes a tensor on the GPU: a torch
    call given `device="cuda"` (or `"cuda:0"`), or a `.cuda()` copy."""
    if type(expression) is not cst.Name or not analysis.index.knows(expression):
        return False
    bindings = analysis.values.reaching(expression)
    return bool(bindings) and all(binding.kind == "assign" and not binding.path and type(binding.value) is cst.Call
                                  and _cuda_made(analysis, binding.value) for binding in bindings)


def non_blocking(call: cst.Call) -> bool:
    """A copy (`.to(...)`, `.cuda(...)`) asked not to wait: `non_blocking=` anything but False."""
    arg = argument(call, "non_blocking")
    return arg is not None and not (type(arg.value) is cst.Name and arg.value.value == "False")


def cuda_operation(analysis: "FileAnalysis", statements: Sequence[cst.CSTNode]) -> Optional[cst.BinaryOperation]:
    """The first arithmetic of the statements on a tensor made on the GPU (`a @ b`): a kernel
    launch, as asynchronous as a torch call."""
    for statement in statements:
        for node in analysis.index.of_type(statement, cst.BinaryOperation, into_scopes=False):
            if made_on_cuda(analysis, node.left) or made_on_cuda(analysis, node.right):
                return node
    return None


def _cuda_made(analysis: "FileAnalysis", call: cst.Call) -> bool:
    found = method_call(call)
    if found is not None and found[1] == "cuda":
        return True
    device = argument(call, "device")
    return (analysis.qualified(call.func) or "").startswith("torch.") and device is not None \
        and type(device.value) is cst.SimpleString and str(device.value.evaluated_value).split(":")[0] == "cuda"


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
