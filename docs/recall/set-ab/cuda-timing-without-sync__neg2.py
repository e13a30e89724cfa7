import torch
import torch.nn as nn


class StepTimer:
    """Measures GPU time of a training step with CUDA events."""

    def __init__(self):
        self.start_evt = torch.cuda.Event(enable_timing=True)
        self.end_evt = torch.cuda.Event(enable_timing=True)

    def __enter__(self):
        self.start_evt.record()
        return self

    def __exit__(self, *exc):
        self.end_evt.record()
        torch.cuda.synchronize()
        self.ms = self.start_evt.elapsed_time(self.end_evt)
        return False


def train_steps(model: nn.Module, batches, optimizer, loss_fn, log_every=20):
    model.train()
    timings = []
    for i, (inp, tgt) in enumerate(batches):
        inp, tgt = inp.cuda(non_blocking=True), tgt.cuda(non_blocking=True)
        with StepTimer() as t:
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(inp), tgt)
            loss.backward()
            optimizer.step()
        timings.append(t.ms)
        if i % log_every == 0:
            print(f"step {i}: loss {loss.item():.4f}, {sum(timings[-log_every:]) / len(timings[-log_every:]):.1f} ms/step")
    return timings
