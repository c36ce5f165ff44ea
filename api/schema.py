"""OpenAPI: every operation documents the error bodies it can answer (schemathesis checks)."""

from drf_spectacular.openapi import AutoSchema as BaseAutoSchema
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Machine-readable code, e.g. invalid, "
                                           "not_found, permission_denied, transition_refused.")
    detail = serializers.CharField(help_text="Message in the user's language.")
    fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()),
                                   required=False,
                                   help_text="Field name → messages, for invalid input.")

    class Meta:
        ref_name = "Error"


WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class AutoSchema(BaseAutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        codes = ["401", "403", "404", "429"]
        if self.method in WRITE_METHODS or self._has_query_filters():
            codes.append("400")
        if self.method in WRITE_METHODS:
            codes.append("409")
        for code in codes:
            if code not in responses:
                responses[code] = self._get_response_for_code(ErrorSerializer, code,
                                                              direction=direction)
        return responses

    def _has_query_filters(self) -> bool:
        view = self.view
        return bool(getattr(view, "filterset_class", None) or getattr(view, "pagination_class",
                                                                        None))
