import torch
from torch.optim.lr_scheduler import StepLR


def main(model, train_loader, epochs=100):
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=1e-4)
    scheduler = StepLR(optimizer, step_size=30, gamma=0.1)
    criterion = torch.nn.CrossEntropyLoss()
    for epoch in range(epochs):
        model.train()
        running_loss = 0.0
        for inputs, labels in train_loader:
            optimizer.zero_grad()
            loss = criterion(model(inputs), labels)
            loss.backward()
            optimizer.step()
            running_loss += loss.item()
        scheduler.step()
        print("Epoch: {} | loss: {:.4f} | lr: {:.6f}".format(
            epoch, running_loss / len(train_loader), scheduler.get_last_lr()[0]))
