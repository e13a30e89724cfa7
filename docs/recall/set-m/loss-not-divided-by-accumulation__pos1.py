import torch
import torch.nn as nn
from torch.utils.data import DataLoader


def train(model, dataset, epochs=3, lr=2e-5, micro_bs=8, accum_steps=4, device="cuda"):
    model.to(device)
    loader = DataLoader(dataset, batch_size=micro_bs, shuffle=True, num_workers=2)
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    loss_fn = nn.CrossEntropyLoss()

    for epoch in range(epochs):
        model.train()
        optimizer.zero_grad()
        for i, batch in enumerate(loader):
            input_ids = batch["input_ids"].to(device)
            attention_mask = batch["attention_mask"].to(device)
            labels = batch["labels"].to(device)
            logits = model(input_ids=input_ids, attention_mask=attention_mask)
            loss = loss_fn(logits, labels)
            loss.backward()
            if (i + 1) % accum_steps == 0:
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                optimizer.step()
                optimizer.zero_grad()
            if i % 100 == 0:
                print(f"epoch {epoch} batch {i} loss {loss.item():.4f}")
    return model
