"""Every text field of every form has a length limit; a longer value is refused beside the field.

The walk imports every module of the project, finds each form class, and checks each
``forms.CharField`` (text inputs, text areas, e-mail and URL fields) it declares, and the fields
it adds when built without arguments. A new text field without ``max_length`` fails here.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import pkgutil

import pytest
from django import forms

import safeharbor
from safeharbor.partners.forms.referrals import ReferralStatusForm

# Text fields that are not free text typed by a person, and so carry no limit of their own.
NOT_FREE_TEXT: set[str] = set()
SKIPPED_MODULES = ("migrations", "__main__", "wsgi", "asgi")


def _form_classes() -> list[type[forms.BaseForm]]:
    found: dict[str, type[forms.BaseForm]] = {}
    for info in pkgutil.walk_packages(safeharbor.__path__, "safeharbor."):
        if any(part in info.name for part in SKIPPED_MODULES):
            continue
        for obj in vars(importlib.import_module(info.name)).values():
            if (
                inspect.isclass(obj)
                and issubclass(obj, forms.BaseForm)
                and obj.__module__.startswith("safeharbor.")
            ):
                found[f"{obj.__module__}.{obj.__name__}"] = obj
    return list(found.values())


def _fields(form_class: type[forms.BaseForm]) -> dict[str, forms.Field]:
    """The declared fields, and those added in ``__init__`` when it needs no arguments."""
    fields = dict(form_class.base_fields)
    with contextlib.suppress(TypeError):  # needs the view's arguments: declared ones still count
        fields |= form_class().fields
    return fields


@pytest.mark.django_db
def test_every_text_field_of_every_form_has_a_length_limit():
    classes = _form_classes()
    assert len(classes) > 40  # the walk found the project's forms
    unlimited = sorted(
        f"{form.__module__}.{form.__name__}.{name}"
        for form in classes
        for name, field in _fields(form).items()
        if isinstance(field, forms.CharField) and field.max_length is None
    )
    assert [name for name in unlimited if name not in NOT_FREE_TEXT] == []


def test_a_long_referral_outcome_is_refused_naming_the_limit():
    form = ReferralStatusForm(data={"status": "completed", "outcome": "x" * 4001, "version": 1})
    assert not form.is_valid()
    assert form.errors["outcome"] == [
        "Ensure this value has at most 4000 characters (it has 4001)."
    ]
