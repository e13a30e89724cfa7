from timeit import default_timer as timer

import torch


class LatencyProfiler:
    def __init__(self, engine, device="cuda", repeats=50):
        self.engine = engine.to(device).eval()
        self.device = device
        self.repeats = repeats
        self.records = {}

    def _inputs(self, seq_len, batch):
        ids = torch.randint(0, 32000, (batch, seq_len), device=self.device)
        mask = torch.ones_like(ids)
        return ids, mask

    @torch.inference_mode()
    def measure(self, seq_len, batch=1):
        ids, mask = self._inputs(seq_len, batch)
        for _ in range(5):
            self.engine(input_ids=ids, attention_mask=mask)
        samples = []
        for _ in range(self.repeats):
            torch.cuda.synchronize()
            start = timer()
            self.engine(input_ids=ids, attention_mask=mask)
            samples.append(timer() - start)
        samples.sort()
        self.records[(seq_len, batch)] = samples[len(samples) // 2]
        return self.records[(seq_len, batch)]

    def sweep(self, lengths=(128, 256, 512, 1024), batch=1):
        for n in lengths:
            ms = 1000 * self.measure(n, batch)
            print(f"seq {n:5d} bs {batch}: {ms:.2f} ms")
        return dict(self.records)
