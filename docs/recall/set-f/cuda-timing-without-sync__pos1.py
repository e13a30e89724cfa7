import argparse
import time

import torch
import torchvision


@torch.no_grad()
def measure_latency(net, shape, runs=100, warm=20):
    x = torch.randn(*shape, device="cuda")
    net = net.cuda().eval()
    for _ in range(warm):
        net(x)
    torch.cuda.synchronize()
    t0 = time.time()
    for _ in range(runs):
        net(x)
    elapsed = time.time() - t0
    return elapsed / runs * 1000.0


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--arch", default="mobilenet_v3_large")
    parser.add_argument("--bs", type=int, default=1)
    opts = parser.parse_args()
    model = getattr(torchvision.models, opts.arch)()
    ms = measure_latency(model, (opts.bs, 3, 224, 224))
    print(f"{opts.arch} bs={opts.bs}: {ms:.2f} ms/iter")
