import torch
from torch import nn
from torch.utils.data import DataLoader


def train_one_epoch(gnn, loader: DataLoader, opt, device):
    gnn.train()
    total, n_graphs = 0.0, 0
    loss_fn = nn.L1Loss()
    for batch in loader:
        batch = batch.to(device)
        opt.zero_grad()
        pred = gnn(batch.x, batch.edge_index, batch.batch)
        loss = loss_fn(pred.squeeze(-1), batch.y)
        loss.backward()
        opt.step()
        total += loss * batch.num_graphs
        n_graphs += batch.num_graphs
    return total / n_graphs


def run(gnn, train_set, epochs=300, device="cuda"):
    loader = DataLoader(train_set, batch_size=32, shuffle=True, collate_fn=train_set.collate)
    opt = torch.optim.Adam(gnn.parameters(), lr=5e-4)
    gnn.to(device)
    best = float("inf")
    for epoch in range(1, epochs + 1):
        mae = train_one_epoch(gnn, loader, opt, device)
        best = min(best, float(mae))
        if epoch % 10 == 0:
            print(f"Epoch {epoch:03d}, train MAE {float(mae):.4f}, best {best:.4f}")
    return best
