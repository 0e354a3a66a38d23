"""/api/v1/batch/status: the state of the translation batch (legacy routes/translate.py).

Legacy kept one batch's progress in the process's memory and answered it here. This server starts
no translation batch (POST /batch needs the translation engine), so the state is the idle one
legacy started with.
"""

from __future__ import annotations

from django.urls import re_path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from sublarr.api.legacy import LegacyAPIView

IDLE_BATCH: dict[str, object] = {
    "running": False,
    "total": 0,
    "processed": 0,
    "succeeded": 0,
    "failed": 0,
    "skipped": 0,
    "current_file": None,
    "errors": [],
}

BatchState = inline_serializer(
    "LegacyBatchState",
    {
        "running": serializers.BooleanField(),
        "total": serializers.IntegerField(),
        "processed": serializers.IntegerField(),
        "succeeded": serializers.IntegerField(),
        "failed": serializers.IntegerField(),
        "skipped": serializers.IntegerField(),
        "current_file": serializers.CharField(allow_null=True),
        "errors": serializers.ListField(child=serializers.DictField(child=serializers.CharField())),
    },
)


class BatchStatusView(LegacyAPIView):
    @extend_schema(
        operation_id="v1_batch_status",
        summary="The translation batch's progress (always idle here)",
        responses={200: BatchState},
    )
    def get(self, request: Request) -> Response:
        return Response({**IDLE_BATCH, "errors": []})


urlpatterns = [re_path(r"^batch/status/?$", BatchStatusView.as_view(), name="v1-batch-status")]
