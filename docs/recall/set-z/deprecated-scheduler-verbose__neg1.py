import logging

import torch
from torch.optim.lr_scheduler import StepLR

log = logging.getLogger("train")


def train(model, device, train_loader, optimizer, epoch):
    model.train()
    for batch_idx, (data, target) in enumerate(train_loader):
        data, target = data.to(device), target.to(device)
        optimizer.zero_grad()
        loss = torch.nn.functional.cross_entropy(model(data), target)
        loss.backward()
        optimizer.step()
        if batch_idx % 10 == 0:
            log.info("epoch %d [%d/%d] loss %.6f", epoch, batch_idx, len(train_loader), loss.item())


def main(model, train_loader, epochs=14, lr=1.0, gamma=0.7, verbose=True):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = model.to(device)
    optimizer = torch.optim.Adadelta(model.parameters(), lr=lr)
    scheduler = StepLR(optimizer, step_size=1, gamma=gamma)
    for epoch in range(1, epochs + 1):
        train(model, device, train_loader, optimizer, epoch)
        scheduler.step()
        if verbose:
            log.info("epoch %d: adjusting learning rate to %.4e", epoch, scheduler.get_last_lr()[0])
    torch.save(model.state_dict(), "mnist_cnn.pt")
