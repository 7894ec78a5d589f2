"""Every form field renders with the design system's classes and links its hint and error."""

from django import forms
from django.template import Context, Template


class Sample(forms.Form):
    name = forms.CharField(help_text="As the youth says it.")
    kind = forms.ChoiceField(choices=[("a", "A")])
    notes = forms.CharField(widget=forms.Textarea)


def _render(form, name):
    return Template('{% include "ui/_field.html" with field=f %}').render(
        Context({"f": form[name]})
    )


def test_inputs_selects_and_textareas_get_uswds_classes():
    form = Sample()
    assert 'class="usa-input"' in _render(form, "name")
    assert 'class="usa-select"' in _render(form, "kind")
    assert 'class="usa-textarea"' in _render(form, "notes")


def test_hints_and_errors_are_announced_with_the_field():
    form = Sample(data={"name": "", "kind": "a", "notes": "x"})
    assert not form.is_valid()
    html = _render(form, "name")
    assert 'class="usa-input usa-input--error"' in html
    assert 'aria-describedby="id_name-hint id_name-error"' in html
    assert "This field is required." in html
