import torch
import torch.nn as nn
from torch.optim.lr_scheduler import LambdaLR

from asr.data import build_loader
from asr.model import Conformer

hp = {"epochs": 60, "lr": 1e-3, "power": 1.0, "batch": 32, "clip": 5.0}


def make_sched(optim, hp, steps_per_epoch):
    horizon = hp["epochs"] * steps_per_epoch

    def poly(step):
        return max(0.0, 1.0 - step / horizon) ** hp["power"]

    return LambdaLR(optim, lr_lambda=poly)


def run():
    dl = build_loader("data/librispeech/train-clean-100", hp["batch"], shuffle=True)
    net = Conformer(vocab=256).cuda()
    optim = torch.optim.Adam(net.parameters(), lr=hp["lr"], betas=(0.9, 0.98))
    ctc = nn.CTCLoss(zero_infinity=True)
    ep = 0
    while ep < hp["epochs"]:
        lr_sched = make_sched(optim, hp, len(dl))
        net.train()
        for feats, feat_lens, tokens, tok_lens in dl:
            log_probs, out_lens = net(feats.cuda(), feat_lens.cuda())
            loss = ctc(log_probs.transpose(0, 1), tokens.cuda(), out_lens,
                       tok_lens.cuda())
            optim.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), hp["clip"])
            optim.step()
            lr_sched.step()
        print(f"epoch {ep} loss {loss.item():.3f} lr {lr_sched.get_last_lr()[0]:.2e}")
        ep += 1
    torch.save(net.state_dict(), "conformer_ctc.pt")


if __name__ == "__main__":
    run()
