"""Conditional GET for catalogue reads: an `ETag` on every answer, 304 to `If-None-Match`.

The catalogue changes rarely (an import or an edit) and is read by scripts over and over: with
the ETag a client re-reads a framework only when it changed. The tag is Django's, a hash of the
body (ConditionalGetMiddleware as a view decorator), so it changes exactly when the JSON does.
Use: `@decorate_view(conditional)` under the operation's decorator.
"""

from __future__ import annotations

from django.views.decorators.http import conditional_page

conditional = conditional_page
