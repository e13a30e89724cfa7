import argparse
import time

import torch

from models import build_segmenter


@torch.no_grad()
def measure_latency(seg, input_shape, runs=100, warm=10):
    x = torch.randn(*input_shape, device="cuda")
    for _ in range(warm):
        seg(x)
    torch.cuda.synchronize()
    t0 = time.time()
    for _ in range(runs):
        seg(x)
    t1 = time.time()
    return (t1 - t0) / runs * 1000.0


def main():
    parser = argparse.ArgumentParser(description="latency of segmentation backbones")
    parser.add_argument("--backbones", nargs="+", default=["mobilenetv3", "resnet50", "hrnet_w18"])
    parser.add_argument("--height", type=int, default=512)
    parser.add_argument("--width", type=int, default=1024)
    parser.add_argument("--fp16", action="store_true")
    args = parser.parse_args()

    for name in args.backbones:
        seg = build_segmenter(name, num_classes=19).cuda().eval()
        if args.fp16:
            seg = seg.half()
        ms = measure_latency(seg, (1, 3, args.height, args.width))
        print(f"{name:>12s}: {ms:.2f} ms  ({1000.0 / ms:.1f} FPS)")


if __name__ == "__main__":
    main()
