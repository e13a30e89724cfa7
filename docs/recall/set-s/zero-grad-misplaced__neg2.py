import torch
from torch import nn


def train(model, loader, epochs, lr=1e-4, accum_steps=4, max_norm=1.0):
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    criterion = nn.CrossEntropyLoss(ignore_index=-100)
    model.train()
    opt.zero_grad()
    step = 0
    for epoch in range(epochs):
        for i, (input_ids, labels) in enumerate(loader):
            input_ids, labels = input_ids.cuda(), labels.cuda()
            logits = model(input_ids)
            loss = criterion(logits.view(-1, logits.size(-1)), labels.view(-1))
            (loss / accum_steps).backward()
            if (i + 1) % accum_steps == 0:
                nn.utils.clip_grad_norm_(model.parameters(), max_norm)
                opt.step()
                opt.zero_grad()
                step += 1
                if step % 100 == 0:
                    print(f"epoch {epoch} step {step} loss {loss.item():.4f}")
    return model
