import time

import torch


def measure_throughput(net, batch_size=64, resolution=224, n_warm=10, n_iters=50):
    device = torch.device("cuda")
    net = net.to(device).eval()
    x = torch.randn(batch_size, 3, resolution, resolution, device=device)

    with torch.no_grad():
        for _ in range(n_warm):
            net(x)
    torch.cuda.synchronize()

    t0 = time.perf_counter()
    for _ in range(n_iters):
        net(x)
    torch.cuda.synchronize()
    elapsed = time.perf_counter() - t0
    return batch_size * n_iters / elapsed


if __name__ == "__main__":
    import torchvision

    for name in ("resnet50", "mobilenet_v3_large", "convnext_tiny"):
        arch = getattr(torchvision.models, name)()
        print(f"{name}: {measure_throughput(arch):.1f} img/s")
