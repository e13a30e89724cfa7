import torch

from model import GPT


def train(get_batch, cfg):
    model = GPT(cfg["model"]).to("cuda")
    opt = torch.optim.AdamW(model.parameters(), lr=cfg["lr"], betas=(0.9, 0.95))
    grad_accum_steps = cfg["grad_accum"]
    assert grad_accum_steps >= 1
    xb, yb = get_batch("train")
    step = 0
    while step < cfg["max_iters"]:
        for micro_step in range(grad_accum_steps):
            with torch.autocast("cuda", dtype=torch.bfloat16):
                logits, loss = model(xb, yb)
                loss = loss / grad_accum_steps
            xb, yb = get_batch("train")
            loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        opt.zero_grad(set_to_none=True)
        if step % cfg["log_interval"] == 0:
            print(f"step {step}: loss {loss.item() * grad_accum_steps:.4f}")
        step += 1
    return model
