import time

import torch
import torch.nn as nn


@torch.inference_mode()
def benchmark(model: nn.Module, shape=(1, 3, 640, 640), warmup=20, iters=200, half=True):
    device = next(model.parameters()).device
    model.eval()
    x = torch.zeros(shape, device=device)
    if half:
        model.half()
        x = x.half()
    for _ in range(warmup):
        model(x)
    torch.cuda.synchronize()
    start = time.perf_counter()
    for _ in range(iters):
        model(x)
    torch.cuda.synchronize()
    elapsed = time.perf_counter() - start
    fps = iters * shape[0] / elapsed
    print(f"{elapsed / iters * 1e3:.2f} ms/iter, {fps:.1f} FPS")
    return fps
