"""Text checks for the training rules' triggers. Kept free of libcst: the registry's index
names them, and a file that no trigger lets through must not make the process import it."""

import re

from reviewer.triggers import discarded_call_names, loop_calls_all

#: words in a function name that say it runs inference only (evidence: see the rule)
INFERENCE_WORDS = {
    "infer", "inference", "predict", "prediction", "predictions", "detect", "detection", "benchmark",
    "benchmarks", "bench", "profile", "profiling", "warmup", "latency", "throughput", "speed",
    "evaluate", "evaluation", "eval", "validate", "validation", "val", "demo",
}
_INFERENCE_DEF = re.compile(
    r"def\s+(?i:(?:\w*?_)?(?:" + "|".join(sorted(INFERENCE_WORDS)) + r")(?:_\w*)?\s*\(|\w*warm_?up)"
)
#: a statement that is only a call of an attribute (`self.model(x)`, `net.forward(x)`)
_DISCARDED_ATTRIBUTE_CALL = re.compile(r"\n[ \t]*(?:_[ \t]*=[ \t]*)?[A-Za-z_]\w*(?:\.\w+)+\(")


def inference_name(name: str) -> bool:
    lowered = name.lower()
    if "warm_up" in lowered or "warmup" in lowered:
        return True
    return any(word in INFERENCE_WORDS for word in lowered.strip("_").split("_"))


def forward_candidates(text: str) -> bool:
    """Some forward the rule looks at could be here: an inference-named function, or a
    statement that discards a call (`model(x)`, `self.net(x)`, `_ = net.forward(x)`)."""
    if _INFERENCE_DEF.search(text):
        return True
    return bool(discarded_call_names(text)) or _DISCARDED_ATTRIBUTE_CALL.search("\n" + text) is not None


def optimizer_step_loop(tree) -> bool:
    """A loop that calls both `step()` (`optimizer.step()`, `scaler.step(...)`) and `backward()`."""
    return loop_calls_all(tree, {"step", "backward"})
