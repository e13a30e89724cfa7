import time

import torch


def time_sync():
    if torch.cuda.is_available():
        torch.cuda.synchronize()
    return time.time()


@torch.no_grad()
def profile_model(net, imgsz=640, n=100, device="cuda:0"):
    x = torch.zeros(1, 3, imgsz, imgsz, device=device)
    net = net.to(device).eval()
    for _ in range(5):
        net(x)
    dt = 0.0
    for _ in range(n):
        t1 = time_sync()
        net(x)
        t2 = time_sync()
        dt += t2 - t1
    return dt / n * 1e3


if __name__ == "__main__":
    from models.yolo import Model

    detector = Model("models/yolov5s.yaml")
    print(f"forward: {profile_model(detector):.2f} ms")
