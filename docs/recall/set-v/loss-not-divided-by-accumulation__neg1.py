import torch

from model import GPT, GPTConfig
from data import get_batch

gradient_accumulation_steps = 40
max_iters = 600000
grad_clip = 1.0


def main(device="cuda"):
    model = GPT(GPTConfig()).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=6e-4, betas=(0.9, 0.95), weight_decay=0.1)
    ctx = torch.autocast(device_type="cuda", dtype=torch.bfloat16)
    model.train()
    for iter_num in range(max_iters):
        for micro_step in range(gradient_accumulation_steps):
            X, Y = get_batch("train")
            with ctx:
                logits, loss = model(X, Y)
                loss = loss / gradient_accumulation_steps
            loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), grad_clip)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        if iter_num % 100 == 0:
            print(f"iter {iter_num}: loss {loss.item() * gradient_accumulation_steps:.4f}")


if __name__ == "__main__":
    main()
