"""Single sign-on (OpenID Connect) and invitations by e-mail (docs/sso.md)."""
