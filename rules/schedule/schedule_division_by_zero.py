from typing import Dict, Optional

import libcst as cst

from reviewer.analysis.horizon import per_pass_lengths, within_horizon
from reviewer.analysis.lr import FUNCTION, STEPPED
from reviewer.analysis.numeric import WARMUP_NAME, Linear
from reviewer.analysis.tree import argument, dotted_name, without_casts, without_parentheses
from reviewer.analysis.values import walk_expression
from reviewer.fixes import builtin_visible
from reviewer.rule import Applicability, Fix, Replacement, Rule
from reviewer.triggers import SCHEDULE_CODE, Check, all_of, any_of, schedule_division
from reviewer.vocabulary import DIVIDING_SCHEDULERS

_SYMBOLS = {cst.Modulo: "%", cst.ModuloAssign: "%", cst.FloorDivide: "//", cst.FloorDivideAssign: "//"}


class ScheduleDivisionByZero(Rule):
    code = "RV104"
    name = "schedule-division-by-zero"
    summary = "A learning-rate schedule divides by a length that valid settings make zero."
    fix_applicability = Applicability.UNSAFE
    changes_schedule = True
    trigger = all_of(SCHEDULE_CODE, any_of(r"[/%]", *sorted(DIVIDING_SCHEDULERS)))
    structure = Check(schedule_division)
    documentation = """
        ## What it does
        In schedule code, reports a division or modulo whose divisor can be zero for valid
        settings. Schedule code is a scheduler-like class (one that extends a torch
        scheduler, writes a param group's `"lr"`, or updates an LR attribute when it steps),
        a function or lambda a `LambdaLR` calls, a function whose result the file writes to
        an LR, or one that writes it, and a torch scheduler's constructor arguments with the
        locals they read (`gamma = r ** (1 / (epochs - 1))`); where the file shows none of
        these, a function named like a schedule (`get_lr`, `lr_lambda`, `warmup_*`).

        Every division there is checked. The divisor is followed through locals,
        attributes, config subscripts and arithmetic to a linear form over settings
        (`total - warmup`, `epochs - 1`, `self.gap`), and reported when it can be zero:

        - a difference of settings that count something (equal settings give 0):
          `max_iter - warmup_iter`, `epochs - 1`;
        - a single setting that the file shows may be 0: its default is 0 (a config dict's
          entry too, also under overrides: `dict(DEFAULTS, **overrides)`), the code compares
          it with 0 or tests it (`if warmup:`), or it is the length of a ramp clamped at 1
          (`min(1, t / W)`, not a cosine's angle); where the file says nothing, a name that says warm-up (0 disables a warm-up);
        - an attribute that starts at 0 in `__init__` and is only assigned under a condition.

        A setting counts something when it is declared `int`, has an integer default,
        bounds a `range` or a loop counter; where the file says nothing, when its name says
        so (`epochs`, `*_steps`, `*_iters`). Settings are identified by their name within
        the file, so `self.warmup = warmup` and `cfg.warmup` are one setting.

        The guards where the division runs decide whether zero is reachable: branch
        conditions (`elif` chains too), early `return`/`raise`/`continue`, `assert`,
        `max(1, d)`, loops and comprehensions over `range`/`arange` (the body runs only when
        the range is not empty), `try ... except ZeroDivisionError`, and validations of the
        same setting anywhere in the file (`if warmup <= 0: raise ValueError`). In a helper
        the file calls, the guards of its callers count too, with the arguments put for its
        parameters: a helper called only under `if step < warmup:` never divides by a zero
        `warmup`; and the helper's own guards, said of what each call passes, meet the
        caller's, so a `get_lr(it)` that returns early when `it > max_iters` and is called
        only after the loop's `if it >= max_iters: break` (litgpt) is not reported, while one
        whose loop tests its stop after the call (nanoGPT) is. Only guards on the helper's
        parameters travel, and only when each call passes one value for them (not `*args`).
        What each call passes bounds a parameter from below: a helper that returns early when
        `step > warmup` and is only called with `step` at least 1 (`t + 1`, `max(t, 1)`, a
        counter read after its `+= 1`, a helper's too, or in a later loop over the same param groups) never
        divides by a zero `warmup`. A `functools.partial(helper, ...)` is a call that passes its
        first arguments (yolov4's warm-up length `min(max(r * n, 1), 3)` is at least 1); what it
        leaves to the later call is unknown. A function of the module level that its file never
        calls is decided at the calls of the project's other files (found through their imports:
        `from nets.schedules import f`, `import nets.schedules as s`, a package's re-export): a
        parameter that no call passes keeps its default (yolov4's `step_num=10` in
        `1 / (step_num - 1)`), a literal number passed is that number, anything else is unknown;
        a use other than a call (the function passed on or stored), a renamed import, or no call
        at all leaves every parameter unknown. Guards of callers in other files are not read. A counter that
        starts at 0, is advanced by one and, in the next statement, set back to 0 when it
        reaches a period set up in `__init__` (`if self.i == self.size: self.i = 0`), is below
        that period wherever else it is read (vq-vae-2's `else` branch, where `i >= warmup`,
        then needs `size > warmup`). A parameter's default is evidence from its own class first
        (another class's `dampening=0.0` says nothing about this one), and an attribute that
        carries a learning rate (`warmup_start_lr`) is a rate, not a warm-up length.
        Settings and counters are never negative; a remainder by one of them (`step % cycle`) is at
        least 0 and below it, as Python's `%` takes the divisor's sign (axolotl's ReLoRA ramps). A counter is an attribute the class adds a
        constant to, directly or by setting it from its own value through locals and casts
        (`epoch = self.last_epoch + 1; self.last_epoch = math.floor(epoch)`); one with more
        values than are followed one by one (restarts that subtract a cycle's length) is one
        counter. In a plain function the training loop calls, the position it is called with (a parameter the guards compare with the
        settings) is assumed to stay below the schedule's length unless the code bounds it
        from above itself (`if it > max_iters: return`), and then its callers decide; so is
        the position a method of a class that extends nothing gets when the file never calls
        it and no LambdaLR evaluates it (a scheduler object's `__call__(self, optimizer,
        iteration)`; a framework's scheduler, such as fairseq's `step_update(num_updates)`, may
        be stepped past the end). A position made of the epoch and the step within it
        (`epoch * iters + i`, each a position) stays below `epochs * iters`; a product of
        settings is multiplied out to meet the guards (`(epochs - warmup) * iters` is positive
        past `epoch * iters + i >= warmup * iters`: ResNeSt's scheduler object). A
        scheduler class or a LambdaLR function is stepped once more after the last epoch: there
        the counter reaches the length but does not pass it (after `if it <= w: return`,
        `(it - w) / (total - w)` needs `total > w`; after `it < w` it is reported).

        A torch scheduler that divides by one of its arguments on every step is checked
        the same way, under the guards where it is built and those of a `step()` of it (where
        the file shows one; a SequentialLR steps its parts): `CosineAnnealingLR(opt, T_max=epochs - warmup)`
        raises ZeroDivisionError on its first step when the warm-up spans the run, unless it
        is stepped only past the warm-up of a loop over the epochs (no fix is offered: a
        cosine phase of length 1 is another schedule, not a guard).

        ## Why it matters
        Training with one epoch, without warm-up, or with the warm-up as long as the
        schedule is a valid configuration; the schedule then raises ZeroDivisionError
        (YOLOv7's `lambda x: 1 - x / (epochs - 1)` with `epochs=1`), or, when the
        difference goes negative, silently produces a learning rate that grows.

        ## Example
        ```python
        lf = lambda x: (1 - x / (epochs - 1)) * (1.0 - lrf) + lrf
        scheduler = LambdaLR(optimizer, lr_lambda=lf)
        ```

        ## Fixed
        ```python
        lf = lambda x: (1 - x / max(1, epochs - 1)) * (1.0 - lrf) + lrf
        scheduler = LambdaLR(optimizer, lr_lambda=lf)
        ```

        ## Fix safety
        Unsafe, always: `max(1, d)` turns the ZeroDivisionError into a schedule computed as
        if the length were 1, which the message spells out (with `warmup = 0`, `it / W`
        becomes `it / 1` and grows past 1 without bound; with `epochs == 1`,
        `x / (epochs - 1)` becomes `x / 1`). Whether that is the schedule you want is your
        call; often the right fix is a branch for the zero case. Offered only where the
        divisor is integer-valued and `max` is the builtin there.
    """

    def __init__(self, context) -> None:
        super().__init__(context)
        self._zeros: Dict[tuple, Optional[str]] = {}

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        if type(node.operator) in (cst.Divide, cst.FloorDivide, cst.Modulo):
            self._check(node, node.right, node.operator)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        if type(node.operator) in (cst.DivideAssign, cst.FloorDivideAssign, cst.ModuloAssign):
            self._check(node, node.value, node.operator)

    def visit_Call(self, node: cst.Call) -> None:
        made = self.context.analysis.objects.built_by(node)
        kind = made.scheduler if made is not None else None
        given = argument(node, kind.divisor, kind.divisor_position) if kind is not None and kind.divisor else None
        if given is None:
            return
        analysis = self.context.analysis
        steps = analysis.objects.steps_of(node)
        forms = analysis.numbers.forms(given.value)
        detail = next(filter(None, (self._zero(form, node, given.value, STEPPED) for form in forms)), None)
        if detail is not None and (not steps or any(self._zero(form, at, given.value, STEPPED)
                                                    for at in steps for form in forms)):
            self.report(given.value, f"`{kind.name}` divides by its `{kind.divisor}` on every step, which raises "
                                     f"ZeroDivisionError {detail}")

    def _check(self, node: cst.CSTNode, divisor: cst.BaseExpression, operator: cst.CSTNode) -> None:
        analysis = self.context.analysis
        if _is_string_formatting(node, analysis):
            return
        context = analysis.lr.context(node) or (FUNCTION if analysis.lr.feeds_scheduler(node) else None)
        if context is None:
            return
        for form in analysis.numbers.forms(divisor):
            detail = self._zero(form, node, divisor, context)
            if detail is not None:
                break
        else:
            return
        symbol = _SYMBOLS.get(type(operator), "/")
        text = self.context.code(divisor).strip()
        inner = without_casts(divisor)
        fix = None
        if _integer_valued(inner, analysis) and builtin_visible(analysis, "max", node):
            shown = self.context.code(without_parentheses(inner))
            replacement = cst.Call(
                func=cst.Name("max"),
                args=[
                    cst.Arg(cst.Integer("1"), comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
                    cst.Arg(without_parentheses(inner)),
                ],
            )
            fix = Fix(
                Applicability.UNSAFE,
                f"Divide by `max(1, {shown})`: where `{shown}` is 0 the schedule is then computed as if it "
                "were 1 instead of raising; check that this is the schedule you want",
                [Replacement(inner, replacement)],
            )
        self.report(divisor, f"`{symbol} {text}` divides by zero {detail}", fix=fix)

    def _zero(self, form: Linear, at: cst.CSTNode, divisor: cst.CSTNode, context: str, depth: int = 0) -> Optional[str]:
        """Why `form` can be zero for valid settings where `at` runs, else None (remembered:
        nested products ask about the same factors many times)."""
        key = (id(form), id(at), id(divisor), context, depth)  # forms are kept by the analysis: ids stay valid
        if key not in self._zeros:
            self._zeros[key] = self._zero_now(form, at, divisor, context, depth)
        return self._zeros[key]

    def _zero_now(self, form: Linear, at: cst.CSTNode, divisor: cst.CSTNode, context: str, depth: int) -> Optional[str]:
        numbers = self.context.analysis.numbers
        if form.is_constant():
            if form.const == 0 and self._zero_initialised(divisor):
                text = self.context.code(without_casts(divisor))
                return (f"when nothing sets it: `{text}` starts at 0 in `__init__` and is only assigned "
                        "under a condition")
            return None
        atoms = form.atoms
        product = self._product(form, at, context, depth) if depth < 3 else None
        if product is not None:
            return product
        settings = {k: a for k, a in atoms.items() if a.kind in ("param", "setting", "attribute")}
        if any(k not in settings for k in form.terms):
            return None  # a counter, a length or an opaque part: not a setting the user picks
        extra = within_horizon(self.context.analysis, form, at, below=context == FUNCTION)
        if not numbers.zero_possible(form, at, extra):
            return None
        text = " ".join(self.context.code(without_parentheses(without_casts(divisor))).split())
        labels = [settings[k].label for k in form.terms]
        if len(form.terms) >= 2:
            if not any(numbers.is_count(label) for label in labels):
                return None
            return f"when `{text}` is 0 (the settings are equal), and is negative when they are reversed"
        label = labels[0]
        coefficient = next(iter(form.terms.values()))
        if form.const != 0:
            value = -form.const / coefficient
            if value <= 0 or value.denominator != 1 or not numbers.is_count(label):
                return None
            return f"when `{text}` is 0 (for example {label} == {value})"
        evidence = numbers.zero_evidence(label, at)
        if evidence is None and WARMUP_NAME.search(label) and not self._holds_lr(label, at):
            evidence = "a warm-up length, which 0 disables"
        if evidence is None:
            return None
        return f"when `{label}` is 0 ({evidence})"

    def _product(self, form: Linear, at: cst.CSTNode, context: str, depth: int) -> Optional[str]:
        """A product of settings (`batches * warmup_epochs`) is zero when a factor is (a
        factor's value may hold the product again: `n = n * k`, hence the depth)."""
        if len(form.terms) != 1 or form.const != 0:
            return None
        atom = next(iter(form.atoms.values()))
        node = atom.node
        if atom.kind != "opaque" or type(node) is not cst.BinaryOperation or type(node.operator) is not cst.Multiply:
            return None
        analysis = self.context.analysis
        numbers = analysis.numbers
        below = context == FUNCTION
        expanded = numbers.expanded(node)
        if expanded and not any(numbers.zero_possible(e, at, within_horizon(analysis, e, at, below)) for e in expanded):
            return None  # multiplied out, the guards rule zero out (`epoch * iters + i >= w * iters`)
        counted_within = per_pass_lengths(analysis, at)  # `iters` of `(epoch * iters + i) / (epochs * iters)`
        for side in (node.left, node.right):
            for factor in numbers.forms(side):
                if factor.is_constant() or (len(factor.terms) == 1 and factor.const == 0
                                            and set(factor.terms) <= counted_within):
                    continue
                detail = self._zero(factor, at, side, context, depth + 1)
                if detail is not None and numbers.zero_possible(form, at):
                    text = " ".join(self.context.code(without_parentheses(node)).split())
                    return f"when `{text}` is 0: {detail}"
        return None

    def _holds_lr(self, label: str, at: cst.CSTNode) -> bool:
        """The setting is an attribute of the class that carries a learning rate
        (`warmup_start_lr`): a rate, not a warm-up length."""
        analysis = self.context.analysis
        model = analysis.index.enclosing_class(at)
        return model is not None and label in analysis.lr.lr_attributes(model)

    def _zero_initialised(self, divisor: cst.CSTNode) -> bool:
        """`self.x` that `__init__` sets to 0 and every other method sets only under a condition."""
        index = self.context.analysis.index
        inner = without_casts(divisor)
        owner = index.self_attribute(inner) if index.knows(inner) else None
        if owner is None:
            return False
        model, attr = owner
        writes = index.attribute_writes(model, attr)
        init = [w for w in writes if w.method.name.value == "__init__" and not index.conditional(w.statement, w.method)]
        if not any(w.value is not None and type(w.value) in (cst.Integer, cst.Float) and
                   w.value.evaluated_value == 0 for w in init):
            return False
        others = [w for w in writes if w.method.name.value not in ("__init__", "load_state_dict", "__setstate__")]
        return bool(others) and all(index.conditional(w.statement, w.method) for w in others)


def _is_string_formatting(node: cst.CSTNode, analysis) -> bool:
    """`"%d" % x` formats a string."""
    if type(node) is not cst.BinaryOperation or type(node.operator) is not cst.Modulo:
        return False
    left = without_parentheses(node.left)
    if type(left) in (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString):
        return True
    return isinstance(analysis.values.constant(left), str)


def _integer_valued(node: cst.CSTNode, analysis) -> bool:
    """No float literal, true division, power or float-valued call in the divisor, and no
    setting in it declared or defaulting to a float."""
    for part in walk_expression(node):
        kind = type(part)
        if kind in (cst.Float, cst.Imaginary):
            return False
        if kind is cst.BinaryOperation and type(part.operator) in (cst.Divide, cst.Power):
            return False
        if kind is cst.Call:
            name = dotted_name(part.func) or ""
            if name == "float" or name.startswith(("math.", "np.", "numpy.", "torch.")):
                return False
    for form in analysis.numbers.forms(node):
        if form.const.denominator != 1:
            return False
    return True
