import torch
import torch.nn as nn
from torch.optim.lr_scheduler import MultiStepLR


def train_one_epoch(net, loader, criterion, opt, scaler, device):
    net.train()
    for inputs, targets in loader:
        inputs, targets = inputs.to(device), targets.to(device)
        opt.zero_grad(set_to_none=True)
        with torch.autocast("cuda", dtype=torch.bfloat16):
            loss = criterion(net(inputs), targets)
        scaler.scale(loss).backward()
        scaler.step(opt)
        scaler.update()
    return loss.item()


def main(net, train_loader, cfg, device="cuda"):
    net = net.to(device)
    criterion = nn.CrossEntropyLoss(label_smoothing=0.1)
    opt = torch.optim.SGD(net.parameters(), lr=cfg.lr, momentum=0.9, weight_decay=5e-4)
    lr_sched = MultiStepLR(opt, milestones=cfg.milestones, gamma=cfg.gamma)
    scaler = torch.cuda.amp.GradScaler()
    for epoch in range(cfg.epochs):
        last = train_one_epoch(net, train_loader, criterion, opt, scaler, device)
        lr_sched.step()
        print(f"Epoch {epoch}: loss {last:.3f} lr {lr_sched.get_last_lr()[0]:.4f}")
