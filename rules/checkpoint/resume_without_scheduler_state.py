import re
from typing import List, Optional, Tuple

import libcst as cst

from reviewer.analysis import objects as o
from reviewer.analysis import values as v
from reviewer.analysis.tree import argument, method_call, string_value, subscript_key
from reviewer.fixes import inserted_after
from reviewer.rule import Applicability, Fix, Replacement, Rule, Severity
from reviewer.triggers import Check, SCHEDULER_VOCABULARY, all_of, scheduler_state_code

#: a checkpoint key or keyword naming a scheduler (evidence only: the file chose the name)
_SCHEDULER_KEY = re.compile(r"sched", re.IGNORECASE)


class ResumeWithoutSchedulerState(Rule):
    code = "RV401"
    name = "resume-without-scheduler-state"
    summary = "A checkpoint saves or restores the optimizer's state but not the scheduler's."
    severity = Severity.ERROR
    fix_applicability = Applicability.SAFE
    changes_schedule = False  # the fix saves the state; the schedule changes only where a resume loads it
    trigger = all_of(SCHEDULER_VOCABULARY, r"state_dict")
    structure = Check(scheduler_state_code)
    documentation = """
        ## What it does
        Where a scheduler (bound by its constructor) is in scope (built in the same
        function, an attribute of the same class, or a module-level one the function reads):

        - a checkpoint dict with an optimizer's `state_dict()` but no scheduler state (a dict
          literal, or one built key by key: `state = {}`, `state["optim"] = opt.state_dict()`),
          when the function saves the scheduler no other way (no scheduler `state_dict()`,
          no key naming a scheduler, no call it hands the scheduler to);
        - `optimizer.load_state_dict(...)` in a function that restores no scheduler (no
          scheduler `load_state_dict(...)`, no `last_epoch` set, no key naming a scheduler
          read, no call it hands the scheduler to, other than on every pass of a loop the
          restore is not in: `train_one_epoch(net, opt, sched)` trains, a restore runs once).

        The two sides are judged separately: a restore does not excuse a save that leaves
        the scheduler out, nor the reverse. Setting `scheduler.last_epoch` on resume (YOLOv5)
        counts as restoring it, and then a checkpoint needs no scheduler state of its own
        (the saved epoch is enough); nor does a scheduler built with `last_epoch=` (rebuilt
        on resume from a saved epoch, as HiFi-GAN does).

        ## Why it matters
        A resumed run then restarts the schedule from its first value: warm-up runs again on
        trained weights, a cosine or step schedule is shifted by the epochs already done, and
        the final learning rate is never reached (lightly-ai/lightly-train PR #301,
        joeynmt PR #127).

        ## Example
        ```python
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict()}, path)
        ```

        ## Fixed
        ```python
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                    "scheduler": scheduler.state_dict()}, path)
        # and on resume
        optimizer.load_state_dict(checkpoint["optimizer"])
        scheduler.load_state_dict(checkpoint["scheduler"])
        ```

        ## Fix safety
        Safe, on the save side only: adds a `"scheduler"` entry to the checkpoint; training
        is unchanged and loaders that do not read the entry ignore it. Offered only when
        exactly one scheduler is in scope and it is certainly built where the checkpoint is
        made (assigned earlier on every path, or in `__init__` for an attribute); otherwise
        the entry would read an unbound name. Restoring it on load is left to you.
    """

    def visit_Dict(self, node: cst.Dict) -> None:
        carries_scheduler, optimizer_element = self._entries(node)
        if not carries_scheduler and optimizer_element is not None:
            self._check_save(node, optimizer_element, node)

    def visit_Assign(self, node: cst.Assign) -> None:
        """A checkpoint built key by key: `state = {}`, then `state["optim"] = opt.state_dict()`."""
        analysis = self.context.analysis
        target = node.targets[0].target if len(node.targets) == 1 else None
        found = method_call(v.held_chain(analysis, node.value)[-1])
        if type(target) is not cst.Subscript or type(target.value) is not cst.Name or found is None \
                or found[1] != "state_dict" or not analysis.objects.is_a(found[0], o.OPTIMIZER):
            return
        display = v.held_chain(analysis, target.value)[-1]  # through a helper's parameter too
        if type(display) is cst.Dict and not self._entries(display)[0]:
            self._check_save(node, node.value, None)

    def _entries(self, node: cst.Dict) -> Tuple[bool, Optional[cst.DictElement]]:
        """(whether an entry may save a scheduler: a key naming one, its `state_dict()`, a
        `**other`; the first entry that saves an optimizer's state)."""
        objects = self.context.analysis.objects
        optimizer_element = None
        for element in node.elements:
            if type(element) is not cst.DictElement:
                return True, None  # `**other` may carry the scheduler
            key = string_value(element.key)
            if key is not None and _SCHEDULER_KEY.search(key):
                return True, None
            found = method_call(element.value)
            if found is None or found[1] != "state_dict":
                continue
            if objects.schedulers(found[0]):
                return True, None
            if objects.is_a(found[0], o.OPTIMIZER) and optimizer_element is None:
                optimizer_element = element
        return False, optimizer_element

    def _check_save(self, node: cst.CSTNode, saved: cst.CSTNode, display) -> None:
        """Report `saved`, an optimizer's state saved at `node` with no scheduler state in scope;
        with the fix where `display` (the checkpoint's dict) can take one more entry."""
        schedulers, scopes = self._around(node)
        if not schedulers or any(self._handled(scope, "state_dict", node) for scope in scopes):
            return
        if any(self._rewound(scope) for scope in scopes):
            return
        name, binding_statement = schedulers[0]
        fix = None
        if display is not None and len(schedulers) == 1 and len(scopes) == 1 \
                and self._bound_before(binding_statement, node):
            fix = Fix(Applicability.SAFE, "Save the scheduler's state too", [_add_entry(display, saved, name)])
        self.report(
            saved,
            f"This checkpoint saves the optimizer's state but not `{name}`'s: a resumed run "
            "restarts the learning-rate schedule from the beginning. Save "
            f"`{name}.state_dict()` and restore it with `load_state_dict` on resume.",
            fix=fix,
        )

    def visit_Call(self, node: cst.Call) -> None:
        found = method_call(node)
        if found is None or found[1] != "load_state_dict":
            return
        analysis = self.context.analysis
        if not analysis.objects.is_a(found[0], o.OPTIMIZER):
            return
        schedulers, scopes = self._around(node)
        if not schedulers or any(self._handled(scope, "load_state_dict", node) for scope in scopes):
            return
        name = schedulers[0][0]
        self.report(
            node,
            f"`{self.context.code(node)}` restores the optimizer but `{name}` is not restored: "
            "the resumed run restarts the learning-rate schedule from the beginning. Call "
            f"`{name}.load_state_dict(...)` with the saved scheduler state.",
        )

    def _around(self, node: cst.CSTNode, depth: int = 0):
        """(schedulers in scope, the scopes they were looked for in): the function of `node`;
        for a helper that has none, the functions that call it (two levels up)."""
        index = self.context.analysis.index
        scope = index.function_of(node) or index.module
        found = self._in_scope(node)
        if found or type(scope) is not cst.FunctionDef or depth >= 2:
            return found, [scope]
        scopes = [scope]
        for call in self.context.analysis.calls_of(scope):
            more, where = self._around(call, depth + 1)
            found += [s for s in more if s not in found]
            scopes += [w for w in where if w not in scopes]
        return found, scopes

    def _in_scope(self, node: cst.CSTNode) -> List[Tuple[str, cst.CSTNode]]:
        """(the code that names it, the statement that binds it) of every scheduler built in
        the function around `node` (or returned there by a function of the file that builds it), held by an attribute of its class, or built at module
        level and read in the function (by a name the function does not rebind)."""
        analysis = self.context.analysis
        index = analysis.index
        function = index.function_of(node)
        model = index.enclosing_class(node)
        found: List[Tuple[str, cst.CSTNode]] = []
        for statement in index.all(cst.Assign) + index.all(cst.AnnAssign):
            built = analysis.objects.schedulers(statement.value) if type(statement.value) is cst.Call else None
            if not built or any(made.construction is None or argument(made.construction, "last_epoch") is not None
                                for made in built):
                continue  # rebuilt from a saved epoch on resume (YOLOv5, HiFi-GAN)
            call = statement.value
            targets = [t.target for t in statement.targets] if type(statement) is cst.Assign else [statement.target]
            for target in targets:
                where = index.function_of(call)
                if type(target) is cst.Name:
                    if where is function and function is not None:
                        found.append((target.value, statement))
                    elif where is None and (function is None or self._reads_global(function, target.value)):
                        found.append((target.value, statement))
                elif type(target) is cst.Attribute and model is not None:
                    owner = index.self_attribute(target)
                    if owner is not None and owner[0] in index.family(model):
                        self_name = model.self_names.get(id(function)) if function is not None else None
                        if self_name is not None:
                            found.append((f"{self_name}.{owner[1]}", statement))
        unique = {name: statement for name, statement in found}
        return list(unique.items())

    def _rewound(self, scope: cst.CSTNode) -> bool:
        """`scheduler.last_epoch = ...` in the scope: the schedule is resumed from the saved
        epoch (YOLOv5, YOLOv7), so it needs no state of its own in the checkpoint."""
        analysis = self.context.analysis
        for target in analysis.index.of_type(scope, cst.AssignTarget):
            attribute = target.target
            if type(attribute) is cst.Attribute and attribute.attr.value == "last_epoch" \
                    and analysis.objects.schedulers(attribute.value):
                return True
        return False

    def _reads_global(self, function: cst.CSTNode, name: str) -> bool:
        index = self.context.analysis.index
        return any(type(n) is cst.Name and n.value == name and not index.is_store(n)
                   and all(b.scope.kind == "module" for b in index.bindings(n))
                   for n in index.descendants(function))

    def _handled(self, scope: cst.CSTNode, method: str, at: cst.CSTNode, seen: Tuple[int, ...] = ()) -> bool:
        """The scope saves (or restores) a scheduler's state another way: its `state_dict()`
        (or `load_state_dict()`) is called, a key or keyword names a scheduler, a scheduler
        is handed to a call (to a function of the file: one that handles it so); on the
        restoring side, `last_epoch` is set too."""
        analysis = self.context.analysis
        index = analysis.index
        for node in index.descendants(scope):
            kind = type(node)
            if kind is cst.Call:
                found = method_call(node)
                if found is not None and found[1] == method and analysis.objects.schedulers(found[0]):
                    return True
                if node is not at and not (method == "load_state_dict" and self._looped_apart(node, at)) and any(
                    type(arg.value) in (cst.Name, cst.Attribute) and analysis.objects.schedulers(arg.value)
                    for arg in node.args
                ):
                    callee = analysis.callee(node)
                    if type(callee) is not cst.FunctionDef or (
                            id(callee) not in seen and self._handled(callee, method, at, seen + (id(scope),))):
                        return True
                if any(arg.keyword is not None and _SCHEDULER_KEY.search(arg.keyword.value) for arg in node.args):
                    return True
            elif kind is cst.SimpleString and method == "load_state_dict" and _SCHEDULER_KEY.search(node.value) \
                    and not self._written_key(node):
                return True
            elif kind is cst.Subscript and method == "state_dict" and _SCHEDULER_KEY.search(subscript_key(node) or ""):
                return True
            elif method == "load_state_dict" and (
                (kind is cst.Attribute and node.attr.value == "last_epoch" and index.parent(node) is not None)
                or (kind is cst.Arg and node.keyword is not None and node.keyword.value == "last_epoch")
            ):
                return True
        return False

    def _looped_apart(self, call: cst.Call, at: cst.CSTNode) -> bool:
        """Every way a loop runs the call (`loops.contexts`: its function's loops, or a loop
        that calls its function) runs it on passes a loop of the restore's does not make
        (`train_one_epoch(net, opt, sched)` in the epoch loop): a step of training, not a
        restore, which runs once."""
        loops = self.context.analysis.loops
        restoring = {id(loop) for enclosing, _ in loops.contexts(at) for loop in enclosing}
        ways = loops.contexts(call)
        return bool(ways) and all(any(id(loop) not in restoring for loop in enclosing) for enclosing, _ in ways)

    def _written_key(self, key: cst.SimpleString) -> bool:
        """The string is a key a dict literal writes (`{"sched": sched.state_dict()}`, a save),
        not one a restore reads (`ckpt["sched"]`, `ckpt.get("sched")`)."""
        parent = self.context.analysis.index.parent(key)
        return type(parent) is cst.DictElement and parent.key is key

    def _bound_before(self, binding: cst.CSTNode, at: cst.CSTNode) -> bool:
        """The scheduler's assignment has run whenever `at` runs: it dominates `at` in the same
        function, or is an unconditional write in `__init__` for an attribute read in a method."""
        analysis = self.context.analysis
        index = analysis.index
        if index.function_of(binding) is index.function_of(at):
            return index.before(binding, at) and index.dominates(binding, index.statement_of(at))
        method = index.function_of(binding)
        return (method is not None and getattr(method, "name", None) is not None and method.name.value == "__init__"
                and not index.conditional(binding, method)) or (
            method is None and index.before(binding, at))


def _add_entry(node: cst.Dict, after: cst.DictElement, scheduler: str) -> Replacement:
    quote = after.key.quote if type(after.key) is cst.SimpleString and after.key.quote in ("'", '"') else '"'
    new = cst.DictElement(
        key=cst.SimpleString(f"{quote}scheduler{quote}"),
        value=cst.parse_expression(f"{scheduler}.state_dict()"),
        whitespace_before_colon=after.whitespace_before_colon,
        whitespace_after_colon=after.whitespace_after_colon,
    )
    return Replacement(node, node.with_changes(elements=inserted_after(node.elements, after, new)))
