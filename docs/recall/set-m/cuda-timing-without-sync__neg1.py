import time

import torch
import torchvision


def time_sync():
    if torch.cuda.is_available():
        torch.cuda.synchronize()
    return time.time()


def profile(model, batch_size=8, img_size=640, n=100):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = model.to(device).eval()
    x = torch.randn(batch_size, 3, img_size, img_size, device=device)
    dts = []
    with torch.no_grad():
        for _ in range(10):
            model(x)
        for _ in range(n):
            t0 = time_sync()
            model(x)
            t1 = time_sync()
            dts.append(t1 - t0)
    mean_ms = sum(dts) / len(dts) * 1e3
    return mean_ms, batch_size / (mean_ms / 1e3)


if __name__ == "__main__":
    ms, ips = profile(torchvision.models.resnet50(weights=None))
    print(f"{ms:.2f} ms/batch, {ips:.1f} img/s")
