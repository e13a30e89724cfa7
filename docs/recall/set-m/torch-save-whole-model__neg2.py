from pathlib import Path

import torch
from torch.nn.parallel import DistributedDataParallel as DDP


def unwrap(net):
    return net.module if isinstance(net, DDP) else net


def save_training_state(path, net, opt, step):
    torch.save({
        "net": unwrap(net).state_dict(),
        "opt": opt.state_dict(),
        "step": step,
    }, path)


def load_training_state(path, net, opt, device="cpu"):
    ckpt = torch.load(path, map_location=device, weights_only=True)
    unwrap(net).load_state_dict(ckpt["net"])
    opt.load_state_dict(ckpt["opt"])
    return ckpt["step"]


def export_torchscript(net, example, out_dir):
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    module = unwrap(net).eval()
    with torch.no_grad():
        traced = torch.jit.trace(module, example)
    traced.save(str(out / "model_traced.pt"))
    torch.save(module.state_dict(), out / "weights.pt")
    return out / "model_traced.pt"
