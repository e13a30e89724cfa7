import time

import torch
import timm


@torch.inference_mode()
def throughput(net, batch_size=32, res=224, warm_steps=10, steps=100):
    net = net.cuda().eval()
    x = torch.randn(batch_size, 3, res, res, device="cuda")
    for _ in range(warm_steps):
        net(x)
    torch.cuda.synchronize()
    start = time.perf_counter()
    for _ in range(steps):
        net(x)
    torch.cuda.synchronize()
    return batch_size * steps / (time.perf_counter() - start)


class Predictor:
    def __init__(self, net, device="cuda"):
        self.net = net.to(device).eval()
        self.device = device

    def predict(self, batch):
        with torch.no_grad():
            return self.net(batch.to(self.device)).softmax(dim=-1)


if __name__ == "__main__":
    for arch in ("resnet50", "efficientnet_b0"):
        print(arch, f"{throughput(timm.create_model(arch)):.1f} img/s")
