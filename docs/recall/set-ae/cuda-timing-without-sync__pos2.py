import time

import torch
import torch.nn as nn


def throughput(net: nn.Module, batch_size: int = 64, res: int = 224, steps: int = 50,
               warm: int = 10, dtype=torch.float16):
    dev = torch.device("cuda")
    net = net.to(dev, dtype=dtype).eval()
    images = torch.randn(batch_size, 3, res, res, device=dev, dtype=dtype)
    with torch.inference_mode():
        for _ in range(warm):
            net(images)
        torch.cuda.synchronize()
        start = time.perf_counter()
        for _ in range(steps):
            net(images)
        elapsed = time.perf_counter() - start
    ips = batch_size * steps / elapsed
    print(f"throughput: {ips:.1f} images/s (bs={batch_size}, res={res})")
    return ips


if __name__ == "__main__":
    import timm
    for name in ["vit_base_patch16_224", "resnet50", "convnext_small"]:
        throughput(timm.create_model(name, pretrained=False))
