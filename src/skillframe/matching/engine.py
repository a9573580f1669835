"""Suggestions from free text: ranked skills/standards (or their items) with evidence spans.

PURE Python + numpy + bm25s (no Django). `Matcher(specs)` indexes the frameworks once; `suggest`
answers one text. Method (docs/matching.md): each segment of the input (sentence, line, bullet)
is scored against every framework passage by BM25 (bm25s, Snowball stems, query expanded with
the lexicon) and by the cosine of static word vectors (vectors.py); the two are fused per
passage, passages roll up to their skill/standard by the best one (weighted by what the passage
is), and a skill's score is its best segment's plus a share of the whole text's.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

import bm25s
import numpy as np

from skillframe.frameworks.kinds import ElementKind
from skillframe.frameworks.spec import FrameworkSpec
from skillframe.matching.aliases import ALIASES
from skillframe.matching.inputcheck import check_text
from skillframe.matching.lexicon import LEXICON
from skillframe.matching.passages import ALIAS, Passage, passages_of
from skillframe.matching.text import Segment, segments, tokens
from skillframe.matching.vectors import WordVectors

# bm25s gives its logger a handler at DEBUG and says "Building index from tokens" on stderr.
logging.getLogger("bm25s").setLevel(logging.WARNING)


@dataclass(frozen=True)
class Weights:
    """Fusion weights, tuned on the dev split only (bench/suggest_eval.py)."""

    lexical: float = 0.6  # passage score: BM25 share …
    dense: float = 0.4  # … and word-vector cosine share
    expansion: float = 0.3  # an expanded word counts this much of a word the text says
    whole_text: float = (
        0.1  # share of the passage part from the text as a whole, beside its best segment
    )
    passage: float = 0.5  # owner score: best passage …
    document: float = 0.2  # … BM25 of all its text as one document …
    centroid: float = 0.3  # … and cosine with the mean vector of its text
    span_ratio: float = 0.75  # a segment supports a suggestion when it reaches this share of it


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str
    matched: str
    matched_code: str

    def as_dict(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "text": self.text, "matched": self.matched}


@dataclass(frozen=True)
class Suggestion:
    framework: str
    code: str
    title: str
    kind: str
    score: float
    spans: tuple[Span, ...]
    level: int | None = None  # AXELOS: the likely level, from the level statements
    criteria: tuple[tuple[str, str, float], ...] = field(default=())  # NOS: (code, text, score)
    owner: str | None = None  # --items: the skill/standard the item belongs to

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "framework": self.framework,
            "code": self.code,
            "title": self.title,
            "kind": self.kind,
            "score": round(self.score, 4),
            "spans": [span.as_dict() for span in self.spans],
        }
        if self.level is not None:
            out["level"] = self.level
        if self.criteria:
            out["criteria"] = [
                {"code": code, "text": text, "score": round(score, 4)}
                for code, text, score in self.criteria
            ]
        if self.owner is not None:
            out["owner"] = self.owner
        return out


class Matcher:
    def __init__(self, specs: Sequence[FrameworkSpec], weights: Weights | None = None) -> None:
        self.weights = weights or Weights()
        self.passages: list[Passage] = [
            p for spec in specs for p in passages_of(spec, ALIASES.get(spec.slug))
        ]
        self.frameworks = tuple(spec.slug for spec in specs)
        passage_tokens = [tokens(p.text) for p in self.passages]
        self._lexicon = {
            word_tokens[0]: tokens(targets)
            for word, targets in LEXICON.items()
            if len(word_tokens := tokens(word)) == 1
        }
        lexicon_docs = [[word, *targets] for word, targets in self._lexicon.items()]
        self.vectors = WordVectors([*passage_tokens, *lexicon_docs])
        self._passage_vectors = self.vectors.embed_many(passage_tokens)
        self._bm25 = bm25s.BM25()
        self._bm25.index(passage_tokens, show_progress=False)
        self.vocabulary = frozenset(t for doc in passage_tokens for t in doc) | frozenset(
            self._lexicon
        )
        self._weights = np.array([p.weight for p in self.passages], dtype=np.float32)
        owners = sorted({(p.framework, p.owner) for p in self.passages})
        self._owner_index = {owner: i for i, owner in enumerate(owners)}
        self._owners = owners
        self._passage_owner = np.array(
            [self._owner_index[(p.framework, p.owner)] for p in self.passages]
        )
        self._owner_info = {
            (p.framework, p.owner): (p.owner_title, p.owner_kind) for p in self.passages
        }
        self._framework_of_owner = np.array([fw for fw, _ in owners])
        owner_docs: list[list[str]] = [[] for _ in owners]
        for passage_index, toks in enumerate(passage_tokens):
            owner_docs[self._passage_owner[passage_index]].extend(toks)
        self._owner_bm25 = bm25s.BM25()
        self._owner_bm25.index(owner_docs, show_progress=False)
        centroids = self.vectors.embed_many(owner_docs)
        self._centroids = centroids
        self._shown = np.array([p.kind != ALIAS for p in self.passages])

    # -- scoring ---------------------------------------------------------------------------

    def _passage_scores(self, text_tokens: list[str]) -> np.ndarray:
        """Fused score of every passage for one piece of text, in [0, 1]."""
        if not text_tokens:
            return np.zeros(len(self.passages), dtype=np.float32)
        lexical = np.asarray(self._bm25.get_scores(text_tokens), dtype=np.float32)
        expanded = [t for token in text_tokens for t in self._lexicon.get(token, ())]
        if expanded:
            lexical = lexical + self.weights.expansion * np.asarray(
                self._bm25.get_scores(expanded), dtype=np.float32
            )
        top = float(lexical.max())
        lexical = lexical / top if top > 0 else lexical
        query = self.vectors.embed([*text_tokens, *expanded])
        dense = np.clip(_dot(self._passage_vectors, query), 0.0, 1.0)
        fused = self.weights.lexical * lexical + self.weights.dense * dense
        out: np.ndarray = (fused * self._weights).astype(np.float32)
        return out

    def _owner_scores(self, text_tokens: list[str]) -> np.ndarray:
        """Per owner: BM25 of all its text as one document, and cosine with its centroid."""
        w = self.weights
        if not text_tokens:
            return np.zeros(len(self._owners), dtype=np.float32)
        lexical = np.asarray(self._owner_bm25.get_scores(text_tokens), dtype=np.float32)
        expanded = [t for token in text_tokens for t in self._lexicon.get(token, ())]
        if expanded:
            lexical = lexical + w.expansion * np.asarray(
                self._owner_bm25.get_scores(expanded), dtype=np.float32
            )
        top = float(lexical.max())
        lexical = lexical / top if top > 0 else lexical
        dense = np.clip(_dot(self._centroids, self.vectors.embed([*text_tokens, *expanded])), 0, 1)
        out: np.ndarray = (w.document * lexical + w.centroid * dense).astype(np.float32)
        return out

    def _owner_best(self, passage_scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per owner: best passage score and the index of that passage."""
        order = np.lexsort((passage_scores, self._passage_owner))
        owners_sorted = self._passage_owner[order]
        last = np.r_[np.nonzero(np.diff(owners_sorted))[0], len(order) - 1]
        best_passage = order[last]
        return passage_scores[best_passage], best_passage

    # -- answering -------------------------------------------------------------------------

    def suggest(
        self,
        text: str,
        framework: str | None = None,
        limit: int = 5,
        items: bool = False,
    ) -> list[Suggestion]:
        check_text(text, self.vocabulary)
        parts = segments(text)
        part_tokens = [tokens(part.text) for part in parts]
        whole = [t for toks in part_tokens for t in toks]
        per_part = [self._passage_scores(toks) for toks in part_tokens]
        overall = self._passage_scores(whole) if len(parts) > 1 else per_part[0]
        mask = self._framework_mask(framework)
        if items:
            return self._items(parts, per_part, overall, mask, limit)
        whole_best, _ = self._owner_best(overall)
        part_best = [self._owner_best(scores) for scores in per_part]
        best = np.max(np.vstack([b for b, _ in part_best]), axis=0)
        w = self.weights
        owner_scores = w.passage * ((1 - w.whole_text) * best + w.whole_text * whole_best)
        owner_scores = owner_scores + self._owner_scores(whole)
        # What a span shows as matched is framework text, never an alias line.
        part_best = [self._owner_best(np.where(self._shown, sc, -1.0)) for sc in per_part]
        owner_scores = np.where(mask[1], owner_scores, -1.0)
        ranked = np.argsort(-owner_scores, kind="stable")[:limit]
        out = []
        for owner in ranked:
            if owner_scores[owner] <= 0:
                break
            out.append(
                self._owner_suggestion(
                    int(owner), float(owner_scores[owner]), parts, per_part, part_best, overall
                )
            )
        return out

    def _framework_mask(self, framework: str | None) -> tuple[np.ndarray, np.ndarray]:
        if framework is None:
            return (
                np.ones(len(self.passages), dtype=bool),
                np.ones(len(self._owners), dtype=bool),
            )
        passages = np.array([p.framework == framework for p in self.passages])
        return passages, self._framework_of_owner == framework

    def _owner_suggestion(
        self,
        owner: int,
        score: float,
        parts: list[Segment],
        per_part: list[np.ndarray],
        part_best: list[tuple[np.ndarray, np.ndarray]],
        overall: np.ndarray,
    ) -> Suggestion:
        framework, code = self._owners[owner]
        title, kind = self._owner_info[(framework, code)]
        top = max(scores[owner] for scores, _ in part_best)
        spans = []
        for part, (scores, passages) in zip(parts, part_best, strict=True):
            if top > 0 and scores[owner] >= self.weights.span_ratio * top:
                matched = self.passages[int(passages[owner])]
                spans.append(Span(part.start, part.end, part.text, matched.text, matched.code))
        mine = np.nonzero(self._passage_owner == owner)[0]
        level = None
        criteria: tuple[tuple[str, str, float], ...] = ()
        if kind == ElementKind.SKILL:
            level = self._likely_level(mine, overall)
        elif kind == ElementKind.UNIT:
            criteria = self._matching_items(mine, per_part)
        return Suggestion(framework, code, title, str(kind), score, tuple(spans), level, criteria)

    def _likely_level(self, mine: np.ndarray, overall: np.ndarray) -> int | None:
        """The level whose statements the text matches best (mean of its best two)."""
        by_level: dict[int, list[float]] = {}
        for index in mine:
            passage = self.passages[int(index)]
            if passage.level is not None:
                by_level.setdefault(passage.level, []).append(float(overall[index]))
        if not by_level:
            return None
        means = {lvl: float(np.mean(sorted(s, reverse=True)[:2])) for lvl, s in by_level.items()}
        return max(sorted(means), key=lambda lvl: means[lvl])

    def _matching_items(
        self, mine: np.ndarray, per_part: list[np.ndarray]
    ) -> tuple[tuple[str, str, float], ...]:
        """The unit's criteria and knowledge items that some segment matches best, best first."""
        item_kinds = (ElementKind.CRITERION, ElementKind.KNOWLEDGE_ITEM)
        items = [int(i) for i in mine if self.passages[int(i)].kind in item_kinds]
        if not items:
            return ()
        best = np.max(np.vstack([scores[items] for scores in per_part]), axis=0)
        order = np.argsort(-best)[:3]
        return tuple(
            (self.passages[items[i]].code, self.passages[items[i]].text, float(best[i]))
            for i in order
            if best[i] > 0
        )

    def _items(
        self,
        parts: list[Segment],
        per_part: list[np.ndarray],
        overall: np.ndarray,
        mask: tuple[np.ndarray, np.ndarray],
        limit: int,
    ) -> list[Suggestion]:
        item_kinds = {ElementKind.CRITERION, ElementKind.KNOWLEDGE_ITEM, ElementKind.STATEMENT}
        eligible = mask[0] & np.array([p.kind in item_kinds for p in self.passages])
        stacked = np.vstack(per_part)
        best = np.max(stacked, axis=0)
        w = self.weights.whole_text
        scores = np.where(eligible, (1 - w) * best + w * overall, -1.0)
        out = []
        for index in np.argsort(-scores, kind="stable")[:limit]:
            if scores[index] <= 0:
                break
            passage = self.passages[int(index)]
            column = stacked[:, index]
            spans = tuple(
                Span(part.start, part.end, part.text, passage.text, passage.code)
                for part, value in zip(parts, column, strict=True)
                if value >= self.weights.span_ratio * float(column.max()) and value > 0
            )
            out.append(
                Suggestion(
                    passage.framework,
                    passage.code,
                    passage.text,
                    passage.kind,
                    float(scores[index]),
                    spans,
                    level=passage.level,
                    owner=passage.owner,
                )
            )
        return out


def _dot(matrix: np.ndarray, vector: np.ndarray) -> np.ndarray:
    """matrix @ vector without BLAS: a multi-threaded BLAS call per query, on a busy 2-core
    server, took 5-30 ms where this takes under 1 ms (measured by bench/suggest_eval.py)."""
    out: np.ndarray = np.einsum("ij,j->i", matrix, vector)
    return out
