"""Where the organisation views read "what is known" per person × element: one SQL source.

`current_sql()` selects, for every person and element with a rating, the columns the
aggregates use: person_id, element_id, best_level, best_competence (validated, else self),
validated_level, validated_competence, is_validated, validated_by_id, validated_source,
self_level,
self_competence, next_review_on. Every query of `queries.py` reads it as a derived table, so
the source can change in one place.
"""

from __future__ import annotations

from django.apps import apps


def _table(model: str, field: str = "") -> str:
    meta = apps.get_model("assessments", model)._meta
    return str(meta.get_field(field).column if field else meta.db_table)


def current_sql(as_of: bool = False) -> str:
    """The current ratings: the maintained table `assessments.LatestRating` (one row per person
    and element, refreshed with every rating), or with `as_of` the history (`history_sql`)."""
    if as_of:
        return history_sql()
    t = _table("LatestRating")
    return (
        "SELECT person_id, element_id, best_level, best_competence, validated_level, "
        "validated_competence, CASE WHEN is_validated THEN 1 ELSE 0 END AS is_validated, "
        "validated_by_id, validated_source, self_level, self_competence, next_review_on "
        f"FROM {t}"
    )


def history_sql(where: str = "") -> str:
    """The ratings as they stood before a moment (its one parameter: trends use a cycle's end),
    derived from the append-only history with a window function: the newest rating per person,
    element and kind of source (validated: manager or assessor; self; import, which stands in
    only where nothing else is known). `where`: more conditions on the ratings (" AND …")."""
    rating = _table("Rating")
    before = f" WHERE created_at < %s{where}"
    ranked = (
        "SELECT person_id, element_id, level, competence, rater_id, source, next_review_on, "
        "CASE WHEN source IN ('manager', 'assessor') THEN 'v' "
        "WHEN source = 'self' THEN 's' ELSE 'i' END AS kind, "
        "ROW_NUMBER() OVER (PARTITION BY person_id, element_id, "
        "CASE WHEN source IN ('manager', 'assessor') THEN 'v' "
        "WHEN source = 'self' THEN 's' ELSE 'i' END "
        f"ORDER BY created_at DESC, id DESC) AS newest FROM {rating}{before}"
    )
    pick = "MAX(CASE WHEN kind = '{k}' THEN {c} END)"

    def col(kind: str, column: str) -> str:
        return pick.format(k=kind, c=column)

    return (
        "SELECT person_id, element_id, "
        f"COALESCE({col('v', 'level')}, {col('s', 'level')}, {col('i', 'level')}) AS best_level, "
        f"COALESCE({col('v', 'competence')}, {col('s', 'competence')}, "
        f"{col('i', 'competence')}) AS best_competence, "
        f"{col('v', 'level')} AS validated_level, "
        f"{col('v', 'competence')} AS validated_competence, "
        "MAX(CASE WHEN kind = 'v' THEN 1 ELSE 0 END) AS is_validated, "
        f"{col('v', 'rater_id')} AS validated_by_id, "
        f"{col('v', 'source')} AS validated_source, "
        f"{col('s', 'level')} AS self_level, "
        f"{col('s', 'competence')} AS self_competence, "
        f"{col('v', 'next_review_on')} AS next_review_on "
        f"FROM ({ranked}) ranked WHERE newest = 1 GROUP BY person_id, element_id"
    )
