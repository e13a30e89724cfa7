import torch
from torch.optim.lr_scheduler import LambdaLR


def make_warmup(optimizer, warmup_steps):
    warmup_steps = max(1, warmup_steps)

    def ramp(step):
        return min(1.0, (step + 1) / warmup_steps)

    return LambdaLR(optimizer, lr_lambda=ramp)


def train(encoder, dataloader, n_epochs, lr=3e-4, warmup_steps=2000):
    opt = torch.optim.Adam(encoder.parameters(), lr=lr, betas=(0.9, 0.98))
    sched = make_warmup(opt, warmup_steps)
    encoder.train()
    for ep in range(n_epochs):
        for step, (src, tgt) in enumerate(dataloader):
            loss = encoder(src, labels=tgt).loss
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
        print(ep, loss.item(), sched.get_last_lr()[0])
    torch.save({"model": encoder.state_dict(), "optimizer": opt.state_dict(),
                "scheduler": sched.state_dict()}, "last.pt")
