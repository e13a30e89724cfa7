import numpy as np
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader


class Predictor:
    def __init__(self, net, ckpt_path, device="cuda"):
        self.device = torch.device(device)
        self.net = net.to(self.device)
        state = torch.load(ckpt_path, map_location=self.device)
        self.net.load_state_dict(state["model"])
        self.net.eval()

    def predict_loader(self, loader):
        probs = []
        for batch in loader:
            x = batch["image"].to(self.device, non_blocking=True)
            logits = self.net(x)
            probs.append(F.softmax(logits, dim=1).cpu())
        return torch.cat(probs)

    def predict_dataset(self, dataset, batch_size=128):
        loader = DataLoader(dataset, batch_size=batch_size, shuffle=False, num_workers=4)
        p = self.predict_loader(loader)
        return p.argmax(dim=1).numpy(), p.max(dim=1).values.numpy()


def write_submission(pred_labels, ids, out_csv):
    rows = np.stack([np.asarray(ids), pred_labels], axis=1)
    np.savetxt(out_csv, rows, fmt="%s", delimiter=",", header="id,label", comments="")
