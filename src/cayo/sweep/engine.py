"""Where a sweep runs: a `dask.distributed` cluster, either a LocalCluster on this machine's
cores that cayo starts and stops, or an existing cluster reached at ``--scheduler ADDRESS``
(``dask scheduler`` on one machine, ``dask worker ADDRESS`` on each of the others)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from cayo.errors import CayoError

log = logging.getLogger("cayo")


@dataclass(frozen=True)
class Engine:
    """A connected Dask client and what the user should know of it.

    Attributes
    ----------
    client : the `distributed.Client`.
    workers : worker processes (threads: one each for a LocalCluster).
    where : "local" or the scheduler's address.
    dashboard : Dask's dashboard address, when the cluster serves one (needs bokeh).
    """

    client: Any
    workers: int
    where: str
    dashboard: str | None


def local_workers(workers: int | None) -> int:
    """Worker processes of a LocalCluster: `workers`, or one per core this process may use."""
    from cayo.phases import spare_cores

    return workers if workers is not None else spare_cores() + 1


def _dashboard(client: Any) -> str | None:
    try:
        import bokeh  # noqa: F401  # Dask serves its dashboard only with bokeh installed
    except ImportError:
        return None
    link = client.dashboard_link
    return str(link) if link else None


@contextmanager
def engine(scheduler: str | None = None, workers: int | None = None) -> Iterator[Engine]:
    """A Dask client: on `scheduler` (an address such as ``tcp://10.0.0.5:8786``), or on a
    LocalCluster of `workers` single-threaded processes, closed on exit."""
    from distributed import Client, LocalCluster

    if scheduler is not None:
        try:
            client = Client(scheduler, timeout="10s")
        except (OSError, TimeoutError, ValueError) as exc:
            raise CayoError(
                f"cannot reach the Dask scheduler at {scheduler} ({type(exc).__name__}: "
                f"{str(exc).splitlines()[0] if str(exc) else 'no answer'}); start one with "
                "`dask scheduler` and workers with `dask worker ADDRESS`, or leave out "
                "--scheduler to run on this machine"
            ) from None
        try:
            client.wait_for_workers(1, timeout=60)
        except (OSError, TimeoutError) as exc:
            client.close()
            raise CayoError(
                f"the Dask scheduler at {scheduler} has no worker ({exc}); start one with "
                f"`dask worker {scheduler}`"
            ) from None
        try:
            n = len(client.scheduler_info()["workers"])
            yield Engine(client, n, scheduler, _dashboard(client))
        finally:
            client.close()
        return
    n = local_workers(workers)
    cluster = LocalCluster(
        n_workers=n,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",
        silence_logs=logging.ERROR,
    )
    client = Client(cluster)
    try:
        yield Engine(client, n, "local", _dashboard(client))
    finally:
        client.close()
        cluster.close()


def run_all(
    eng: Engine,
    fn: Callable[..., Any],
    items: Iterable[Any],
    names: list[str],
    prefix: str,
    on_done: Callable[[str, Any, str | None], None],
    **shared: Any,
) -> None:
    """Run `fn(item, **shared)` for every item on the cluster (task keys `prefix-name`);
    `on_done(name, result, error)` as each ends, in the order they end (error: why a task could
    not run, e.g. its worker died). `shared` values are sent to every worker once."""
    from distributed import as_completed

    client = eng.client
    sent = {
        name: value if value is None else client.scatter(value, broadcast=True, hash=False)
        for name, value in shared.items()
    }
    keys = [f"{prefix}-{n}" for n in names]
    futures = client.map(fn, list(items), key=keys, pure=False, **sent)
    by_key = {f.key: n for f, n in zip(futures, names, strict=True)}
    try:
        for fut in as_completed(futures):
            key = by_key[fut.key]
            if fut.status == "finished":
                on_done(key, fut.result(), None)
            else:
                exc = fut.exception()
                on_done(key, None, f"{type(exc).__name__}: {exc}")
            fut.release()
    finally:
        for fut in futures:
            fut.cancel()
