"""The top of the layers: the demo organisation and `skillframe serve`.

Loading a demo organisation needs every context (people, role profiles, cycles, ratings,
notifications), so it lives here, above them all, instead of inside one of them
(docs/layers.md). Nothing in another app imports this package.
"""
