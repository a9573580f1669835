"""Typed input fields of the API schemas, bounded by `skillframe.inputs` (no __future__ import:
ninja reads these annotations at run time).

The bounds are in the OpenAPI document (maxLength, minimum, maximum), so clients and Schemathesis
see them, and pydantic refuses a value past them with a 422 naming the field. Control characters
in any string are refused before, by `http.InputGuardMiddleware`. Levels are strict integers:
`true` is not level 1. Weights are finite: JSON's `1e999` (infinity) and `NaN` are refused
(by the domain's check, in the HR pages' words).
"""

from typing import Annotated

from pydantic import Field, StrictInt

from skillframe.inputs import (
    COMMENT_MAX,
    DESCRIPTION_MAX,
    LEVEL_MAX,
    LINK_MAX,
    NOTE_MAX,
    TITLE_MAX,
    WEIGHT_MAX,
)

Code = Annotated[str, Field(max_length=128)]  # an element, unit or role code; a slug
Title = Annotated[str, Field(max_length=TITLE_MAX)]
Comment = Annotated[str, Field(max_length=COMMENT_MAX)]
Note = Annotated[str, Field(max_length=NOTE_MAX)]
Description = Annotated[str, Field(max_length=DESCRIPTION_MAX)]
Link = Annotated[str, Field(max_length=LINK_MAX)]
Level = Annotated[StrictInt, Field(ge=0, le=LEVEL_MAX)]
# Checked by the domain (`people.models.check_weight`), so the API answers in the words of the
# HR pages, each problem of a requirement under its field at once; the bounds are documented.
Weight = Annotated[float, Field(description=f"greater than 0, at most {WEIGHT_MAX:g}, finite")]
