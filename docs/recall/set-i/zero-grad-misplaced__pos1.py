import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from dataset import KeywordSpottingDataset
from model import TCNKWS


def train(conf):
    device = torch.device(conf["device"])
    ds = KeywordSpottingDataset(conf["train_list"], conf["feat"])
    loader = DataLoader(ds, batch_size=conf["batch_size"], shuffle=True, collate_fn=ds.collate)
    net = TCNKWS(**conf["model"]).to(device)
    opt = torch.optim.Adam(net.parameters(), lr=conf["lr"], weight_decay=conf.get("wd", 0.0))
    criterion = nn.BCEWithLogitsLoss()

    epoch = 0
    while epoch < conf["max_epoch"]:
        net.train()
        seen = 0
        loss_sum = 0.0
        for feats, lengths, target in loader:
            feats, target = feats.to(device), target.to(device)
            logits = net(feats, lengths)
            loss = criterion(logits, target.float())
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), conf["grad_clip"])
            opt.step()
            seen += feats.size(0)
            loss_sum += loss.item() * feats.size(0)
        print(f"epoch {epoch}: loss {loss_sum / max(seen, 1):.4f}")
        torch.save(net.state_dict(), f"{conf['model_dir']}/{epoch}.pt")
        epoch += 1
