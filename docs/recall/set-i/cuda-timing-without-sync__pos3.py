import time

import torch


class Stopwatch:
    def __init__(self):
        self.start_t = None
        self.laps = []

    def start(self):
        if torch.cuda.is_available():
            torch.cuda.synchronize()
        self.start_t = time.perf_counter()

    def stop(self):
        lap = time.perf_counter() - self.start_t
        self.laps.append(lap)
        return lap

    @property
    def mean_ms(self):
        return 1000.0 * sum(self.laps) / max(len(self.laps), 1)


@torch.no_grad()
def profile_decoder(decoder, seq_lens=(128, 512, 2048), d_model=1024, repeats=20):
    device = torch.device("cuda")
    decoder = decoder.to(device).half().eval()
    results = {}
    for n in seq_lens:
        x = torch.randn(1, n, d_model, device=device, dtype=torch.float16)
        decoder(x)
        sw = Stopwatch()
        for _ in range(repeats):
            sw.start()
            decoder(x)
            sw.stop()
        results[n] = sw.mean_ms
        print(f"seq_len={n:5d}: {sw.mean_ms:.2f} ms")
    return results
