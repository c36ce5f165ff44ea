"""Names shown in timelines (channels, people, reasons) are read once per HTTP request: a page
with ninety events costs the queries of its distinct names, not one per event."""

from audit.sentences import lookups_end, lookups_scope


class LookupsPerRequest:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = lookups_scope()
        try:
            return self.get_response(request)
        finally:
            lookups_end(token)
