import torch
import torch.nn.functional as F


def confusion(pred, lbl, n_class):
    keep = lbl != 255
    idx = n_class * lbl[keep] + pred[keep]
    return torch.bincount(idx, minlength=n_class ** 2).view(n_class, n_class)


def train(fcn, train_loader, val_loader, args):
    device = torch.device("cuda")
    fcn.to(device)
    optim = torch.optim.SGD(fcn.parameters(), lr=args.lr, momentum=0.99, weight_decay=5e-4)
    iteration, best_miou = 0, 0.0
    fcn.train()
    while iteration < args.max_iteration:
        for img, lbl in train_loader:
            img, lbl = img.to(device), lbl.to(device)
            optim.zero_grad()
            loss = F.cross_entropy(fcn(img), lbl, ignore_index=255)
            loss.backward()
            optim.step()
            iteration += 1

            if iteration % args.interval_validate == 0:
                fcn.eval()
                hist = torch.zeros(args.n_class, args.n_class, dtype=torch.long, device=device)
                with torch.no_grad():
                    for v_img, v_lbl in val_loader:
                        v_img, v_lbl = v_img.to(device), v_lbl.to(device)
                        hist += confusion(fcn(v_img).argmax(dim=1), v_lbl, args.n_class)
                inter = hist.diag().float()
                union = (hist.sum(0) + hist.sum(1) - hist.diag()).clamp(min=1).float()
                miou = (inter / union).mean().item()
                best_miou = max(best_miou, miou)
                print(f"iter {iteration}: loss {loss.item():.4f} mIoU {miou:.4f} (best {best_miou:.4f})")
            if iteration >= args.max_iteration:
                break
    return best_miou
