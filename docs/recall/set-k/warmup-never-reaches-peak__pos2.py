import torch
from torch import nn
from torch.optim.lr_scheduler import LambdaLR
from torch.utils.data import DataLoader


def warm_then_constant(n_warm):
    return lambda s: s / n_warm if s < n_warm else 1.0


def finetune(net: nn.Module, train_set, epochs=5, lr=5e-5, n_warm=300, bs=16):
    loader = DataLoader(train_set, batch_size=bs, shuffle=True, num_workers=4, drop_last=True)
    opt = torch.optim.AdamW([p for p in net.parameters() if p.requires_grad], lr=lr, weight_decay=0.01)
    lr_sched = LambdaLR(opt, lr_lambda=warm_then_constant(n_warm))
    crit = nn.CrossEntropyLoss()
    net.train()
    for ep in range(epochs):
        seen, correct = 0, 0
        for tokens, attn, labels in loader:
            tokens, attn, labels = tokens.cuda(), attn.cuda(), labels.cuda()
            logits = net(tokens, attention_mask=attn)
            loss = crit(logits, labels)
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            lr_sched.step()
            correct += (logits.argmax(-1) == labels).sum().item()
            seen += labels.numel()
        print(f"epoch {ep}: train acc {correct / max(1, seen):.3f} lr {lr_sched.get_last_lr()[0]:.2e}")
    return net
