import argparse

import torch
from torch.utils.data import DataLoader

from datasets import ChestXRay
from networks import DenseNet121


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--root", default="data/chestxray")
    ap.add_argument("--bs", type=int, default=64)
    args = ap.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = DenseNet121(num_classes=14, drop_rate=0.2).to(device)
    net.load_state_dict(torch.load(args.ckpt, map_location=device))
    test_loader = DataLoader(ChestXRay(args.root, split="test"), batch_size=args.bs,
                             shuffle=False, num_workers=8)

    scores, labels = [], []
    with torch.inference_mode():
        for imgs, tgt in test_loader:
            scores.append(torch.sigmoid(net(imgs.to(device))).cpu())
            labels.append(tgt)
    scores, labels = torch.cat(scores), torch.cat(labels)
    acc = ((scores > 0.5).float() == labels).float().mean().item()
    print(f"test accuracy (per label): {acc:.4f}")


if __name__ == "__main__":
    main()
