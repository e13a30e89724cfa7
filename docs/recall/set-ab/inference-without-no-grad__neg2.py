import time

import torch
import torch.nn as nn

from encoders import TransformerEncoder


@torch.inference_mode()
def bench_latency(encoder: nn.Module, seq_len: int, batch: int, warmup: int = 20, reps: int = 100):
    encoder.eval()
    tokens = torch.randint(0, 32000, (batch, seq_len), device="cuda")
    for _ in range(warmup):
        encoder(tokens)
    torch.cuda.synchronize()
    t_start = time.perf_counter()
    for _ in range(reps):
        encoder(tokens)
    torch.cuda.synchronize()
    t_end = time.perf_counter()
    return (t_end - t_start) * 1000.0 / reps


if __name__ == "__main__":
    enc = TransformerEncoder(vocab=32000, d_model=768, n_layers=12, n_heads=12).cuda()
    for L in (128, 512, 2048):
        ms = bench_latency(enc, seq_len=L, batch=8)
        print(f"seq_len={L:5d}  {ms:7.2f} ms/batch")
