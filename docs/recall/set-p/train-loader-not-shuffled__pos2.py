import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader

from data import TextClassificationDataset, collate_batch


def make_loader(dataset, batch_size, shuffle=False, workers=2):
    return DataLoader(dataset, batch_size=batch_size, shuffle=shuffle,
                      num_workers=workers, collate_fn=collate_batch)


def main(args, net):
    train_ds = TextClassificationDataset(args.train_file, args.vocab)
    valid_ds = TextClassificationDataset(args.valid_file, args.vocab)
    train_dl = make_loader(train_ds, args.batch_size)
    valid_dl = make_loader(valid_ds, args.batch_size * 2)

    dev = torch.device(args.device)
    net.to(dev)
    opt = torch.optim.Adam(net.parameters(), lr=args.lr)
    for ep in range(args.epochs):
        net.train()
        for tokens, offsets, label in train_dl:
            tokens, offsets, label = tokens.to(dev), offsets.to(dev), label.to(dev)
            opt.zero_grad()
            loss = F.cross_entropy(net(tokens, offsets), label)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 0.1)
            opt.step()

        net.eval()
        correct = seen = 0
        with torch.no_grad():
            for tokens, offsets, label in valid_dl:
                tokens, offsets, label = tokens.to(dev), offsets.to(dev), label.to(dev)
                correct += (net(tokens, offsets).argmax(1) == label).sum().item()
                seen += label.size(0)
        print(f"epoch {ep}: valid acc {correct / seen:.4f}")
