"""Settings per environment: ``local`` (default), ``production``, ``test``.

``base`` wires Django together; every value an operator may change is read from the environment in
``tuksuk.settings.env`` and documented in the README's configuration table.
"""
