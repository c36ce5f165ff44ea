"""Default compliance configuration: one row per rule, an inclusive-language vocabulary and the
national government domains. Municipality-specific lists (officials, own domain) come from the
admin or the demo."""

from django.db import migrations

SHORTENERS = ["bit.ly", "tinyurl.com", "goo.gl", "ow.ly", "t.co", "is.gd", "buff.ly", "cutt.ly",
              "rebrand.ly", "shorturl.at", "encurtador.com.br", "tiny.cc", "rb.gy"]
RULES = [
    ("plain_language.readability", "warning", {"threshold": 40, "min_words": 30}),
    ("accessibility.hashtags", "warning", {"min_length": 12}),
    ("accessibility.link_text", "warning", {
        "phrases": ["clique aqui", "saiba mais", "leia mais", "acesse aqui", "clique neste link",
                    "aqui", "link"],
        "plain_phrases": ["clique aqui", "clique neste link"]}),
    ("accessibility.emoji", "warning", {"max_total": 5, "max_in_row": 3}),
    ("calendar.mourning", "warning", {}),
    ("calendar.collision", "warning", {"hours": 2, "priorities": ["high", "urgent"]}),
    ("channel.length", "blocker", {}),
    ("channel.image", "warning", {}),
    ("channel.alt_text", "blocker", {"min_length": 5}),
    ("channel.captions", "warning", {"markers": ["[CC]", "legendado", "legendada",
                                                 "com legendas"]}),
    ("channel.signature", "warning", {}),
    ("electoral.blackout", "blocker", {"jurisdiction": "BR"}),
    ("impessoalidade.officials", "blocker", {}),
    ("links.https", "warning", {}),
    ("links.domains", "warning", {"shorteners": SHORTENERS}),
    ("links.shorteners", "warning", {"shorteners": SHORTENERS}),
    ("personal_data.cpf", "blocker", {}),
    ("personal_data.nif", "blocker", {}),
    ("personal_data.phone", "warning", {"allowed_numbers": ["156", "190", "192", "193", "199",
                                                            "112"]}),
    ("personal_data.email", "warning", {}),
    ("personal_data.birth_date", "warning", {}),
    ("personal_data.minors", "blocker", {}),
    ("plan.traceability", "warning", {}),
    ("vocabulary.terms", "warning", {}),
]
TERMS = [
    ("portador de deficiência", "pessoa com deficiência",
     "Convenção da ONU sobre os Direitos das Pessoas com Deficiência; Lei 13.146/2015."),
    ("deficiente", "pessoa com deficiência", "Pessoa primeiro."),
    ("surdo-mudo", "pessoa surda", "A maioria das pessoas surdas não é muda."),
    ("mongoloide", "pessoa com síndrome de Down", "Termo pejorativo."),
    ("aidético", "pessoa vivendo com HIV", "Termo estigmatizante."),
    ("terceira idade", "pessoa idosa", "Estatuto da Pessoa Idosa (Lei 10.741/2003)."),
    ("melhor idade", "pessoa idosa", "Estatuto da Pessoa Idosa (Lei 10.741/2003)."),
    ("mendigo", "pessoa em situação de rua", "Decreto 7.053/2009."),
    ("menor infrator", "adolescente em conflito com a lei", "ECA (Lei 8.069/1990)."),
    ("menor carente", "criança ou adolescente em situação de vulnerabilidade",
     "ECA (Lei 8.069/1990)."),
    ("denegrir", "difamar", "Expressão de origem racista."),
    ("a nível de", "em nível de", "Manual de redação."),
]
DOMAINS = [("gov.br", "Governo Federal e órgãos brasileiros"),
           ("gov.pt", "Administração Pública portuguesa")]


def seed(apps, schema_editor):
    RuleConfig = apps.get_model("approvals", "RuleConfig")
    BrandTerm = apps.get_model("approvals", "BrandTerm")
    AllowedDomain = apps.get_model("approvals", "AllowedDomain")
    for code, severity, params in RULES:
        RuleConfig.objects.get_or_create(code=code, defaults={"severity": severity,
                                                              "params": params})
    for term, preferred, note in TERMS:
        BrandTerm.objects.get_or_create(term=term, defaults={"preferred": preferred,
                                                             "note": note})
    for domain, note in DOMAINS:
        AllowedDomain.objects.get_or_create(domain=domain, defaults={"note": note})


class Migration(migrations.Migration):
    dependencies = [("approvals", "0003_compliance")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
