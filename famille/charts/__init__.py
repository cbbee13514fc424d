"""Family charts: which people a chart shows (pure selection), how it is drawn (DOT), rendered and cached.

:mod:`famille.charts.graph` and :mod:`famille.charts.dot` are pure; :mod:`famille.charts.loading` reads the
database (by frontier, never the whole tree except for the whole-family chart); :mod:`famille.charts.services`
puts them together for a viewer, and :mod:`famille.charts.render` runs the real ``dot``.
"""
