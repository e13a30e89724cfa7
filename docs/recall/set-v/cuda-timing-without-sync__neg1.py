import time

import torch


@torch.no_grad()
def measure_fps(model, img_size=(512, 1024), iters=200, warm=20):
    model = model.cuda().eval()
    x = torch.randn(1, 3, *img_size, device="cuda")
    for _ in range(warm):
        model(x)

    torch.cuda.synchronize()
    start = time.time()
    for _ in range(iters):
        model(x)
    torch.cuda.synchronize()
    elapsed = time.time() - start
    return iters / elapsed


def latency_per_batch(model, loader, device="cuda"):
    model = model.to(device).eval()
    times = []
    with torch.no_grad():
        for images, _ in loader:
            images = images.to(device, non_blocking=True)
            torch.cuda.synchronize()
            t0 = time.perf_counter()
            model(images)
            torch.cuda.synchronize()
            times.append(time.perf_counter() - t0)
    return sum(times) / len(times)
