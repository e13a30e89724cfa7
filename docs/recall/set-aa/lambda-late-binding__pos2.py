import torch
from torch.optim.lr_scheduler import LambdaLR


class LayerwiseWarmupTrainer:
    """Fine-tunes an encoder with a separate warm-up length per parameter group."""

    def __init__(self, encoder, loader, args):
        self.encoder = encoder.cuda()
        self.loader = loader
        self.args = args
        self.opt = torch.optim.AdamW(
            [
                {"params": encoder.embeddings.parameters(), "lr": args.lr * 0.5},
                {"params": encoder.layers.parameters(), "lr": args.lr},
                {"params": encoder.classifier.parameters(), "lr": args.lr * 5},
            ],
            weight_decay=0.01,
        )
        self.sched = LambdaLR(self.opt, lr_lambda=self._make_lambdas())

    def _make_lambdas(self):
        fns = []
        for i, _group in enumerate(self.opt.param_groups):
            fns.append(lambda s: min(1.0, (s + 1) / self.args.warm_steps[i]))
        return fns

    def train(self):
        step = 0
        for epoch in range(self.args.epochs):
            self.encoder.train()
            for batch in self.loader:
                batch = {k: v.cuda(non_blocking=True) for k, v in batch.items()}
                loss = self.encoder(**batch).loss
                self.opt.zero_grad(set_to_none=True)
                loss.backward()
                torch.nn.utils.clip_grad_norm_(self.encoder.parameters(), 1.0)
                self.opt.step()
                self.sched.step()
                step += 1
                if step % 100 == 0:
                    print(step, round(loss.item(), 4), self.sched.get_last_lr())
            torch.save({"encoder": self.encoder.state_dict(), "opt": self.opt.state_dict(),
                        "sched": self.sched.state_dict()}, "encoder_ckpt.pt")
