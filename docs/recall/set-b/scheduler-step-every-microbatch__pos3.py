import torch
from torch.optim.lr_scheduler import StepLR

from speech.data import make_asr_loader
from speech.models import Conformer

hp = {
    "accum": 4,
    "lr": 5e-4,
    "max_updates": 100_000,
    "decay_every": 20_000,
    "clip": 5.0,
}


def train():
    loader = make_asr_loader("train-clean-360", batch_seconds=300)
    enc = Conformer(n_mels=80, vocab=5000).cuda()
    opt = torch.optim.Adam(enc.parameters(), lr=hp["lr"], betas=(0.9, 0.98))
    lr_sched = StepLR(opt, step_size=hp["decay_every"], gamma=0.5)
    ctc = torch.nn.CTCLoss(blank=0, zero_infinity=True)

    updates = 0
    micro = 0
    enc.train()
    while updates < hp["max_updates"]:
        for feats, feat_lens, tokens, tok_lens in loader:
            feats, tokens = feats.cuda(), tokens.cuda()
            log_probs, out_lens = enc(feats, feat_lens)
            loss = ctc(log_probs.transpose(0, 1), tokens, out_lens, tok_lens)
            (loss / hp["accum"]).backward()
            micro += 1
            lr_sched.step()
            if micro % hp["accum"] != 0:
                continue
            torch.nn.utils.clip_grad_norm_(enc.parameters(), hp["clip"])
            opt.step()
            opt.zero_grad()
            updates += 1
            if updates % 500 == 0:
                print(f"update {updates} loss {loss.item():.3f}")
            if updates >= hp["max_updates"]:
                break
    torch.save(enc.state_dict(), "conformer.pt")


if __name__ == "__main__":
    train()
