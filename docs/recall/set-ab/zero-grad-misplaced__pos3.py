import itertools

import torch
import torch.nn.functional as F

from envs import make_vec_env
from agents import ActorCritic


def train(args):
    env = make_vec_env(args.env_id, n_envs=args.n_envs)
    policy = ActorCritic(env.observation_space.shape[0], env.action_space.n).to(args.device)
    rms = torch.optim.RMSprop(policy.parameters(), lr=args.lr, alpha=0.99, eps=1e-5)

    obs = torch.as_tensor(env.reset(), device=args.device)
    update = 0
    while update < args.num_updates:
        log_probs, values, rewards, masks, entropies = [], [], [], [], []
        for _ in range(args.n_steps):
            dist, value = policy(obs)
            action = dist.sample()
            next_obs, reward, done, _ = env.step(action.cpu().numpy())
            log_probs.append(dist.log_prob(action))
            entropies.append(dist.entropy())
            values.append(value.squeeze(-1))
            rewards.append(torch.as_tensor(reward, device=args.device, dtype=torch.float32))
            masks.append(torch.as_tensor(1.0 - done, device=args.device, dtype=torch.float32))
            obs = torch.as_tensor(next_obs, device=args.device)

        with torch.no_grad():
            _, ret = policy(obs)
            ret = ret.squeeze(-1)
        returns = []
        for r, m in zip(reversed(rewards), reversed(masks)):
            ret = r + args.gamma * ret * m
            returns.insert(0, ret)

        returns = torch.stack(returns)
        values = torch.stack(values)
        advantage = returns - values
        actor_loss = -(torch.stack(log_probs) * advantage.detach()).mean()
        critic_loss = F.mse_loss(values, returns)
        entropy = torch.stack(entropies).mean()
        loss = actor_loss + args.value_coef * critic_loss - args.ent_coef * entropy

        loss.backward()
        torch.nn.utils.clip_grad_norm_(policy.parameters(), args.max_grad_norm)
        rms.step()
        update += 1
        if update % args.log_every == 0:
            print(f"update {update} loss {loss.item():.3f} entropy {entropy.item():.3f}")
