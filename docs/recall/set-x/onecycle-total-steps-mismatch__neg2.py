import torch
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader


def train(net, train_ds, args):
    loader = DataLoader(train_ds, batch_size=args.bs, shuffle=True,
                        num_workers=args.workers, drop_last=True)
    n_batches = len(train_ds) // args.bs  # equals len(loader) because drop_last=True
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, nesterov=True,
                          weight_decay=5e-4)
    sched = OneCycleLR(opt, max_lr=args.lr, epochs=args.epochs, steps_per_epoch=n_batches)
    crit = torch.nn.CrossEntropyLoss(label_smoothing=0.1)

    epoch = 0
    while epoch < args.epochs:
        net.train()
        correct = 0
        for xb, yb in loader:
            xb, yb = xb.cuda(non_blocking=True), yb.cuda(non_blocking=True)
            out = net(xb)
            loss = crit(out, yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            correct += (out.argmax(1) == yb).sum().item()
        print(f"epoch {epoch}: train acc {correct / (n_batches * args.bs):.4f}")
        epoch += 1
    return net
