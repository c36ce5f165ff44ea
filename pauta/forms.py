"""The one way every form renders: Django's form renderer set once (FORM_RENDERER).

``{{ form }}`` and ``{{ field.as_field_group }}`` go through ``pauta/forms/form.html`` and
``pauta/forms/field.html`` — label, help, required marker, error and ARIA ids on the gov.br
Design System's input, checkbox, radio and textarea components. Widget templates that the
design system needs in another shape are overridden under ``templates/django/forms/widgets``.
"""

from django.forms.renderers import TemplatesSetting


class PautaFormRenderer(TemplatesSetting):
    form_template_name = "pauta/forms/form.html"
    field_template_name = "pauta/forms/field.html"
