import torch
import torch.nn.functional as F
from torch.cuda.amp import GradScaler, autocast


def train(net, loader, hp):
    opt = torch.optim.SGD(net.parameters(), lr=hp["lr"], momentum=0.9, weight_decay=hp["wd"])
    scaler = GradScaler()
    k = hp["accumulate"]
    net.cuda().train()
    for epoch in range(hp["epochs"]):
        opt.zero_grad()
        seen = correct = 0
        for i, (imgs, targets) in enumerate(loader):
            imgs, targets = imgs.cuda(non_blocking=True), targets.cuda(non_blocking=True)
            with autocast():
                logits = net(imgs)
                loss = F.cross_entropy(logits, targets)
            scaler.scale(loss).backward()
            if (i + 1) % k == 0 or i + 1 == len(loader):
                scaler.step(opt)
                scaler.update()
                opt.zero_grad()
            correct += (logits.argmax(1) == targets).sum().item()
            seen += targets.numel()
        print(f"epoch {epoch}: train acc {correct / seen:.3f}")
