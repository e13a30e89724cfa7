from dataclasses import dataclass

import torch


@dataclass
class TrainConfig:
    max_iters: int = 5000
    micro_batches: int = 8
    learning_rate: float = 6e-4
    grad_clip: float = 1.0
    log_interval: int = 10


def get_batch(data, block_size, batch_size, device):
    ix = torch.randint(len(data) - block_size, (batch_size,))
    x = torch.stack([data[i : i + block_size] for i in ix]).to(device)
    y = torch.stack([data[i + 1 : i + 1 + block_size] for i in ix]).to(device)
    return x, y


def train(gpt, train_data, cfg: TrainConfig, device="cuda"):
    opt = torch.optim.AdamW(gpt.parameters(), lr=cfg.learning_rate, betas=(0.9, 0.95))
    gpt.train()
    for it in range(cfg.max_iters):
        for _ in range(cfg.micro_batches):
            X, Y = get_batch(train_data, gpt.config.block_size, 12, device)
            _, loss = gpt(X, Y)
            loss.backward()
        if cfg.grad_clip > 0.0:
            torch.nn.utils.clip_grad_norm_(gpt.parameters(), cfg.grad_clip)
        opt.step()
        opt.zero_grad(set_to_none=True)
        if it % cfg.log_interval == 0:
            print(f"iter {it}: loss {loss.item():.4f}")
    return gpt
