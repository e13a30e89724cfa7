import time

import torch
import torch.nn.functional as F


def run_inference(model, loader, device="cuda"):
    model.to(device).eval()
    total_time = 0.0
    n_images = 0
    correct = 0
    with torch.no_grad():
        for images, labels in loader:
            images = images.to(device, non_blocking=True)
            labels = labels.to(device, non_blocking=True)
            t0 = time.time()
            logits = model(images)
            total_time += time.time() - t0
            probs = F.softmax(logits, dim=1)
            correct += (probs.argmax(1) == labels).sum().item()
            n_images += images.size(0)
    print(f"accuracy: {correct / n_images:.4f}")
    print(f"inference: {1000.0 * total_time / n_images:.3f} ms/img")
    return correct / n_images
