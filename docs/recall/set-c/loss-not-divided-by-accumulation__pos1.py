import torch
from torch import nn


def train(model, loader, epochs, lr=5e-5, accum_steps=8, device="cuda"):
    model.to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    crit = nn.CrossEntropyLoss()

    for epoch in range(epochs):
        model.train()
        opt.zero_grad()
        for i, (input_ids, labels) in enumerate(loader):
            input_ids, labels = input_ids.to(device), labels.to(device)
            logits = model(input_ids)
            loss = crit(logits, labels)
            loss.backward()
            if (i + 1) % accum_steps == 0:
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                opt.step()
                opt.zero_grad()
            if i % 200 == 0:
                print(f"epoch {epoch} step {i} loss {loss.item():.4f}")
    return model
