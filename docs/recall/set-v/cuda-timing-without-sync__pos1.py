import argparse
import time

import torch

from models import build_segmentor


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
    elapsed = time.time() - start
    return iters / elapsed


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="FPS benchmark")
    parser.add_argument("config")
    parser.add_argument("--height", type=int, default=512)
    parser.add_argument("--width", type=int, default=1024)
    parser.add_argument("--iters", type=int, default=200)
    args = parser.parse_args()
    segmentor = build_segmentor(args.config)
    fps = measure_fps(segmentor, (args.height, args.width), iters=args.iters)
    print(f"{args.config}: {fps:.2f} FPS")
