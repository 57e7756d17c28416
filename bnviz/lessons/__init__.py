"""One package per page, each holding all of that page's own code.

Every lesson has the same parts, where they apply: ``settings.py`` (its URL-carried
settings), the computation, ``view.py`` (settings in, one frozen result out), ``figures.py``
(figure dicts from results) and ``text.py`` (sentences from results). Lessons never import
each other; what two of them share lives in :mod:`bnviz.lessons.common`, :mod:`bnviz.plotting`
or :mod:`bnviz.core`.
"""
