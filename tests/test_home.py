import pytest
from django.test import Client, override_settings

from skillframe.frameworks.loading import load_framework
from tests.frameworks.test_loading import make_spec

pytestmark = pytest.mark.django_db


def test_home_lists_frameworks_with_counts(client: Client) -> None:
    load_framework(make_spec())
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tiny" in html
    assert '<td>Statement</td><td class="num">2</td>' in html
    assert '<th scope="row">All elements</th><td class="num">5</td>' in html


def test_home_uses_a_fixed_number_of_queries(client: Client, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    load_framework(make_spec())
    with django_assert_max_num_queries(3):
        client.get("/")


@override_settings(PUBLIC_CATALOGUE=False)
def test_private_catalogue_sends_anonymous_visitors_to_login(client: Client) -> None:
    load_framework(make_spec())
    response = client.get("/")
    assert response.status_code == 302
    assert "login" in response["Location"]
