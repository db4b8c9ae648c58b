"""crosscheck: compare how several news outlets cover the same story.

The pipeline, one package or module per stage::

    load (crosscheck.load)  ->  extract (crosscheck.extract)  ->  align (crosscheck.align)
        ->  score (crosscheck.score)  ->  render (crosscheck.render)

``crosscheck.pipeline.compare`` runs it end to end; ``crosscheck.cli`` is a thin layer on top.
"""

__version__ = "0.1.0"
