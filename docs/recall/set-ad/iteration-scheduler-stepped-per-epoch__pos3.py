import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader

from speech.data import LibriSpeechFeatures, collate_padded
from speech.model import ConformerCTC

cfg = dict(
    n_epochs=60,
    batch_size=24,
    peak_lr=1e-3,
    min_lr=1e-5,
    blank=0,
)


def train(data_dir):
    train_set = LibriSpeechFeatures(data_dir, "train-clean-100")
    dl = DataLoader(train_set, batch_size=cfg["batch_size"], shuffle=True,
                    collate_fn=collate_padded, num_workers=4)

    acoustic = ConformerCTC(n_mels=80, vocab=32).cuda()
    ctc = nn.CTCLoss(blank=cfg["blank"], zero_infinity=True)
    opt = torch.optim.AdamW(acoustic.parameters(), lr=cfg["peak_lr"], betas=(0.9, 0.98))

    total_iters = cfg["n_epochs"] * len(dl)
    cosine = CosineAnnealingLR(opt, T_max=total_iters, eta_min=cfg["min_lr"])

    epoch = 0
    while epoch < cfg["n_epochs"]:
        acoustic.train()
        running = 0.0
        for feats, feat_lens, targets, target_lens in dl:
            feats = feats.cuda()
            log_probs, out_lens = acoustic(feats, feat_lens.cuda())
            loss = ctc(log_probs.transpose(0, 1), targets, out_lens, target_lens)
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(acoustic.parameters(), 5.0)
            opt.step()
            running += loss.item()
        cosine.step()
        print(f"epoch {epoch}: ctc {running / len(dl):.3f}")
        epoch += 1
    return acoustic
