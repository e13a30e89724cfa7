import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from data import KeywordSpottingDataset
from model import DSCNN


def train(args):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = DSCNN(num_classes=args.num_classes).to(device)
    train_loader = DataLoader(
        KeywordSpottingDataset(args.train_list),
        batch_size=args.batch_size,
        shuffle=True,
        num_workers=8,
        drop_last=True,
    )
    criterion = nn.CrossEntropyLoss()
    opt = torch.optim.Adam(net.parameters(), lr=args.lr, weight_decay=args.wd)

    for epoch in range(args.epochs):
        net.train()
        running = 0.0
        for batch_idx, (feats, labels) in enumerate(train_loader):
            feats, labels = feats.to(device), labels.to(device)
            logits = net(feats)
            loss = criterion(logits, labels)
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), args.grad_clip)
            opt.step()
            running += loss.item()
            if batch_idx % args.log_interval == 0:
                print(f"epoch {epoch} batch {batch_idx} loss {running / (batch_idx + 1):.4f}")
        torch.save(net.state_dict(), f"{args.model_dir}/{epoch}.pt")
