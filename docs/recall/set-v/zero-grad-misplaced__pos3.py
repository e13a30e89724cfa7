import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader

from modeling import build_keypoint_net
from data import KeypointDataset


def do_train(cfg):
    device = torch.device(cfg.MODEL.DEVICE)
    net = build_keypoint_net(cfg).to(device)
    opt = torch.optim.Adam(net.parameters(), lr=cfg.SOLVER.BASE_LR, weight_decay=cfg.SOLVER.WEIGHT_DECAY)
    loader = DataLoader(KeypointDataset(cfg.DATASETS.TRAIN), batch_size=cfg.SOLVER.IMS_PER_BATCH,
                        shuffle=True, num_workers=cfg.DATALOADER.NUM_WORKERS, drop_last=True)

    net.train()
    opt.zero_grad()
    it = 0
    data_iter = iter(loader)
    while it < cfg.SOLVER.MAX_ITER:
        try:
            images, heatmaps, weights = next(data_iter)
        except StopIteration:
            data_iter = iter(loader)
            images, heatmaps, weights = next(data_iter)
        images, heatmaps, weights = images.to(device), heatmaps.to(device), weights.to(device)
        pred = net(images)
        loss = (F.mse_loss(pred, heatmaps, reduction="none") * weights).mean()
        loss.backward()
        opt.step()
        it += 1
        if it % 20 == 0:
            print(f"iter {it}/{cfg.SOLVER.MAX_ITER} loss {loss.item():.6f}")
    return net
