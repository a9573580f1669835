app_name = "people"
# HR pages for people, units, role profiles and goals are added by people/views_*.py modules.
urlpatterns: list[object] = []
