import torch
import torch.nn as nn
from torch.utils.data import DataLoader


def train(model, dataset, args):
    device = torch.device("cuda")
    loader = DataLoader(dataset, batch_size=args.micro_batch_size, shuffle=True, num_workers=4, drop_last=True)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    criterion = nn.CrossEntropyLoss()
    accum_steps = max(1, args.effective_batch_size // args.micro_batch_size)
    model.to(device)

    for epoch in range(args.epochs):
        model.train()
        optimizer.zero_grad()
        for i, (x, y) in enumerate(loader):
            x, y = x.to(device), y.to(device)
            loss = criterion(model(x), y) / accum_steps
            loss.backward()
            if (i + 1) % accum_steps == 0:
                torch.nn.utils.clip_grad_norm_(model.parameters(), args.max_grad_norm)
                optimizer.step()
                optimizer.zero_grad()
            if i % args.log_interval == 0:
                print(f"epoch {epoch} it {i} loss {loss.item() * accum_steps:.4f}")
    return model
