import torch
from torch.optim.lr_scheduler import OneCycleLR


def train(net, loader, epochs=30, max_lr=0.1):
    opt = torch.optim.SGD(net.parameters(), lr=max_lr, momentum=0.9, weight_decay=5e-4)
    sched = OneCycleLR(opt, max_lr=max_lr, epochs=epochs, steps_per_epoch=len(loader))
    criterion = torch.nn.CrossEntropyLoss(label_smoothing=0.1)
    for epoch in range(epochs):
        net.train()
        correct, seen = 0, 0
        for x, y in loader:
            x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True)
            logits = net(x)
            loss = criterion(logits, y)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            sched.step()
            opt.step()
            correct += (logits.argmax(1) == y).sum().item()
            seen += y.numel()
        print(f"epoch {epoch} acc {correct / max(1, seen):.3f} lr {sched.get_last_lr()[0]:.4f}")
    return net
