import time

import torch
from torch.utils.data import DataLoader


def run_val(detector, dataset, postprocess, device="cuda:0", batch_size=16):
    loader = DataLoader(dataset, batch_size=batch_size, num_workers=4, collate_fn=dataset.collate_fn)
    detector.to(device).eval()
    infer_t = 0.0
    n_imgs = 0
    preds = []
    with torch.no_grad():
        for imgs, targets in loader:
            imgs = imgs.to(device, non_blocking=True).float() / 255.0
            start = time.perf_counter()
            out = detector(imgs)
            infer_t += time.perf_counter() - start
            dets = postprocess(out)
            preds.extend(d.cpu() for d in dets)
            n_imgs += imgs.shape[0]
    print(f"speed: {1e3 * infer_t / n_imgs:.1f} ms inference per image")
    return preds
