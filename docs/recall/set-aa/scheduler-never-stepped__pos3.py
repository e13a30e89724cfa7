import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import MultiStepLR


def make_lr_scheduler(opt, hp):
    return MultiStepLR(opt, milestones=hp["drop_at"], gamma=hp["drop_factor"])


def train_unet(unet, loader, hp, device="cuda"):
    unet = unet.to(device)
    opt = torch.optim.SGD(unet.parameters(), lr=hp["lr"], momentum=0.99, weight_decay=3e-5)
    lr_schedule = make_lr_scheduler(opt, hp)

    for ep in range(hp["epochs"]):
        unet.train()
        losses = []
        for idx, (vol, seg) in enumerate(loader):
            vol, seg = vol.to(device), seg.to(device).long()
            logits = unet(vol)
            ce = F.cross_entropy(logits, seg)
            probs = logits.softmax(1)
            onehot = F.one_hot(seg, logits.shape[1]).permute(0, 4, 1, 2, 3).float()
            inter = (probs * onehot).sum((2, 3, 4))
            dice = 1 - (2 * inter + 1e-5) / (probs.sum((2, 3, 4)) + onehot.sum((2, 3, 4)) + 1e-5)
            loss = ce + dice.mean()
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(unet.parameters(), 12)
            opt.step()
            losses.append(loss.item())
        print(f"epoch {ep} loss {sum(losses) / len(losses):.4f}")
        torch.save(unet.state_dict(), "unet3d_latest.pth")
    return unet
