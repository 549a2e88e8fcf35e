"""The REST API for supervisors and operators, as an aiohttp sub-application.

bodies.py    request bodies (pydantic), validated at the edge
routes.py    the route x role x reach table and the middleware that enforces it
handlers.py  what each route does, within the caller's reach
reports.py   the usage report
"""
