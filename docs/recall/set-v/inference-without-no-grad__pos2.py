import argparse
import time

import torch
import timm


def benchmark(net, batch_size=32, res=224, n_warm=10, n_iter=100):
    net = net.cuda().eval()
    x = torch.randn(batch_size, 3, res, res, device="cuda")

    for _ in range(n_warm):
        net(x)
    torch.cuda.synchronize()

    with torch.inference_mode():
        t0 = time.perf_counter()
        for _ in range(n_iter):
            net(x)
        torch.cuda.synchronize()
        elapsed = time.perf_counter() - t0
    return batch_size * n_iter / elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--models", nargs="+", default=["resnet50", "convnext_tiny", "vit_small_patch16_224"])
    parser.add_argument("--bs", type=int, default=64)
    args = parser.parse_args()
    for name in args.models:
        net = timm.create_model(name, pretrained=False)
        ips = benchmark(net, batch_size=args.bs)
        print(f"{name:30s} {ips:8.1f} img/s")
        del net
        torch.cuda.empty_cache()


if __name__ == "__main__":
    main()
