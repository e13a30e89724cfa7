import torch
import torch.nn.functional as F


@torch.no_grad()
def evaluate(detector, val_loader, device):
    was_training = detector.training
    detector.eval()
    losses = []
    for images, targets in val_loader:
        images = images.to(device)
        out = detector(images)
        losses.append(F.smooth_l1_loss(out["boxes"], targets["boxes"].to(device)).item())
    detector.train(was_training)
    return sum(losses) / max(len(losses), 1)


def train(detector, train_loader, val_loader, opt, args):
    device = torch.device(args.device)
    detector.to(device).train()
    step = 0
    for epoch in range(args.epochs):
        for images, targets in train_loader:
            images = images.to(device)
            targets = {k: v.to(device) for k, v in targets.items()}
            loss_dict = detector(images, targets)
            loss = sum(loss_dict.values())
            opt.zero_grad()
            loss.backward()
            opt.step()
            step += 1
            if step % args.eval_every == 0:
                val = evaluate(detector, val_loader, device)
                print(f"step {step}: train {loss.item():.3f} val {val:.3f}")
