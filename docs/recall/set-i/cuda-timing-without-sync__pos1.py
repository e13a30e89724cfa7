import argparse
import time

import torch
import torchvision


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--arch", default="resnet50")
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--runs", type=int, default=100)
    args = parser.parse_args()

    device = torch.device("cuda")
    model = getattr(torchvision.models, args.arch)().to(device).eval()
    inputs = torch.randn(args.batch, 3, 224, 224, device=device)

    latencies = []
    with torch.no_grad():
        for _ in range(10):
            model(inputs)
        torch.cuda.synchronize()
        for _ in range(args.runs):
            t_start = time.time()
            model(inputs)
            t_end = time.time()
            latencies.append((t_end - t_start) * 1000.0)

    latencies.sort()
    print(f"{args.arch} bs={args.batch}: median {latencies[len(latencies) // 2]:.2f} ms, "
          f"p90 {latencies[int(0.9 * len(latencies))]:.2f} ms")


if __name__ == "__main__":
    main()
