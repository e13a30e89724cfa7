import time

import torch


@torch.inference_mode()
def benchmark(policy, obs_dim, batch=256, warm_runs=20, timed_runs=200):
    dev = torch.device("cuda")
    policy = policy.to(dev).eval()
    obs = torch.randn(batch, obs_dim, device=dev)

    for _ in range(warm_runs):
        policy(obs)
    torch.cuda.synchronize()

    start = time.perf_counter()
    for _ in range(timed_runs):
        policy(obs)
    torch.cuda.synchronize()
    per_call_ms = (time.perf_counter() - start) * 1000 / timed_runs
    return per_call_ms


def report(policies, obs_dim):
    for name, p in policies.items():
        ms = benchmark(p, obs_dim)
        print(f"{name:>20s}: {ms:.3f} ms / batch")
