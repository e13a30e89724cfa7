import time

import torch
import torch.nn.functional as F


class ThroughputProbe:
    """Measures training-step throughput on synthetic data before a real run."""

    def __init__(self, net, opt, batch_shape, n_classes, device="cuda"):
        self.net = net
        self.opt = opt
        self.device = torch.device(device)
        self.batch = torch.randn(*batch_shape, device=self.device)
        self.target = torch.randint(0, n_classes, (batch_shape[0],), device=self.device)

    def _train_step(self):
        self.opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(self.net(self.batch), self.target)
        loss.backward()
        self.opt.step()

    def measure(self, n_steps=50, n_warm=5):
        self.net.train()
        for _ in range(n_warm):
            self._train_step()
        torch.cuda.synchronize()
        start = time.perf_counter()
        for _ in range(n_steps):
            self._train_step()
        elapsed = time.perf_counter() - start
        samples = n_steps * self.batch.shape[0]
        return samples / elapsed, elapsed / n_steps
