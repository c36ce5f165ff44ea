"""``manage.py check_compliance REQUEST_ID``: print the compliance findings of a request
(``--kind``: of another checkable kind, by its slug)."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from approvals.compliance.checkable import by_slug
from approvals.compliance.selectors import findings_for


class Command(BaseCommand):
    help = "Print the brand and legal compliance findings of a content request."

    def add_arguments(self, parser):
        parser.add_argument("request_id", type=int)
        parser.add_argument("--kind", default="requests",
                            help="What the id names: the slug of a checkable kind.")
        parser.add_argument("--json", action="store_true", help="One JSON document.")
        parser.add_argument("--language", default=None, help="pt-br, pt-pt or en.")
        parser.add_argument("--fail-on", choices=["blocker", "warning"], default=None,
                            help="Exit with status 1 if an open finding of this severity "
                                 "(or worse) remains.")

    def handle(self, *args, **options):
        checkable = by_slug(options["kind"])
        if checkable is None:
            raise CommandError(f"Unknown kind {options['kind']!r}.")
        request = checkable.model.objects.filter(pk=options["request_id"]).first()
        if request is None:
            raise CommandError(f"No request #{options['request_id']}.")
        with translation.override(options["language"] or translation.get_language()):
            findings = findings_for(request)
            rows = [{"rule": f.rule, "severity": f.severity, "title": f.title,
                     "channel": getattr(f.channel, "code", None), "field": f.field,
                     "message": f.message, "basis": f.basis, "suggestion": f.suggestion,
                     "excerpt": f.excerpt, "fingerprint": f.fingerprint,
                     "overridden": f.override is not None} for f in findings]
        if options["json"]:
            self.stdout.write(json.dumps({"request": request.pk, "findings": rows},
                                         ensure_ascii=False, indent=2))
        else:
            self.stdout.write(f"{request}: {len(rows)} finding(s)")
            for row in rows:
                where = f"[{row['channel']}:{row['field']}]" if row["channel"] else \
                    f"[{row['field'] or '-'}]"
                done = " (overridden)" if row["overridden"] else ""
                self.stdout.write(f"{row['severity'].upper():8} {row['rule']} {where}{done}\n"
                                  f"         {row['message']}\n         → {row['suggestion']}")
        levels = {"blocker": ("blocker",), "warning": ("blocker", "warning")}
        fail = options["fail_on"]
        if fail and any(r["severity"] in levels[fail] and not r["overridden"] for r in rows):
            raise SystemExit(1)
