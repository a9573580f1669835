# Included at "account/tokens/" without a namespace: URL names `tokens` and `token_revoke`.
from django.urls import path

from skillframe.api import token_views

urlpatterns = [
    path("", token_views.tokens, name="tokens"),
    path("<int:pk>/revoke/", token_views.token_revoke, name="token_revoke"),
]
