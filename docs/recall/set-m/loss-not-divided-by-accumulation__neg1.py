import torch
import torch.nn as nn
from torch.utils.data import DataLoader


def train(model, dataset, epochs=3, lr=2e-5, micro_bs=8, accum_steps=4, device="cuda"):
    model.to(device)
    loader = DataLoader(dataset, batch_size=micro_bs, shuffle=True, num_workers=2)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    loss_fn = nn.CrossEntropyLoss()

    for epoch in range(epochs):
        model.train()
        opt.zero_grad()
        for i, batch in enumerate(loader):
            logits = model(input_ids=batch["input_ids"].to(device),
                           attention_mask=batch["attention_mask"].to(device))
            loss = loss_fn(logits, batch["labels"].to(device))
            (loss / accum_steps).backward()
            if (i + 1) % accum_steps == 0 or (i + 1) == len(loader):
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                opt.step()
                opt.zero_grad()
    return model
