import torch
from torch.cuda.amp import GradScaler


def train_steps(model, batches, opt, grad_accum, max_updates, device="cuda"):
    """Run `max_updates` optimizer updates of `grad_accum` fp16 micro-batches each."""
    scaler = GradScaler()
    model.train()
    data_iter = iter(batches)
    history = []
    for update in range(max_updates):
        opt.zero_grad(set_to_none=True)
        update_loss = 0.0
        for _ in range(grad_accum):
            input_ids, targets = next(data_iter)
            input_ids, targets = input_ids.to(device), targets.to(device)
            with torch.autocast(device_type="cuda", dtype=torch.float16):
                logits = model(input_ids)
                loss = torch.nn.functional.cross_entropy(logits.view(-1, logits.size(-1)), targets.view(-1))
                loss = loss / grad_accum
            scaler.scale(loss).backward()
            update_loss += loss.item()
        scaler.step(opt)
        scaler.update()
        history.append(update_loss)
        if update % 50 == 0:
            print(f"update {update}: loss {history[-1]:.4f}")
    return history
