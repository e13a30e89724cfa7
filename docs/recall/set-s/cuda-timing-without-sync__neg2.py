import argparse
import time

import torch


def bench_matmul(n, dtype, reps):
    a = torch.randn(n, n, device="cuda", dtype=dtype)
    b = torch.randn(n, n, device="cuda", dtype=dtype)
    for _ in range(3):
        a @ b
    torch.cuda.synchronize()
    tic = time.perf_counter()
    for _ in range(reps):
        c = a @ b
    torch.cuda.synchronize()
    toc = time.perf_counter()
    seconds = (toc - tic) / reps
    return seconds, 2 * n ** 3 / seconds / 1e12, c


def bench_events(n, dtype, reps):
    a = torch.randn(n, n, device="cuda", dtype=dtype)
    b = torch.randn(n, n, device="cuda", dtype=dtype)
    start = torch.cuda.Event(enable_timing=True)
    end = torch.cuda.Event(enable_timing=True)
    start.record()
    for _ in range(reps):
        a @ b
    end.record()
    end.synchronize()
    return start.elapsed_time(end) / reps


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1024, 2048, 4096])
    ap.add_argument("--reps", type=int, default=50)
    args = ap.parse_args()
    for size in args.sizes:
        sec, tf, _ = bench_matmul(size, torch.float16, args.reps)
        ev_ms = bench_events(size, torch.float16, args.reps)
        print(f"n={size:5d}  {sec * 1e3:8.3f} ms  (events {ev_ms:.3f} ms)  {tf:7.2f} TFLOP/s")
