import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR


def train_one_epoch(model, loader, criterion, optimizer, device):
    model.train()
    total = 0.0
    for data, target in loader:
        data, target = data.to(device), target.to(device)
        optimizer.zero_grad()
        loss = criterion(model(data), target)
        loss.backward()
        optimizer.step()
        total += loss.item() * data.size(0)
    return total / len(loader.dataset)


def main(model, train_loader, args):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = model.to(device)
    criterion = nn.NLLLoss()
    optimizer = torch.optim.Adadelta(model.parameters(), lr=args.lr)
    scheduler = StepLR(optimizer, step_size=1, gamma=args.gamma)
    for epoch in range(1, args.epochs + 1):
        avg = train_one_epoch(model, train_loader, criterion, optimizer, device)
        scheduler.step(epoch)
        print(f"Epoch {epoch}: loss {avg:.4f} lr {scheduler.get_last_lr()[0]:.4f}")
    if args.save_model:
        torch.save(model.state_dict(), "mnist_cnn.pt")
