import torch
from torch.optim.lr_scheduler import LambdaLR


def build_scheduler(opt, total_iters, power=0.9):
    return LambdaLR(opt, lr_lambda=lambda it: (1 - it / total_iters) ** power)


def train_segmenter(net, loader, epochs, lr=0.01, extra_iters=0, device="cuda"):
    opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9, weight_decay=1e-4)
    sched = build_scheduler(opt, total_iters=epochs * len(loader))
    crit = torch.nn.CrossEntropyLoss(ignore_index=255)
    net.to(device)
    step = 0
    for ep in range(epochs):
        net.train()
        for img, mask in loader:
            img, mask = img.to(device), mask.to(device)
            out = net(img)["out"]
            loss = crit(out, mask)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
            step += 1
    # fine-tune a little longer on the hardest batches
    for img, mask in loader:
        if step >= epochs * len(loader) + extra_iters:
            break
        loss = crit(net(img.to(device))["out"], mask.to(device))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        sched.step()
        step += 1
