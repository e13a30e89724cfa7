import torch
import torch.nn.functional as F


class SpeechTrainer:
    def __init__(self, net, loader, args):
        self.net = net
        self.loader = loader
        self.accum_grad = args.accum_grad
        self.opt = torch.optim.Adam(net.parameters(), lr=args.lr, betas=(0.9, 0.98), eps=1e-9)
        self.global_step = 0

    def compute_loss(self, feats, feat_lens, tokens, token_lens):
        log_probs = self.net(feats, feat_lens).log_softmax(-1).transpose(0, 1)
        loss = F.ctc_loss(log_probs, tokens, feat_lens, token_lens, blank=0, zero_infinity=True)
        return loss / self.accum_grad

    def train_epoch(self):
        self.net.train()
        self.opt.zero_grad()
        for batch_idx, (feats, feat_lens, tokens, token_lens) in enumerate(self.loader):
            feats, tokens = feats.cuda(), tokens.cuda()
            loss = self.compute_loss(feats, feat_lens, tokens, token_lens)
            loss.backward()
            if (batch_idx + 1) % self.accum_grad == 0:
                torch.nn.utils.clip_grad_norm_(self.net.parameters(), 5.0)
                self.opt.step()
                self.opt.zero_grad()
                self.global_step += 1
