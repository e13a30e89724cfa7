import torch
import torch.nn.functional as F


@torch.inference_mode()
def extract_features(encoder, loader, device):
    encoder.eval()
    feats, labels = [], []
    for images, targets in loader:
        emb = encoder(images.to(device, non_blocking=True))
        feats.append(F.normalize(emb, dim=1))
        labels.append(targets.to(device, non_blocking=True))
    return torch.cat(feats), torch.cat(labels)


def knn_accuracy(encoder, memory_loader, val_loader, device, num_classes, k=20, temperature=0.07):
    was_training = encoder.training
    bank, bank_labels = extract_features(encoder, memory_loader, device)
    queries, query_labels = extract_features(encoder, val_loader, device)
    encoder.train(was_training)

    correct = 0
    for start in range(0, queries.size(0), 256):
        q = queries[start:start + 256]
        sim = q @ bank.T
        top_sim, top_idx = sim.topk(k, dim=1)
        top_labels = bank_labels[top_idx]
        weights = (top_sim / temperature).exp()
        votes = torch.zeros(q.size(0), num_classes, device=device)
        votes.scatter_add_(1, top_labels, weights)
        pred = votes.argmax(dim=1)
        correct += (pred == query_labels[start:start + 256]).sum().item()
    return 100.0 * correct / queries.size(0)
