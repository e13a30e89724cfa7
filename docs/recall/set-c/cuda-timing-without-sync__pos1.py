import time

import torch


@torch.no_grad()
def profile_forward(model, loader, device="cuda", n_batches=50):
    model.to(device).eval()
    times = []
    for i, (x, _) in enumerate(loader):
        if i == n_batches:
            break
        x = x.to(device)
        t0 = time.time()
        model(x)
        times.append(time.time() - t0)
    mean_ms = 1000.0 * sum(times) / max(len(times), 1)
    print(f"mean forward time: {mean_ms:.2f} ms over {len(times)} batches")
    return mean_ms


def compare(models, loader, device="cuda"):
    results = {name: profile_forward(m, loader, device) for name, m in models.items()}
    for name, ms in sorted(results.items(), key=lambda kv: kv[1]):
        print(f"{name:>20s}: {ms:7.2f} ms")
    return results
