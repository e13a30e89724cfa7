import torch


@torch.inference_mode()
def profile_forward(encoder, batch, iters=50, warmup=10):
    encoder = encoder.cuda().eval()
    batch = batch.cuda()
    for _ in range(warmup):
        encoder(batch)

    start_evt = torch.cuda.Event(enable_timing=True)
    end_evt = torch.cuda.Event(enable_timing=True)
    timings = []
    for _ in range(iters):
        start_evt.record()
        encoder(batch)
        end_evt.record()
        torch.cuda.synchronize()
        timings.append(start_evt.elapsed_time(end_evt))
    timings.sort()
    return {
        "median_ms": timings[len(timings) // 2],
        "p90_ms": timings[int(0.9 * len(timings))],
        "min_ms": timings[0],
    }
