import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, WeightedRandomSampler

from dataset import AudioTaggingDataset
from model import CNN14


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--train_csv", default="meta/train.csv")
    parser.add_argument("--batch_size", type=int, default=32)
    parser.add_argument("--epochs", type=int, default=60)
    args = parser.parse_args()

    train_ds = AudioTaggingDataset(args.train_csv, sample_rate=32000, clip_seconds=10)
    # rebalance rare classes: sample clips with probability inversely proportional to class frequency
    weights = torch.as_tensor(train_ds.sample_weights(), dtype=torch.double)
    balanced = WeightedRandomSampler(weights, num_samples=len(train_ds), replacement=True)
    train_loader = DataLoader(train_ds, batch_size=args.batch_size, sampler=balanced, num_workers=4, pin_memory=True)

    net = CNN14(classes_num=train_ds.num_classes).cuda()
    opt = torch.optim.Adam(net.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
    criterion = nn.BCEWithLogitsLoss()

    for epoch in range(args.epochs):
        net.train()
        seen = 0
        for waveform, target in train_loader:
            waveform, target = waveform.cuda(non_blocking=True), target.cuda(non_blocking=True)
            opt.zero_grad()
            loss = criterion(net(waveform), target)
            loss.backward()
            opt.step()
            seen += waveform.size(0)
        print(f"epoch {epoch}: {seen} clips, last loss {loss.item():.4f}")


if __name__ == "__main__":
    main()
