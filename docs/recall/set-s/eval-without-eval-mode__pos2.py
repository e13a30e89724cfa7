import torch
from torch.utils.data import DataLoader


class ClassifierRunner:
    def __init__(self, backbone, head, test_set, batch_size=256, device="cuda"):
        self.backbone = backbone.to(device)
        self.head = head.to(device)
        self.device = device
        self.test_loader = DataLoader(test_set, batch_size=batch_size, num_workers=4)

    def load(self, ckpt_path):
        state = torch.load(ckpt_path, map_location="cpu")
        self.backbone.load_state_dict(state["backbone"])
        self.head.load_state_dict(state["head"])

    def _logits(self, x):
        return self.head(self.backbone(x))

    def test(self):
        hits, seen = 0, 0
        with torch.inference_mode():
            for x, y in self.test_loader:
                x, y = x.to(self.device), y.to(self.device)
                hits += (self._logits(x).argmax(-1) == y).sum().item()
                seen += y.numel()
        return hits / seen


if __name__ == "__main__":
    import sys

    from models import resnet50_backbone, LinearHead
    from data import get_test_set

    runner = ClassifierRunner(resnet50_backbone(), LinearHead(2048, 1000), get_test_set())
    runner.load(sys.argv[1])
    print(f"top-1: {runner.test():.4f}")
