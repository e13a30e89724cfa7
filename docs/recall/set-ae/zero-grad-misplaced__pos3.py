import itertools

import torch
import torch.nn as nn


class PolicyTrainer:
    def __init__(self, policy, value_fn, cfg):
        self.policy = policy
        self.value_fn = value_fn
        self.cfg = cfg
        params = itertools.chain(policy.parameters(), value_fn.parameters())
        self.opt = torch.optim.Adam(params, lr=cfg.lr, eps=1e-5)
        self.max_grad = cfg.max_grad_norm

    def _loss(self, batch):
        dist = self.policy(batch["obs"])
        logp = dist.log_prob(batch["act"])
        ratio = torch.exp(logp - batch["logp_old"])
        clipped = torch.clamp(ratio, 1 - self.cfg.clip, 1 + self.cfg.clip)
        pi_loss = -torch.min(ratio * batch["adv"], clipped * batch["adv"]).mean()
        v_loss = (self.value_fn(batch["obs"]).squeeze(-1) - batch["ret"]).pow(2).mean()
        return pi_loss + self.cfg.vf_coef * v_loss - self.cfg.ent_coef * dist.entropy().mean()

    def _apply_grads(self, loss):
        loss.backward()
        nn.utils.clip_grad_norm_(self.policy.parameters(), self.max_grad)
        nn.utils.clip_grad_norm_(self.value_fn.parameters(), self.max_grad)
        self.opt.step()

    def update(self, rollout):
        n_updates = 0
        epoch = 0
        while epoch < self.cfg.update_epochs:
            for batch in rollout.minibatches(self.cfg.minibatch_size):
                loss = self._loss(batch)
                self._apply_grads(loss)
                n_updates += 1
            epoch += 1
        return n_updates
