import torch
from torch.optim.lr_scheduler import LambdaLR


def warmup_fn(n_steps):
    def fn(step):
        return min(1.0, (step + 1) / n_steps)
    return fn


class GroupWarmupTrainer:
    def __init__(self, encoder, loader, args):
        self.encoder = encoder.cuda()
        self.loader = loader
        self.args = args
        self.opt = torch.optim.AdamW(
            [
                {"params": encoder.embeddings.parameters(), "lr": args.lr * 0.5},
                {"params": encoder.layers.parameters(), "lr": args.lr},
            ],
            weight_decay=0.01,
        )
        fns = []
        for n in args.warm_steps:
            fns.append(warmup_fn(n))
        assert len(fns) == len(self.opt.param_groups)
        self.sched = LambdaLR(self.opt, lr_lambda=fns)

    def train(self):
        for epoch in range(self.args.epochs):
            self.encoder.train()
            for step, batch in enumerate(self.loader):
                batch = {k: v.cuda(non_blocking=True) for k, v in batch.items()}
                loss = self.encoder(**batch).loss
                self.opt.zero_grad(set_to_none=True)
                loss.backward()
                self.opt.step()
                self.sched.step()
                if step % 100 == 0:
                    print(epoch, step, loss.item(), self.sched.get_last_lr())
            torch.save({"encoder": self.encoder.state_dict(), "opt": self.opt.state_dict(),
                        "sched": self.sched.state_dict()}, "encoder_ckpt.pt")
