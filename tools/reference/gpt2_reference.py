#!/usr/bin/env python3
"""Independent reference for Engram's TransformerLM: a GPT-2 written directly in PyTorch with Hugging Face
parameter names (Conv1D weights [in, out]), following the published GPT-2 architecture (pre-LayerNorm blocks,
learned positions, tanh GELU, causal attention, tied output embedding).

Writes into OUT (default src/test/resources/gpt2-ref):
  config.json, model.safetensors  a small random checkpoint in Hugging Face form (with the 'transformer.'
                                  prefix and an lm_head.weight, as GPT2LMHeadModel saves it)
  tokens.txt                      input ids [B, T+1] (inputs = [:, :-1], targets = [:, 1:])
  expected.safetensors            logits [B, T, V], loss [1], and grad.<name> for every parameter
  eval-tokens.txt, eval.json      a 45-token stream and torch's windowed evaluation of it (windows of n_positions
                                  inputs, each predicting the next token; every token after the first predicted once)
  adamw.safetensors               torch.optim.AdamW (lr 1e-2, betas 0.9/0.95, eps 1e-8, weight decay 0.1) after 3
                                  steps from p0 with gradients g1, g2, g3
Usage: /usr/bin/python3 tools/reference/gpt2_reference.py [OUT]   (needs Debian's python3-torch)
"""
import json, math, os, struct, sys
import torch
import torch.nn.functional as F

OUT = sys.argv[1] if len(sys.argv) > 1 else "src/test/resources/gpt2-ref"
CFG = dict(model_type="gpt2", vocab_size=61, n_positions=16, n_embd=32, n_layer=2, n_head=4,
           layer_norm_epsilon=1e-5, activation_function="gelu_new", resid_pdrop=0.0, embd_pdrop=0.0,
           attn_pdrop=0.0, initializer_range=0.02)
B, T = 3, 12


def params(cfg, g):
    d, v, p = cfg["n_embd"], cfg["vocab_size"], cfg["n_positions"]
    w = lambda *s: (torch.randn(*s, generator=g) * 0.2).double()  # larger than GPT-2's init: nontrivial logits
    ps = {"wte.weight": w(v, d), "wpe.weight": w(p, d)}
    for i in range(cfg["n_layer"]):
        h = f"h.{i}."
        ps[h + "ln_1.weight"] = 1 + w(d); ps[h + "ln_1.bias"] = w(d)
        ps[h + "attn.c_attn.weight"] = w(d, 3 * d); ps[h + "attn.c_attn.bias"] = w(3 * d)
        ps[h + "attn.c_proj.weight"] = w(d, d); ps[h + "attn.c_proj.bias"] = w(d)
        ps[h + "ln_2.weight"] = 1 + w(d); ps[h + "ln_2.bias"] = w(d)
        ps[h + "mlp.c_fc.weight"] = w(d, 4 * d); ps[h + "mlp.c_fc.bias"] = w(4 * d)
        ps[h + "mlp.c_proj.weight"] = w(4 * d, d); ps[h + "mlp.c_proj.bias"] = w(d)
    ps["ln_f.weight"] = 1 + w(d); ps["ln_f.bias"] = w(d)
    return ps


def forward(ps, cfg, idx):
    b, t = idx.shape
    d, nh, eps = cfg["n_embd"], cfg["n_head"], cfg["layer_norm_epsilon"]
    hd = d // nh
    x = ps["wte.weight"][idx] + ps["wpe.weight"][:t]
    mask = torch.ones(t, t, dtype=torch.bool).tril()
    for i in range(cfg["n_layer"]):
        h = f"h.{i}."
        a = F.layer_norm(x, (d,), ps[h + "ln_1.weight"], ps[h + "ln_1.bias"], eps)
        qkv = a @ ps[h + "attn.c_attn.weight"] + ps[h + "attn.c_attn.bias"]
        q, k, v = [z.view(b, t, nh, hd).transpose(1, 2) for z in qkv.split(d, dim=2)]
        att = (q @ k.transpose(-2, -1)) / math.sqrt(hd)
        att = att.masked_fill(~mask, float("-inf")).softmax(-1)
        y = (att @ v).transpose(1, 2).reshape(b, t, d)
        x = x + y @ ps[h + "attn.c_proj.weight"] + ps[h + "attn.c_proj.bias"]
        m = F.layer_norm(x, (d,), ps[h + "ln_2.weight"], ps[h + "ln_2.bias"], eps)
        m = F.gelu(m @ ps[h + "mlp.c_fc.weight"] + ps[h + "mlp.c_fc.bias"], approximate="tanh")
        x = x + m @ ps[h + "mlp.c_proj.weight"] + ps[h + "mlp.c_proj.bias"]
    x = F.layer_norm(x, (d,), ps["ln_f.weight"], ps["ln_f.bias"], eps)
    return x @ ps["wte.weight"].t()


def write_safetensors(path, tensors, metadata=None):
    header, offset, blobs = {}, 0, []
    if metadata:
        header["__metadata__"] = metadata
    for name in sorted(tensors):
        data = tensors[name].detach().float().contiguous().numpy().tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    h = json.dumps(header).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))


def main():
    os.makedirs(OUT, exist_ok=True)
    g = torch.Generator().manual_seed(1234)
    ps = params(CFG, g)
    # The reference computes in float64 from float32-rounded parameters, so the expectations are exact for them.
    ps = {k: v.float().double().requires_grad_(True) for k, v in ps.items()}
    ids = torch.randint(0, CFG["vocab_size"], (B, T + 1), generator=g)
    logits = forward(ps, CFG, ids[:, :-1])
    loss = F.cross_entropy(logits.reshape(-1, CFG["vocab_size"]), ids[:, 1:].reshape(-1))
    loss.backward()
    with open(os.path.join(OUT, "config.json"), "w") as f:
        json.dump(CFG, f, indent=2)
    saved = {"transformer." + k: v for k, v in ps.items()}
    saved["lm_head.weight"] = ps["wte.weight"]
    write_safetensors(os.path.join(OUT, "model.safetensors"), saved, {"format": "pt"})
    with open(os.path.join(OUT, "tokens.txt"), "w") as f:
        for row in ids.tolist():
            f.write(" ".join(map(str, row)) + "\n")
    expected = {"logits": logits, "loss": loss.reshape(1)}
    expected.update({"grad." + k: v.grad for k, v in ps.items()})
    write_safetensors(os.path.join(OUT, "expected.safetensors"), expected)
    # Windowed evaluation, as `engram eval` defines it.
    stream = torch.randint(0, CFG["vocab_size"], (45,), generator=g)
    P, total, count = CFG["n_positions"], 0.0, 0
    with torch.no_grad():
        for start in range(0, len(stream) - 1, P):
            x = stream[start:start + P]
            y = stream[start + 1:start + P + 1]
            x = x[:len(y)]
            lg = forward(ps, CFG, x.unsqueeze(0))[0]
            total += F.cross_entropy(lg, y, reduction="sum").item()
            count += len(y)
    with open(os.path.join(OUT, "eval-tokens.txt"), "w") as f:
        f.write(" ".join(map(str, stream.tolist())) + "\n")
    with open(os.path.join(OUT, "eval.json"), "w") as f:
        json.dump({"tokens": count, "loss": total / count, "perplexity": math.exp(total / count)}, f, indent=2)
    # AdamW: three steps with given gradients.
    p0 = torch.randn(4, 5, generator=g)
    grads = [torch.randn(4, 5, generator=g) for _ in range(3)]
    p = p0.clone().requires_grad_(True)
    opt = torch.optim.AdamW([p], lr=1e-2, betas=(0.9, 0.95), eps=1e-8, weight_decay=0.1)
    for gr in grads:
        p.grad = gr.clone()
        opt.step()
    write_safetensors(os.path.join(OUT, "adamw.safetensors"),
                      {"p0": p0, "g1": grads[0], "g2": grads[1], "g3": grads[2], "p3": p.detach()})
    print(f"wrote {OUT}: loss {loss.item():.6f}, windowed eval loss {total / count:.6f} over {count} tokens")


if __name__ == "__main__":
    main()
