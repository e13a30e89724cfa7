import argparse
import time

import numpy as np
import torch

from models.yolo import Model


def time_sync():
    if torch.cuda.is_available():
        torch.cuda.synchronize()
    return time.time()


@torch.no_grad()
def measure_fps(model, img_size=640, n=200, batch=1, device="cuda"):
    model.eval()
    x = torch.zeros(batch, 3, img_size, img_size, device=device)
    for _ in range(20):
        model(x)
    times = []
    for _ in range(n):
        t0 = time_sync()
        model(x)
        times.append(time_sync() - t0)
    times = np.asarray(times)
    return {"mean_ms": 1000 * times.mean(), "fps": batch / times.mean()}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--cfg", default="models/yolov5s.yaml")
    parser.add_argument("--img", type=int, default=640)
    opt = parser.parse_args()
    stats = measure_fps(Model(opt.cfg).cuda(), img_size=opt.img)
    print(f"{opt.cfg}: {stats['mean_ms']:.2f} ms, {stats['fps']:.1f} FPS")
