import re
from typing import List, Optional, Sequence

import libcst as cst

from reviewer.analysis import objects as o
from reviewer.analysis import values as v
from reviewer.analysis.devices import (TENSOR_METADATA, cuda_operation, made_on_cuda, non_blocking, off_cuda,
                                       synchronises, synchronising)
from reviewer.analysis.loops import LoopCall
from reviewer.analysis.tree import dotted_name, method_call, shorten
from reviewer.vocabulary import CLOCKS
from reviewer.fixes import module_alias
from reviewer.rule import Applicability, Fix, Replacement, Rule, Severity
from reviewer.triggers import all_of, any_of

#: names of models (evidence only, where the file does not show how the callee is built)
_MODEL_NAME = re.compile(r"(?i)^(?:.*model|net|network|.*_net|encoder|decoder|generator|discriminator|backbone|detector|netG|netD)$")
_NOT_A_MODEL = re.compile(r"(?i)^(?:load|build|create|get|make|init|setup|save|export|print|count)_")
_BOOKKEEPING = {"print", "len", "range", "str", "isinstance", "format", "round", "dict", "list", "tuple"}
_SYNC_STATEMENT = "if {torch}.cuda.is_available():\n    {torch}.cuda.synchronize()\n"


class CudaTimingWithoutSync(Rule):
    code = "RV504"
    name = "cuda-timing-without-sync"
    summary = "Wall-clock timing around CUDA work without `torch.cuda.synchronize()` before the second reading."
    severity = Severity.WARNING
    fix_applicability = Applicability.SAFE
    # the clocks are in the `time` module (`time.perf_counter()`, or imported from it) and timeit's
    trigger = all_of(any_of("cuda", "non_blocking"), any_of(r"time\s*\.\s*(?:time|perf_counter|monotonic)", "default_timer",
                                    r"time(?<!\wtime)(?:it)?\s+(?:import|as)\b"))
    metamorphic_limits = {
        "rename": "a model given as a parameter that the function only calls is told from a helper by its name",
        "extract_method": "the two clock readings and the work between them are matched within one block of "
                          "statements; a reading moved into a helper is not followed",
    }
    documentation = """
        ## What it does
        Finds `t0 = time.time()` (or `perf_counter()`, `monotonic()`,
        `timeit.default_timer()`) followed in the same block by a second clock reading that
        uses `t0` (or is stored and read with `t0` later in the function, also after a
        `with` around both), with CUDA work in between (`.cuda()` and `.to(device)` with
        `non_blocking=True`, `backward()`, a model's forward call in a file that uses CUDA
        (names it, or copies with `non_blocking=True`, which only a copy to the GPU needs),
        a torch call on a tensor made with `device="cuda"` or `.cuda()`; after a statement
        `torch.cuda.synchronize()` right before the first reading, any call but bookkeeping) and no
        synchronising call after the work: `torch.cuda.synchronize()`, a `time_sync()`-style
        helper, `.item()`, `.cpu()`, `.tolist()`, `.numpy()`, `.to("cpu")`. A model is bound
        by its constructor where the file shows one, else recognised by its name (`model`,
        `net`, `*_net`, `encoder`), unless it is a function the file defines
        (`checkpoint_model(...)`). Code that runs only off CUDA (the `else` of `if
        device.type == "cuda":` or of `if torch.cuda.is_available():`, or a function of the
        file named only there) is synchronous and left alone. After the work, a call of a
        function (not bookkeeping such as `print`), of an object the instance holds that
        comes from outside the file or from code outside torch (`self.valid_loss(batch,
        out)`, `self.valid_loss` a parameter of `__init__`), or of a method of a class that
        another file of the project defines and whose body synchronises
        (`self.boxes.nms(...)` where `self.boxes = DecodeBox(...)` and `DecodeBox.nms` calls
        `.cpu()`), may well synchronise: the timing is left alone. So is work done by a
        model of a class of this file whose `forward` (or a method it calls) waits for the
        GPU: `.item()`, or an index tensor made on the host (`x[:, torch.randint(n,
        (k,))]`), which PyTorch copies to the device with a blocking copy on every call. The
        work is followed into the functions of the file the timed statements call.

        ## Why it matters
        CUDA kernels run asynchronously: the Python call returns once the kernel is queued.
        Without a synchronisation before the second reading the measurement is the time to
        launch the kernels, not to run them (pytorch/pytorch #21286), and the cost shows up in
        whichever later line happens to wait for the GPU. YOLOv5's `time_sync()` and YOLOv7's
        `time_synchronized()` synchronise before reading the clock for this reason.

        ## Example
        ```python
        t0 = time.perf_counter()
        output = model(images.cuda())
        elapsed = time.perf_counter() - t0
        ```

        ## Fixed
        ```python
        t0 = time.perf_counter()
        output = model(images.cuda())
        if torch.cuda.is_available():
            torch.cuda.synchronize()
        elapsed = time.perf_counter() - t0
        ```

        ## Fix safety
        Safe: inserts a synchronisation guarded by `torch.cuda.is_available()` before the
        statement that reads the clock; results are unchanged, only the measured time (now
        the real one). When other statements share that line (`y = model(x); dt = ...`),
        they are split onto lines of their own around the inserted block. Offered only where
        `torch` is imported under a name visible at that point.
    """

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        self._scan(node.body)

    def visit_Module(self, node: cst.Module) -> None:
        # as the trigger says (an asynchronous copy is a copy to the GPU); asked once, not per block
        self._does_cuda = "cuda" in self.context.source or "non_blocking" in self.context.source
        self._scan(node.body)

    def _scan(self, body: Sequence[cst.CSTNode]) -> None:
        if not self._does_cuda:
            return
        body = self._straight(body)
        for i, statement in enumerate(body):
            target = self._clock_target(statement)
            if target is None:
                continue
            for j in range(i + 1, len(body)):
                later = body[j]
                clocks = self._clock_calls(later)
                if not clocks:
                    continue
                if type(later) is not cst.SimpleStatementLine:
                    break
                used = self._reads(later, target) or (
                    self._clock_target(later) is not None and self._read_later(later, target))
                if used:
                    self._check(body, i, j, clocks[0])
                break

    def _straight(self, body: Sequence[cst.CSTNode]) -> List[cst.CSTNode]:
        """The block with each `if`/`else` whose branches are the same statements replaced by
        its first branch: they run either way."""
        found: List[cst.CSTNode] = []
        for statement in body:
            if (type(statement) is cst.If and type(statement.orelse) is cst.Else
                    and statement.body.deep_equals(statement.orelse.body)):
                found.extend(self._straight(statement.body.body))
            else:
                found.append(statement)
        return found

    def _read_later(self, statement: cst.CSTNode, name: str) -> bool:
        """`name` is read after `statement` in its function: later in its block, or after a
        `with` or `if` that holds both readings (`return (end - start) / runs`)."""
        index = self.context.analysis.index
        owner = index.function_of(statement) or self.context.analysis.module
        after = index.last_descendant(index.order(statement)) + 1
        return any(type(n) in (cst.Name, cst.Attribute) and dotted_name(n) == name
                   for n in index.nodes[after:index.last_descendant(index.order(owner)) + 1])

    def _reads(self, node: cst.CSTNode, name: str) -> bool:
        return any(dotted_name(n) == name for n in self.context.analysis.index.descendants(node)
                   if type(n) in (cst.Name, cst.Attribute))

    def _is_clock(self, call: cst.CSTNode) -> bool:
        return type(call) is cst.Call and not call.args and self.context.analysis.qualified(call.func) in CLOCKS

    def _clock_target(self, statement: cst.CSTNode) -> Optional[str]:
        """`t0 = time.time()` (or `t0 = d` where `d` holds one): the name the reading is stored in."""
        if type(statement) is not cst.SimpleStatementLine or len(statement.body) != 1:
            return None
        small = statement.body[0]
        if type(small) is not cst.Assign or len(small.targets) != 1:
            return None
        value = small.value
        if self._is_clock(value) or (type(value) is cst.Name and any(
            origin.kind == "call" and self._is_clock(origin.node) for origin in self.context.analysis.values.origins(value)
        )):
            return dotted_name(small.targets[0].target)
        return None

    def _clock_calls(self, statement: cst.CSTNode) -> List[cst.Call]:
        return [site.call for site in self.context.analysis.loops.statement_calls([statement]) if self._is_clock(site.call)]

    def _check(self, body, i: int, j: int, clock: cst.Call) -> None:
        analysis = self.context.analysis
        loops, index, later = analysis.loops, analysis.index, body[j]
        clock_small = next(s for s in later.body if any(site.call is clock for site in loops.statement_calls([s])))
        timed = [*body[i + 1:j], *later.body[:later.body.index(clock_small)]]
        between: List[LoopCall] = loops.statement_calls(timed)
        work = [k for k, site in enumerate(between) if self._cuda_work(site.call)]
        started = next((k for k in range(i - 1, -1, -1) if not self._clock_calls(body[k])), -1)  # `d = clock()`, `t0 = d`
        if not work and started >= 0 and self._waits_for_the_gpu(body[started]):
            # the code waits for the GPU right before it starts the clock: what it times is GPU work
            work = [k for k, site in enumerate(between) if dotted_name(site.call.func) not in _BOOKKEEPING]
        if work:
            first, last, first_work = work[0], work[-1] + 1, between[work[0]].call
            statements = {id(site.statement) for site in between[work[-1]:]}
        else:  # arithmetic on GPU tensors (`c = a @ b`): the calls from its statement on follow it
            first_work = cuda_operation(analysis, timed)
            if first_work is None:
                return
            top = next(s for s in timed if index.contains(s, first_work))
            first = last = next((k for k, site in enumerate(between) if not index.before(site.statement, top)),
                                len(between))
            statements = {id(top)} | {id(site.statement) for site in between[last:]}
        if off_cuda(analysis, clock):
            return
        # the last CUDA work must sit right before the second reading: a long tail of other
        # work (exporting, printing, saving) is a whole-process timing, not a kernel timing
        tail = [site for site in between[last:] if not synchronises(self.context.analysis, site.call)]
        if len(statements) > 3 or len(tail) > 4:
            return
        # a helper called on the results after the work may well synchronise: only plain
        # bookkeeping may follow, and no method of the project's that synchronises
        if any(type(site.call.func) is cst.Name and site.call.func.value not in _BOOKKEEPING
               or self._held_callable(site.call) or self._project_syncs(site.call) for site in tail):
            return
        if any(synchronises(self.context.analysis, site.call) and (k >= first or index.contains(site.call, first_work))
               for k, site in enumerate(between)):
            return
        self.report(
            clock,
            f"`{self.context.code(clock)}` is read after CUDA work (`{shorten(self.context.code(first_work), 80)}`) "
            "with no `torch.cuda.synchronize()` in between: kernels run asynchronously, so this times their "
            "launch, not their execution. Synchronise before reading the clock.",
            fix=self._fix(later, clock_small, clock),
        )

    def _waits_for_the_gpu(self, statement: cst.CSTNode) -> bool:
        """`torch.cuda.synchronize()` (or a `synchronize()` of its own) as a statement."""
        if type(statement) is not cst.SimpleStatementLine or len(statement.body) != 1 \
                or type(statement.body[0]) is not cst.Expr or type(call := statement.body[0].value) is not cst.Call:
            return False
        return "synchroni" in (self.context.analysis.qualified(call.func) or "").rsplit(".", 1)[-1].lower()

    def _fix(self, line: cst.SimpleStatementLine, clock_small, clock: cst.Call) -> Optional[Fix]:
        torch = module_alias(self.context.analysis, clock, "torch")
        if torch is None:
            return None
        guard = cst.parse_statement(_SYNC_STATEMENT.format(torch=torch))
        position = list(line.body).index(clock_small)
        before, after = list(line.body[:position]), list(line.body[position:])
        statements: List[cst.BaseStatement] = []
        if before:
            last = before[-1].with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
            statements.append(cst.SimpleStatementLine(body=[*before[:-1], last], leading_lines=line.leading_lines))
            statements.append(guard)
        else:
            statements.append(guard.with_changes(leading_lines=line.leading_lines))
        statements.append(line.with_changes(body=after, leading_lines=()))
        return Fix(Applicability.SAFE, "Synchronise CUDA before reading the clock",
                   [Replacement(line, cst.FlattenSentinel(statements))])

    def _cuda_work(self, call: cst.Call) -> bool:
        found = method_call(call)
        if found is not None:
            receiver, method = found
            if method == "backward":
                return True
            if method in ("cuda", "to"):
                # a copy from host memory waits for the GPU unless it is asked not to
                return non_blocking(call)
            if method == "forward":
                return self._model(receiver)
            if method not in TENSOR_METADATA and made_on_cuda(self.context.analysis, receiver):
                return True  # a kernel on a tensor made on the GPU (`a.sum()`)
        if (self.context.analysis.qualified(call.func) or "").startswith("torch.") and any(
                made_on_cuda(self.context.analysis, arg.value) for arg in call.args):
            return True  # `torch.matmul(a, b)` on tensors made on the GPU
        name = dotted_name(call.func)
        parts = name.split(".") if name is not None else []
        if not parts or len(parts) > 2 or (len(parts) == 2 and parts[0] != "self"):
            # `cfg["model"](x)`, `nets.g(x)`: a model only where the code shows one is built
            return self._built_model(call.func)
        return self._model(call.func)

    def _built_model(self, callee: cst.CSTNode) -> bool:
        analysis = self.context.analysis
        return analysis.index.knows(callee) and any(
            x is not None and x.kind == o.MODEL for x in analysis.objects.of(callee))

    def _model(self, callee: cst.CSTNode) -> bool:
        analysis = self.context.analysis
        if analysis.index.knows(callee):
            kinds = {x.kind if x is not None else None for x in analysis.objects.of(callee)}
            if o.MODEL in kinds:
                return True
            if kinds - {None}:
                return False
            if any(origin.kind == v.DEFINITION and type(origin.node) is cst.FunctionDef
                   for origin in analysis.values.origins(callee)):
                return False  # a function of this file (`checkpoint_model(...)`), whatever its name
        last = (dotted_name(callee) or "").split(".")[-1]
        return _MODEL_NAME.match(last) is not None and _NOT_A_MODEL.match(last) is None

    def _project_syncs(self, call: cst.Call) -> bool:
        """A method of a class that another file of the project defines, and whose body
        synchronises (`.cpu()`, `.item()`, a `*sync*` call): `self.boxes.nms(...)` after
        `self.boxes = DecodeBox(...)` imported from `utils/utils_bbox.py`."""
        analysis = self.context.analysis
        if type(call.func) is not cst.Attribute or not analysis.index.knows(call.func.value):
            return False
        for origin in analysis.values.origins(call.func.value):
            called = analysis.project_method_calls(origin.qualified, call.func.attr.value) \
                if origin.kind == v.CALL else None
            if called and any(synchronising(name) for name in called):
                return True
        return False

    def _held_callable(self, call: cst.Call) -> bool:
        """`self.valid_loss(batch, out)`: an object the instance holds, given from outside
        the file or made by code outside torch, called like a function (OpenNMT's loss
        compute, whose statistics call `.item()`). Like a helper, it may well synchronise;
        a model or a torch module held there (`self.criterion = nn.CrossEntropyLoss()`) is
        more work."""
        analysis = self.context.analysis
        func = call.func
        if type(func) is not cst.Attribute or type(func.value) is not cst.Name or func.value.value != "self" \
                or not analysis.index.knows(func) or self._model(func):
            return False
        origins = analysis.values.origins(func)
        return bool(origins) and all(
            origin.kind == v.PARAM or origin.kind == v.CALL and not (origin.qualified or "").startswith("torch.")
            for origin in origins)

