import torch
import torch.nn as nn


def train_one_epoch(encoder, head, loader, optim, device, log_every=50):
    encoder.train()
    head.train()
    ce = nn.CrossEntropyLoss(label_smoothing=0.1)
    running, count = 0.0, 0
    for step, (tokens, mask, labels) in enumerate(loader):
        tokens, mask, labels = tokens.to(device), mask.to(device), labels.to(device)
        optim.zero_grad(set_to_none=True)
        pooled = encoder(tokens, attention_mask=mask)
        logits = head(pooled)
        loss = ce(logits, labels)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(list(encoder.parameters()) + list(head.parameters()), 1.0)
        optim.step()
        running += loss.item()
        count += 1
        if step % log_every == 0:
            print(f"step {step}: loss {running / count:.4f}")
    return running / max(count, 1)
