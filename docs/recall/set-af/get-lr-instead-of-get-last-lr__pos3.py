import logging

import torch
from torch.optim.lr_scheduler import MultiStepLR

logger = logging.getLogger(__name__)


def current_lr(sched):
    return sched.get_lr()[0]


def build(model, args):
    opt = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9,
                          weight_decay=args.weight_decay)
    lr_sched = MultiStepLR(opt, milestones=[int(0.5 * args.epochs), int(0.75 * args.epochs)],
                           gamma=0.1)
    return opt, lr_sched


def run(model, loader, evaluate, args):
    opt, lr_sched = build(model, args)
    best = 0.0
    for epoch in range(args.epochs):
        model.train()
        for x, y in loader:
            loss = torch.nn.functional.cross_entropy(model(x.cuda()), y.cuda())
            opt.zero_grad()
            loss.backward()
            opt.step()
        lr_sched.step()
        acc = evaluate(model)
        best = max(best, acc)
        logger.info("epoch %d acc %.2f best %.2f lr %.6f", epoch, acc, best, current_lr(lr_sched))
    return best
