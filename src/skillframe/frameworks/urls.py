from django.urls import path

from skillframe.frameworks import exchange_views, views

app_name = "frameworks"
urlpatterns = [
    # "/" is the site's home page (skillframe.web.views.home): the catalogue for visitors.
    path("frameworks/", views.home, name="home"),
    path("search/", views.search_page, name="search"),
    path("frameworks/import/", exchange_views.import_page, name="import"),
    path("frameworks/<slug:slug>/", views.framework_detail, name="framework"),
    path(
        "frameworks/<slug:slug>/export/<str:format_name>/",
        exchange_views.download,
        name="download",
    ),
    path("frameworks/<slug:slug>/<elementcode:code>/", views.element_detail, name="element"),
    path(
        "frameworks/<slug:slug>/<elementcode:code>/compare/", views.compare_levels, name="compare"
    ),
]
