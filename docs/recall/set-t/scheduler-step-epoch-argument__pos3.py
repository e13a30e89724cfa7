import torch
from torch.optim.lr_scheduler import ExponentialLR


def end_of_epoch(lr_sched, ep, history):
    history.append(lr_sched.get_last_lr()[0])
    lr_sched.step(ep + 1)


def train(encoder, decoder, loader, n_epochs=40, lr=1e-3):
    params = list(encoder.parameters()) + list(decoder.parameters())
    opt = torch.optim.Adam(params, lr=lr)
    lr_sched = ExponentialLR(opt, gamma=0.95)
    history = []
    for ep in range(n_epochs):
        encoder.train()
        decoder.train()
        for src, tgt in loader:
            memory = encoder(src)
            out = decoder(tgt[:, :-1], memory)
            loss = torch.nn.functional.cross_entropy(
                out.reshape(-1, out.size(-1)), tgt[:, 1:].reshape(-1), ignore_index=0)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 5.0)
            opt.step()
        end_of_epoch(lr_sched, ep, history)
    return history
