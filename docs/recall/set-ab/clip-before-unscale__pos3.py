import torch
from torch import nn
from torch.cuda.amp import GradScaler, autocast


def run_training(net, train_loader, hp):
    dev = torch.device("cuda")
    net = net.to(dev)
    opt = torch.optim.Adam(net.parameters(), lr=hp["lr"], betas=(0.9, 0.98))
    scaler = GradScaler()
    ctc = nn.CTCLoss(blank=0, zero_infinity=True)

    n = 0
    while n < hp["total_steps"]:
        net.train()
        for feats, feat_lens, labels, label_lens in train_loader:
            feats, labels = feats.to(dev), labels.to(dev)
            opt.zero_grad()
            with autocast():
                log_probs = net(feats).log_softmax(-1).transpose(0, 1)
            loss = ctc(log_probs.float(), labels, feat_lens, label_lens)
            scaler.scale(loss).backward()
            nn.utils.clip_grad_value_(net.parameters(), clip_value=hp["clip_value"])
            scaler.step(opt)
            scaler.update()
            n += 1
            if n % hp["log_every"] == 0:
                print(f"step {n}: ctc {loss.item():.3f} scale {scaler.get_scale():.0f}")
            if n >= hp["total_steps"]:
                break
    return net
