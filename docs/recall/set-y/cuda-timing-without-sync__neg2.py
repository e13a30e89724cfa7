import torch


class LatencyProfiler:
    def __init__(self, engine, device="cuda", repeats=50):
        self.engine = engine.to(device).eval()
        self.device = device
        self.repeats = repeats
        self.records = {}

    @torch.inference_mode()
    def measure(self, seq_len, batch=1):
        ids = torch.randint(0, 32000, (batch, seq_len), device=self.device)
        mask = torch.ones_like(ids)
        for _ in range(5):
            self.engine(input_ids=ids, attention_mask=mask)
        start = torch.cuda.Event(enable_timing=True)
        end = torch.cuda.Event(enable_timing=True)
        samples = []
        for _ in range(self.repeats):
            start.record()
            self.engine(input_ids=ids, attention_mask=mask)
            end.record()
            torch.cuda.synchronize()
            samples.append(start.elapsed_time(end))
        samples.sort()
        self.records[(seq_len, batch)] = samples[len(samples) // 2]
        return self.records[(seq_len, batch)]

    def sweep(self, lengths=(128, 256, 512, 1024), batch=1):
        for n in lengths:
            print(f"seq {n:5d} bs {batch}: {self.measure(n, batch):.2f} ms")
        return dict(self.records)
