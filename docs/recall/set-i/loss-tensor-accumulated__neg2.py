import torch
import torch.nn.functional as F


class SegmentationLoop:
    def __init__(self, net, loader, opt, aux_weight=0.4):
        self.net = net
        self.loader = loader
        self.opt = opt
        self.aux_weight = aux_weight

    def run_epoch(self):
        self.net.train()
        device = next(self.net.parameters()).device
        epoch_loss = torch.zeros((), device=device)
        seen = 0
        for img, mask in self.loader:
            img, mask = img.to(device), mask.to(device)
            main_out, aux_out = self.net(img)
            loss = F.cross_entropy(main_out, mask, ignore_index=255)
            loss = loss + self.aux_weight * F.cross_entropy(aux_out, mask, ignore_index=255)
            self.opt.zero_grad(set_to_none=True)
            loss.backward()
            self.opt.step()
            epoch_loss += loss.detach() * img.size(0)
            seen += img.size(0)
        return (epoch_loss / max(seen, 1)).item()
