"""A person's rights over their data: export of everything about them, erasure, retention periods.

Every app holding personal data registers a :class:`registry.Holder` in its ``AppConfig.ready()``:
accounts sits below those apps and never imports them, the apps come to it.
"""
