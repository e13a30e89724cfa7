import torch
import torch.nn as nn


def gpu_latency(net: nn.Module, batch_size=16, res=384, iters=100, warm=10):
    dev = torch.device("cuda")
    net = net.to(dev).eval()
    x = torch.randn(batch_size, 3, res, res, device=dev)
    start_evt = torch.cuda.Event(enable_timing=True)
    end_evt = torch.cuda.Event(enable_timing=True)
    times_ms = []
    with torch.no_grad():
        for _ in range(warm):
            net(x)
        for _ in range(iters):
            start_evt.record()
            net(x)
            end_evt.record()
            torch.cuda.synchronize()
            times_ms.append(start_evt.elapsed_time(end_evt))
    times_ms.sort()
    p50 = times_ms[len(times_ms) // 2]
    p90 = times_ms[int(len(times_ms) * 0.9)]
    print(f"p50 {p50:.2f} ms  p90 {p90:.2f} ms")
    return p50, p90
