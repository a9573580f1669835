# Filled in by its owner module; kept as a separate URL module so contexts do not clash.
urlpatterns: list[object] = []
