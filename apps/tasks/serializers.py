"""The shape of a queued or finished task in the API."""

from __future__ import annotations

from rest_framework import serializers


class TaskSerializer(serializers.Serializer):
    task_id = serializers.CharField()
    task = serializers.CharField()
    status = serializers.ChoiceField(choices=["READY", "RUNNING", "SUCCESSFUL", "FAILED"])
    enqueued_at = serializers.DateTimeField(allow_null=True)
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    attempts = serializers.IntegerField()
    # DRF's metaclass takes declared fields off the class, so Serializer.errors is not shadowed.
    errors = serializers.ListField(  # type: ignore[assignment]  # a field, not the errors property
        child=serializers.CharField(), help_text="Last line of each error."
    )
