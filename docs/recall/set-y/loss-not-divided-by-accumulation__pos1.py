import torch
import torch.nn as nn
from torch.utils.data import DataLoader


def train(model, train_set, epochs=10, batch_size=16, accum_steps=4, lr=2e-5, device="cuda"):
    loader = DataLoader(train_set, batch_size=batch_size, shuffle=True, num_workers=4)
    model.to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    criterion = nn.CrossEntropyLoss()

    for epoch in range(epochs):
        model.train()
        optimizer.zero_grad()
        total = 0.0
        for i, (input_ids, attn, labels) in enumerate(loader):
            logits = model(input_ids.to(device), attention_mask=attn.to(device))
            loss = criterion(logits, labels.to(device))
            loss.backward()
            total += loss.item()
            if (i + 1) % accum_steps == 0:
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                optimizer.step()
                optimizer.zero_grad()
        print(f"epoch {epoch}: loss {total / len(loader):.4f}")
    return model
