import argparse

import torch
from torch import nn
from torch.optim.lr_scheduler import LinearLR
from torch.utils.data import DataLoader

from asr.model import Conformer
from asr.data import LibriSpeech, collate_batch


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=50)
    ap.add_argument("--batch-size", type=int, default=8)
    ap.add_argument("--accum-steps", type=int, default=4)
    ap.add_argument("--lr", type=float, default=1e-3)
    args = ap.parse_args()

    loader = DataLoader(LibriSpeech("train-clean-100"), batch_size=args.batch_size,
                        shuffle=True, collate_fn=collate_batch, num_workers=4)
    model = Conformer(vocab_size=128).cuda()
    ctc = nn.CTCLoss(blank=0, zero_infinity=True)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr, betas=(0.9, 0.98))
    updates_per_epoch = max(1, len(loader) // args.accum_steps)
    decay = LinearLR(opt, start_factor=1.0, end_factor=0.05,
                     total_iters=args.epochs * updates_per_epoch)

    for epoch in range(args.epochs):
        model.train()
        opt.zero_grad()
        for step, (feats, feat_lens, tokens, tok_lens) in enumerate(loader):
            log_probs, out_lens = model(feats.cuda(), feat_lens.cuda())
            loss = ctc(log_probs.transpose(0, 1), tokens.cuda(), out_lens, tok_lens.cuda())
            (loss / args.accum_steps).backward()
            if (step + 1) % args.accum_steps == 0:
                nn.utils.clip_grad_norm_(model.parameters(), 5.0)
                opt.step()
                decay.step()
                opt.zero_grad()
        print(f"epoch {epoch} lr {decay.get_last_lr()[0]:.2e} loss {loss.item():.3f}")


if __name__ == "__main__":
    main()
