"""What the fork server loads before it forks any worker (`run.start_method = "forkserver"`).

Importing this module loads the default settings' models, lexicons and grammars into the fork
server's process once; every worker forked from it starts with them in memory (shared with the
server until written). A run with other NER settings loads its own in each worker, as with spawn.
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)


def warm() -> None:
    """Load what a worker needs; a failure is left for the workers, which report it in the run."""
    from .run import worker_models
    from .settings import load_settings

    try:
        worker_models(load_settings())
    except Exception as err:  # noqa: BLE001 - the fork server must start; each worker then loads and fails itself
        log.warning("fork server: models not preloaded: %r", err)


warm()
