import argparse
import time

import torch
import torchvision


def throughput(net, batch_size, resolution, n_warm=10, n_iter=50):
    x = torch.randn(batch_size, 3, resolution, resolution, device="cuda")
    net = net.cuda().eval()
    for i in range(n_warm + n_iter):
        if i == n_warm:
            torch.cuda.synchronize()
            tic = time.perf_counter()
        out = net(x)
    torch.cuda.synchronize()
    toc = time.perf_counter()
    return batch_size * n_iter / (toc - tic), out.shape


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--arch", default="resnet50")
    ap.add_argument("--batch-sizes", type=int, nargs="+", default=[1, 8, 32, 64])
    ap.add_argument("--resolution", type=int, default=224)
    args = ap.parse_args()

    net = getattr(torchvision.models, args.arch)(weights=None)
    for bs in args.batch_sizes:
        ips, shape = throughput(net, bs, args.resolution)
        print(f"{args.arch} bs={bs:<4d} {ips:8.1f} img/s  out={tuple(shape)}")


if __name__ == "__main__":
    main()
