import time

import torch


def time_sync():
    if torch.cuda.is_available():
        torch.cuda.synchronize()
    return time.time()


@torch.no_grad()
def profile_stages(model, loader, device, n_batches=50):
    model.eval()
    t_pre = t_inf = t_post = 0.0
    seen = 0
    for i, (imgs, _) in enumerate(loader):
        if i == n_batches:
            break
        t0 = time_sync()
        imgs = imgs.to(device, non_blocking=True).float() / 255.0
        t1 = time_sync()
        preds = model(imgs)
        t2 = time_sync()
        keep = [p[p[:, 4] > 0.25] for p in preds]
        t3 = time_sync()
        t_pre += t1 - t0
        t_inf += t2 - t1
        t_post += t3 - t2
        seen += imgs.shape[0]
    per = 1e3 / max(seen, 1)
    print(f"pre {t_pre * per:.1f} ms, inference {t_inf * per:.1f} ms, post {t_post * per:.1f} ms per image")
    return keep
