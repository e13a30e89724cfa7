from bisect import bisect_right

import torch
from torch.optim.lr_scheduler import LambdaLR


def warmup_multistep(n_warm, milestones, gamma=0.1):
    milestones = sorted(milestones)

    def factor(epoch):
        if epoch < n_warm:
            return epoch / n_warm
        return gamma ** bisect_right(milestones, epoch)

    return factor


def main(net, train_loader, evaluate, args):
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=args.wd)
    lr_sched = LambdaLR(opt, lr_lambda=warmup_multistep(args.n_warm, args.milestones, args.gamma))
    best = 0.0
    for epoch in range(args.epochs):
        net.train()
        for inputs, labels in train_loader:
            inputs, labels = inputs.cuda(non_blocking=True), labels.cuda(non_blocking=True)
            loss = torch.nn.functional.cross_entropy(net(inputs), labels)
            opt.zero_grad()
            loss.backward()
            opt.step()
        lr_sched.step()
        acc = evaluate(net)
        best = max(best, acc)
        print(f"epoch {epoch} lr {lr_sched.get_last_lr()[0]:.4f} acc {acc:.2f} best {best:.2f}")
