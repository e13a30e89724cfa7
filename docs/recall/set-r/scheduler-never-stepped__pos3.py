import torch
from torch.optim.lr_scheduler import ExponentialLR


def build_optim(cfg, net):
    opt = torch.optim.RMSprop(net.parameters(), lr=cfg.lr, alpha=0.99, eps=1e-5)
    sched = ExponentialLR(opt, gamma=cfg.lr_gamma)
    return opt, sched


def a2c_update(actor_critic, opt, rollouts, cfg):
    values, log_probs, entropy = actor_critic.evaluate(rollouts.obs, rollouts.actions)
    advantages = rollouts.returns - values
    value_loss = advantages.pow(2).mean()
    policy_loss = -(advantages.detach() * log_probs).mean()
    loss = policy_loss + cfg.value_coef * value_loss - cfg.entropy_coef * entropy.mean()
    opt.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(actor_critic.parameters(), cfg.max_grad_norm)
    opt.step()
    return value_loss.item(), policy_loss.item()


def learn(actor_critic, envs, rollouts, cfg):
    opt, sched = build_optim(cfg, actor_critic)
    obs = envs.reset()
    rollouts.obs[0].copy_(obs)
    for update in range(cfg.num_updates):
        for step in range(cfg.num_steps):
            with torch.no_grad():
                value, action, log_prob = actor_critic.act(rollouts.obs[step])
            obs, reward, done, _ = envs.step(action)
            rollouts.insert(obs, action, log_prob, value, reward, done)
        with torch.no_grad():
            next_value = actor_critic.get_value(rollouts.obs[-1])
        rollouts.compute_returns(next_value, cfg.gamma)
        v_loss, p_loss = a2c_update(actor_critic, opt, rollouts, cfg)
        rollouts.after_update()
        if update % cfg.log_interval == 0:
            print(f"update {update}: value {v_loss:.3f} policy {p_loss:.3f}")
