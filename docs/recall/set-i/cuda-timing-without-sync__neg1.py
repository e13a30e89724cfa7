import time

import torch


def time_sync():
    if torch.cuda.is_available():
        torch.cuda.synchronize()
    return time.time()


@torch.no_grad()
def profile(model, imgsz=640, n=30, device="cuda"):
    x = torch.zeros(1, 3, imgsz, imgsz, device=device)
    model = model.to(device).eval()
    for _ in range(3):
        model(x)
    dt = []
    for _ in range(n):
        t0 = time_sync()
        model(x)
        t1 = time_sync()
        dt.append(t1 - t0)
    mean_ms = 1e3 * sum(dt) / len(dt)
    print(f"{imgsz}x{imgsz}: {mean_ms:.1f} ms/img")
    return mean_ms
