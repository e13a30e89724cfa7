from pathlib import Path

import torch


def unwrap(model):
    return model.module if hasattr(model, "module") else model


def save_run(model, optimizer, epoch, out_dir, example_input=None):
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    core = unwrap(model)
    torch.save(
        {"epoch": epoch, "model": core.state_dict(), "optimizer": optimizer.state_dict()},
        out_dir / "checkpoint.pt",
    )
    if example_input is not None:
        was_training = core.training
        core.eval()
        with torch.no_grad():
            traced = torch.jit.trace(core, example_input)
        torch.jit.save(traced, str(out_dir / "model_traced.pt"))
        core.train(was_training)


def load_run(model, optimizer, path):
    blob = torch.load(path, map_location="cpu")
    unwrap(model).load_state_dict(blob["model"])
    optimizer.load_state_dict(blob["optimizer"])
    return blob["epoch"] + 1
