import argparse

import torch

from models import build_classifier


def export(weights, out_path, num_classes, image_size):
    net = build_classifier(num_classes)
    state = torch.load(weights, map_location="cpu")
    net.load_state_dict(state["model"] if "model" in state else state)
    net.eval()

    scripted = torch.jit.script(net)
    scripted = torch.jit.freeze(scripted)
    example = torch.randn(1, 3, image_size, image_size)
    with torch.no_grad():
        ref = net(example)
        out = scripted(example)
    torch.testing.assert_close(out, ref, rtol=1e-4, atol=1e-5)
    torch.jit.save(scripted, out_path)
    torch.save(net.state_dict(), out_path.replace(".pt", "_state_dict.pt"))


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--weights", required=True)
    ap.add_argument("--out", default="model_scripted.pt")
    ap.add_argument("--num-classes", type=int, default=1000)
    ap.add_argument("--img", type=int, default=224)
    a = ap.parse_args()
    export(a.weights, a.out, a.num_classes, a.img)
