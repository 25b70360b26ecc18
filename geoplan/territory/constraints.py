"""A database check that a geometry is valid, which Django can also validate in Python.

Django's own CheckConstraint.validate() cannot evaluate ST_IsValid on an unsaved value, so
model validation (admin, importers) tests the geometry with GEOS and reports it clearly.
"""

from django.core.exceptions import ValidationError
from django.db.models import CheckConstraint, Q
from django.utils.translation import gettext_lazy as _


class ValidGeometryConstraint(CheckConstraint):
    def __init__(self, *, field: str, name: str, nullable: bool = False, **kwargs):
        kwargs.pop("condition", None)
        condition = Q(**{f"{field}__isvalid": True})
        if nullable:
            condition = Q(**{f"{field}__isnull": True}) | condition
        self.field = field
        self.nullable = nullable
        super().__init__(condition=condition, name=name, **kwargs)

    def deconstruct(self):
        path, args, kwargs = super().deconstruct()
        kwargs.pop("condition", None)
        kwargs["field"] = self.field
        if self.nullable:
            kwargs["nullable"] = True
        return path, args, kwargs

    def validate(self, model, instance, exclude=None, using=None):
        if exclude and self.field in exclude:
            return
        geom = getattr(instance, self.field)
        if geom is None:
            if not self.nullable:
                raise ValidationError({self.field: _("A geometry is required.")})
            return
        if not geom.valid:
            raise ValidationError(
                {
                    self.field: _("The geometry is not valid: %(reason)s.")
                    % {"reason": geom.valid_reason}
                }
            )
