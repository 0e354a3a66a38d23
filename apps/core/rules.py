"""Deletion rules kept on the model: one place that the admin, /api/v1 and /api/v2 all go through.

A queryset that may refuse a deletion (the default language profile, the last prompt preset)
says why in `deletion_refusal()`; its `delete()` and the model's `delete()` raise that reason as a
ValidationError, and the admin shows it as a protected object instead of deleting.
"""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import models, transaction


class GuardedQuerySet[M: models.Model](models.QuerySet[M]):
    def deletion_refusal(self) -> str | None:
        """Why these rows must not be deleted, or None when they may be."""
        return None

    def delete(self) -> tuple[int, dict[str, int]]:
        with transaction.atomic():
            refusal = self.deletion_refusal()
            if refusal:
                raise ValidationError(refusal, code="protected")
            return super().delete()


class GuardedDeleteMixin(models.Model):
    """A model whose single-row delete() is judged by its queryset's deletion_refusal()."""

    class Meta:
        abstract = True

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        with transaction.atomic():
            # A model with this mixin takes its manager from a GuardedQuerySet (as_manager()).
            rows = cast(GuardedQuerySet[Any], type(self)._default_manager.filter(pk=self.pk))
            refusal = rows.deletion_refusal()
            if refusal:
                raise ValidationError(refusal, code="protected")
            return super().delete(*args, **kwargs)
