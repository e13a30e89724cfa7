import timeit

import torch
import torch.nn.functional as F


def naive_attention(q, k, v):
    scores = q @ k.transpose(-2, -1) / q.size(-1) ** 0.5
    return torch.softmax(scores, dim=-1) @ v


def time_fn(fn, *args, repeats=20):
    fn(*args)
    torch.cuda.synchronize()
    start = timeit.default_timer()
    for _ in range(repeats):
        fn(*args)
    return (timeit.default_timer() - start) / repeats


def compare(batch=8, heads=16, head_dim=64, lengths=(256, 1024, 4096), dtype=torch.float16):
    rows = []
    with torch.inference_mode():
        for n in lengths:
            q, k, v = (torch.randn(batch, heads, n, head_dim, device="cuda", dtype=dtype) for _ in range(3))
            t_naive = time_fn(naive_attention, q, k, v)
            t_sdpa = time_fn(F.scaled_dot_product_attention, q, k, v)
            rows.append((n, t_naive * 1e3, t_sdpa * 1e3, t_naive / t_sdpa))
    return rows


if __name__ == "__main__":
    for n, a, b, speedup in compare():
        print(f"L={n:5d}  naive {a:8.3f} ms  sdpa {b:8.3f} ms  x{speedup:.2f}")
