import torch
import torch.nn.functional as F


class StepTimer:
    """Times training steps with CUDA events so the GPU work is what gets measured."""

    def __init__(self, net, opt, batch_shape, n_classes, device="cuda"):
        self.net = net
        self.opt = opt
        self.x = torch.randn(*batch_shape, device=device)
        self.y = torch.randint(0, n_classes, (batch_shape[0],), device=device)

    def _step(self):
        self.opt.zero_grad(set_to_none=True)
        F.cross_entropy(self.net(self.x), self.y).backward()
        self.opt.step()

    def measure(self, n_steps=50, n_warm=5):
        self.net.train()
        for _ in range(n_warm):
            self._step()
        start = torch.cuda.Event(enable_timing=True)
        end = torch.cuda.Event(enable_timing=True)
        start.record()
        for _ in range(n_steps):
            self._step()
        end.record()
        torch.cuda.synchronize()
        ms_per_step = start.elapsed_time(end) / n_steps
        return self.x.shape[0] * 1000.0 / ms_per_step, ms_per_step
