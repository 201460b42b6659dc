"""``frontlines serve``: a JSON API and a web app over the event store, in one local process.

``create_app(db=...)`` builds the ASGI app (``app.py``); routes are in ``api.py``,
the extra read queries in ``queries.py``, headers and limits in ``security.py``.
Needs the ``serve`` extra (Starlette, uvicorn).
"""
