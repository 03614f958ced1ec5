"""The engine's shared helpers: no calculator lives here.

``fields`` declares and reads form inputs, ``numbers`` is the one number reader for the
whole site (fields, links, the command line and tables), ``render`` turns a report into
HTML, Markdown and CSV (``spreadsheet_text``, the formula guard of every spreadsheet cell),
``text`` holds wording helpers, ``volumes`` reads pasted or uploaded volume tables, ``settings`` the site's configuration (currency),
``refusal`` the exception a computation raises to refuse its inputs, ``ical`` writes
calendars, ``erlang_a`` the queue with abandonment. Calculators import these; these never
import a calculator.
"""
