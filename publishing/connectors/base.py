"""The connector interface: what Pauta asks of a channel that publishes by itself.

A connector gets a publication (its approved text and schedule) and answers a ``Result``:
the remote id, the address, the remote status. Errors raise ``ConnectorError`` with a
sentence a person can read; nothing of Pauta's state changes on an error.
"""

from dataclasses import dataclass, field


class ConnectorError(Exception):
    """The channel refused or could not be reached (the message says which)."""


@dataclass
class Result:
    remote_id: str = ""
    url: str = ""
    status: str = ""  # scheduled, published, unpublished, missing
    answer: dict = field(default_factory=dict)


class Connector:
    """Create/schedule, update, unpublish and fetch the status of one channel's post."""

    def __init__(self, config):
        self.config = config  # the ChannelConnector row

    def schedule(self, publication) -> Result:
        raise NotImplementedError

    def update(self, publication, remote) -> Result:
        raise NotImplementedError

    def unpublish(self, publication, remote) -> Result:
        raise NotImplementedError

    def fetch_status(self, publication, remote) -> Result:
        raise NotImplementedError


REGISTRY: dict[str, type[Connector]] = {}


def register(kind: str):
    def decorate(cls):
        REGISTRY[kind] = cls
        return cls
    return decorate


def connector_for(config) -> Connector | None:
    """The connector of a channel's settings (None: manual)."""
    if config is None or not config.active or config.kind not in REGISTRY:
        return None
    return REGISTRY[config.kind](config)
