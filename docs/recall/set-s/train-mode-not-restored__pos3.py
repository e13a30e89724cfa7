import torch


def train_lm(lm, batches, opt, tokenizer, total_steps, sample_every=1000, prompt="Once upon a time"):
    lm.train()
    step = 0
    data = iter(batches)
    while step < total_steps:
        input_ids = next(data).cuda(non_blocking=True)
        out = lm(input_ids=input_ids, labels=input_ids)
        opt.zero_grad(set_to_none=True)
        out.loss.backward()
        torch.nn.utils.clip_grad_norm_(lm.parameters(), 1.0)
        opt.step()
        step += 1

        if step % sample_every == 0:
            lm.eval()
            ids = tokenizer(prompt, return_tensors="pt").input_ids.cuda()
            with torch.no_grad():
                gen = lm.generate(ids, max_new_tokens=64, do_sample=True, top_p=0.9)
            print(f"[{step}] loss={out.loss.item():.3f}")
            print(tokenizer.decode(gen[0], skip_special_tokens=True))
    return lm
