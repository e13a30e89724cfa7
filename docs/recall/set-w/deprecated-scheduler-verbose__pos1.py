import torch
from torch import nn
from torch.optim.lr_scheduler import StepLR


def fine_tune(model: nn.Module, dataloaders, num_epochs=25, device="cuda"):
    model = model.to(device)
    for p in model.parameters():
        p.requires_grad = False
    for p in model.fc.parameters():
        p.requires_grad = True

    criterion = nn.CrossEntropyLoss()
    optimizer_ft = torch.optim.SGD(model.fc.parameters(), lr=0.001, momentum=0.9)
    exp_lr_scheduler = StepLR(optimizer_ft, step_size=7, gamma=0.1, verbose=True)

    best_acc = 0.0
    for epoch in range(num_epochs):
        model.train()
        for inputs, labels in dataloaders["train"]:
            inputs, labels = inputs.to(device), labels.to(device)
            optimizer_ft.zero_grad()
            loss = criterion(model(inputs), labels)
            loss.backward()
            optimizer_ft.step()
        exp_lr_scheduler.step()

        model.eval()
        corrects, seen = 0, 0
        with torch.no_grad():
            for inputs, labels in dataloaders["val"]:
                inputs, labels = inputs.to(device), labels.to(device)
                corrects += (model(inputs).argmax(1) == labels).sum().item()
                seen += labels.size(0)
        acc = corrects / max(seen, 1)
        best_acc = max(best_acc, acc)
        print(f"epoch {epoch}: val acc {acc:.4f} (best {best_acc:.4f})")
    return model
