"""Static word vectors built here, from the framework text and the shipped lexicon.

PURE Python + numpy. A term × passage matrix (tf-idf) of the framework passages, plus one
pseudo-passage per lexicon entry (an everyday word beside the framework words it means), is
reduced by a seeded randomised SVD: words that occur in the same passages, or that the lexicon
joins, get near vectors. A text's vector is the idf-weighted mean of its words' vectors. No
download, no model file: the "weights" are the framework text and `lexicon.py`, rebuilt with
the index.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

DIMENSIONS = 160
_SEED = 20261207


class WordVectors:
    def __init__(self, documents: Sequence[Sequence[str]], dimensions: int = DIMENSIONS) -> None:
        vocabulary: dict[str, int] = {}
        for document in documents:
            for token in document:
                vocabulary.setdefault(token, len(vocabulary))
        self.vocabulary = vocabulary
        n_terms, n_docs = len(vocabulary), len(documents)
        counts = np.zeros((n_terms, n_docs), dtype=np.float32)
        for column, document in enumerate(documents):
            for token in document:
                counts[vocabulary[token], column] += 1.0
        df = (counts > 0).sum(axis=1)
        self.idf = np.log((1 + n_docs) / (1 + df)).astype(np.float32) + 1.0
        weighted = np.log1p(counts) * self.idf[:, None]
        weighted /= np.linalg.norm(weighted, axis=0, keepdims=True) + 1e-9
        self.vectors = _word_vectors(weighted, min(dimensions, n_terms - 1, n_docs - 1))

    def embed(self, tokens: Sequence[str]) -> np.ndarray:
        """Unit vector of a text (zero when none of its words is known)."""
        rows = [self.vocabulary[t] for t in tokens if t in self.vocabulary]
        out = np.zeros(self.vectors.shape[1], dtype=np.float32)
        if rows:
            idx = np.array(rows)
            out = (self.vectors[idx] * self.idf[idx, None]).sum(axis=0)
        norm = float(np.linalg.norm(out))
        return out / norm if norm > 0 else out

    def embed_many(self, documents: Sequence[Sequence[str]]) -> np.ndarray:
        return np.vstack([self.embed(d) for d in documents]).astype(np.float32)


def _word_vectors(matrix: np.ndarray, k: int) -> np.ndarray:
    """Rows of U·sqrt(S) from a seeded randomised SVD (Halko et al.), unit length."""
    rng = np.random.default_rng(_SEED)
    probe = rng.standard_normal((matrix.shape[1], k + 10)).astype(np.float32)
    basis, _ = np.linalg.qr(matrix @ probe)
    for _ in range(2):  # power iterations sharpen the leading directions
        basis, _ = np.linalg.qr(matrix @ (matrix.T @ basis))
    small = basis.T @ matrix
    u_small, s, _vt = np.linalg.svd(small, full_matrices=False)
    u = (basis @ u_small)[:, :k] * np.sqrt(s[:k])
    u /= np.linalg.norm(u, axis=1, keepdims=True) + 1e-9
    out: np.ndarray = u.astype(np.float32)
    return out
