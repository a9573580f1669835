"""The site around the apps: navigation, the persona home page, branded error pages.

It sits in the wiring layer (with `urls`): it names every app's pages, so no app may import it.
"""
