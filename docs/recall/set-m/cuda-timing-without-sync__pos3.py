import argparse
import timeit

import torch


def bench_matmul(n, dtype, iters):
    a = torch.randn(n, n, device="cuda", dtype=dtype)
    b = torch.randn(n, n, device="cuda", dtype=dtype)
    for _ in range(5):
        torch.matmul(a, b)
    torch.cuda.synchronize()
    start = timeit.default_timer()
    for _ in range(iters):
        c = torch.matmul(a, b)
    dur = timeit.default_timer() - start
    tflops = 2 * n ** 3 * iters / dur / 1e12
    return tflops, c.float().abs().mean().item()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1024, 2048, 4096, 8192])
    ap.add_argument("--iters", type=int, default=50)
    ap.add_argument("--dtype", choices=["fp32", "fp16", "bf16"], default="fp16")
    args = ap.parse_args()
    dtype = {"fp32": torch.float32, "fp16": torch.float16, "bf16": torch.bfloat16}[args.dtype]
    for n in args.sizes:
        tflops, _ = bench_matmul(n, dtype, args.iters)
        print(f"n={n:5d} {args.dtype}: {tflops:7.1f} TFLOP/s")


if __name__ == "__main__":
    main()
