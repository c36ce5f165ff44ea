"""Publishing connectors: one small interface per channel (``base.Connector``)."""
