"""What a browser posts for a rendered form, for HTTP tests of edit pages."""


def posted_by_browser(form, **changes) -> dict:
    """Every field of the unbound ``form`` as loaded, but the disabled ones (a browser does
    not post them) and unchecked boxes; then ``changes`` on top."""
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if field.disabled or value is False:
            continue
        if isinstance(value, list | tuple):
            value = [str(v) for v in value]
        data[name] = "" if value is None else value
    return {**data, **changes}
