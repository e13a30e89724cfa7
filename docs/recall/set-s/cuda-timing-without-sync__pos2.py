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
    toc = time.perf_counter()
    seconds = (toc - tic) / reps
    tflops = 2 * n ** 3 / seconds / 1e12
    return seconds, tflops, c


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1024, 2048, 4096, 8192])
    ap.add_argument("--reps", type=int, default=50)
    ap.add_argument("--half", action="store_true")
    args = ap.parse_args()
    dt = torch.float16 if args.half else torch.float32
    for size in args.sizes:
        sec, tf, _ = bench_matmul(size, dt, args.reps)
        print(f"n={size:5d}  {sec * 1e3:8.3f} ms  {tf:7.2f} TFLOP/s")
