import torch
from torch.optim.lr_scheduler import StepLR

from config import cfg
from dataset import make_loader
from modeling import build_detector


def build_solver(net):
    params = [p for p in net.parameters() if p.requires_grad]
    opt = torch.optim.SGD(params, lr=cfg.TRAIN.BASE_LR, momentum=cfg.TRAIN.MOMENTUM,
                          weight_decay=cfg.TRAIN.WEIGHT_DECAY)
    lr_sched = StepLR(opt, step_size=cfg.TRAIN.DECAY_EPOCHS, gamma=cfg.TRAIN.GAMMA)
    return opt, lr_sched


def update(net, opt, lr_sched, batch, device):
    images, targets = batch
    images = [img.to(device) for img in images]
    targets = [{k: v.to(device) for k, v in t.items()} for t in targets]
    loss_dict = net(images, targets)
    loss = sum(loss_dict.values())
    opt.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(net.parameters(), 10.0)
    opt.step()
    lr_sched.step()
    return {k: v.item() for k, v in loss_dict.items()}


def train():
    device = torch.device(cfg.MODEL.DEVICE)
    net = build_detector(cfg).to(device)
    loader = make_loader(cfg, is_train=True)
    opt, lr_sched = build_solver(net)

    epoch = 0
    while epoch < cfg.TRAIN.MAX_EPOCHS:
        net.train()
        it = iter(loader)
        step = 0
        while True:
            try:
                batch = next(it)
            except StopIteration:
                break
            losses = update(net, opt, lr_sched, batch, device)
            if step % cfg.TRAIN.LOG_PERIOD == 0:
                msg = " ".join(f"{k}={v:.3f}" for k, v in losses.items())
                print(f"epoch {epoch} iter {step} lr {lr_sched.get_last_lr()[0]:.5f} {msg}")
            step += 1
        epoch += 1
    torch.save(net.state_dict(), cfg.OUTPUT_DIR + "/model_final.pth")


if __name__ == "__main__":
    train()
