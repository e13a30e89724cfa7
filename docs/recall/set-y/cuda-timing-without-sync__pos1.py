import argparse
import time

import numpy as np
import torch

from models.yolo import Model


@torch.no_grad()
def measure_fps(model, img_size=640, n=200, batch=1, device="cuda"):
    model.eval()
    x = torch.zeros(batch, 3, img_size, img_size, device=device)
    for _ in range(20):
        model(x)
    torch.cuda.synchronize()
    times = []
    for _ in range(n):
        t0 = time.time()
        model(x)
        times.append(time.time() - t0)
    times = np.asarray(times)
    return {
        "mean_ms": 1000 * times.mean(),
        "p95_ms": 1000 * np.percentile(times, 95),
        "fps": batch / times.mean(),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--cfg", default="models/yolov5s.yaml")
    parser.add_argument("--img", type=int, default=640)
    parser.add_argument("--half", action="store_true")
    opt = parser.parse_args()

    net = Model(opt.cfg).cuda()
    if opt.half:
        net = net.half()
    stats = measure_fps(net, img_size=opt.img)
    print(f"{opt.cfg}: {stats['mean_ms']:.2f} ms (p95 {stats['p95_ms']:.2f}), {stats['fps']:.1f} FPS")
