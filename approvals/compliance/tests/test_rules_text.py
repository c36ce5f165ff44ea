"""Text rules with real Portuguese examples, positive and negative (accents, line breaks, HTML)."""

import pytest
from django.utils import translation

from approvals.compliance.models import AllowedDomain, PublicOfficial
from approvals.compliance.rules.accessibility import flesch_pt
from approvals.compliance.selectors import findings_for
from approvals.compliance.tests.conftest import rules_of

HARD = ("Considerando a imprescindibilidade da otimização dos procedimentos administrativos "
        "concernentes à regularização fundiária, a Administração Municipal, mediante "
        "deliberação colegiada e consubstanciada nas disposições regulamentares pertinentes, "
        "estabelece a obrigatoriedade da apresentação da documentação comprobatória "
        "correspondente, sob pena de indeferimento liminar das solicitações protocolizadas.")
EASY = ("A vacina contra a gripe chegou. Ela é de graça. Vá ao posto de saúde mais perto de "
        "casa. Leve o cartão do SUS. O posto abre às oito horas. Crianças, idosos e gestantes "
        "podem tomar a vacina. A fila anda rápido. Tire suas dúvidas com a equipe do posto.")


@pytest.fixture
def official(db):
    return PublicOfficial.objects.create(
        name="Joaquim Albuquerque Neto", office="Prefeito",
        variants="Prefeito Joaquim\nJoaquinzão", slogans="Vale Verde nas mãos do Joaquim")


CASES = [
    # rule, text that triggers it, text that does not
    ("channel.length", "a" * 281, "<p>" + "á" * 270 + "</p>"),
    ("vocabulary.terms", "Atendimento para a Terceira Idade no CRAS.",
     "Atendimento para pessoas idosas no CRAS."),
    ("vocabulary.terms", "Vagas para portador de deficiencia.",
     "Vagas para pessoas com deficiência."),
    ("vocabulary.terms", "Programa para a terceira\nidade.", "As terceiras idades do projeto."),
    ("personal_data.cpf", "Beneficiária: CPF 529.982.247-25.", "Protocolo 529.982.247-26."),
    ("personal_data.cpf", "CPF 52998224725", "Processo nº 2024.001.234-56"),
    ("personal_data.nif", "Requerente com NIF 123 456 789.", "Referência 123456780."),
    ("personal_data.phone", "Fale com a Maria: (11) 98765-4321.",
     "Ligue 156 ou acesse o portal. Plano 2025-2026."),
    ("personal_data.phone", "Contacto: +351 912 345 678", "Horário: das 8h às 17h."),
    ("personal_data.email", "Escreva para maria.silva@gmail.com.",
     "Escreva para ouvidoria@saude.gov.br."),
    ("personal_data.birth_date", "A aluna, nascida em 12/03/2011, venceu a olimpíada.",
     "A escola, inaugurada em 12/03/2011, completa 15 anos."),
    ("personal_data.birth_date", "Data de nascimento: 3 de março de 1985.",
     "Nasceu o projeto em 2020."),
    ("plain_language.readability", HARD + " " + HARD, EASY),
    ("accessibility.hashtags", "Participe! #campanhadevacinacao", "#VacinaçãoInfantil #SUS"),
    ("accessibility.link_text", '<p>Veja o calendário: <a href="https://saude.gov.br">clique '
     'aqui</a></p>', '<p><a href="https://saude.gov.br">Calendário de vacinação</a></p>'),
    ("accessibility.link_text", "Clique aqui e confira!", "Confira o calendário no portal."),
    ("accessibility.emoji", "Festa junina! 🎉🎉🎉🎉 Venha!", "Festa junina! 🎉 Venha! 🌽"),
    ("accessibility.emoji", "🎉 a 🎉 b 🎉 c 🎉 d 🎉 e 🎉", "Sem emoji."),
    ("links.https", "Veja http://www.saude.gov.br/gripe", "Veja https://www.saude.gov.br/gripe"),
    ("links.domains", "Inscrições em https://www.inscricoes-festival.com.br",
     "Inscrições em https://portal.saude.gov.br/inscricao"),
    ("links.shorteners", "Link: https://bit.ly/vacina-vv", "Link: https://www.gov.br/saude"),
]


@pytest.mark.parametrize(("rule", "positive", "negative"), CASES)
def test_rule_positive_and_negative(make, rule, positive, negative):
    assert rule in rules_of(make(positive)), positive
    assert rule not in rules_of(make(negative)), negative


@pytest.mark.parametrize("text", [
    "O Prefeito Joaquim inaugurou a creche.",
    "O PREFEITO JOAQUIM inaugurou a creche.",
    "Obra entregue pelo Joaquinzao.",                       # accent-insensitive
    "<p>Visita de <strong>Joaquim Albuquerque\nNeto</strong></p>",  # HTML and line break
    "Vale Verde nas mãos do Joaquim!",                      # personal slogan
])
def test_impessoalidade_finds_names_variants_and_slogans(make, official, text):
    found = [f for f in findings_for(make(text)) if f.rule == "impessoalidade.officials"]
    assert found and found[0].severity == "blocker" and found[0].legal_override


@pytest.mark.parametrize("text", ["A Joaquina, agente de saúde, atendeu 40 famílias.",
                                  "A Prefeitura inaugurou a creche."])
def test_impessoalidade_ignores_other_words(make, official, text):
    assert "impessoalidade.officials" not in rules_of(make(text))


def test_finding_points_at_the_text_with_a_fix_in_the_user_language(make):
    request = make("Atendimento para a terceira idade.")
    with translation.override("en"):
        finding = next(f for f in findings_for(request) if f.rule == "vocabulary.terms")
        assert finding.suggestion == "Write “pessoa idosa” instead of “terceira idade”."
    assert "terceira idade" in finding.excerpt and finding.field == "body"
    assert finding.channel.code == "x" and finding.basis


def test_allowed_domains_cover_emails_and_subdomains(make):
    AllowedDomain.objects.create(domain="valeverde.example.gov.br")
    request = make("Dúvidas: ouvidoria@saude.valeverde.example.gov.br ou "
                   "https://portal.valeverde.example.gov.br/vacina")
    assert not {"personal_data.email", "links.domains"} & rules_of(request)


def test_flesch_scores_easy_above_hard():
    easy, _ = flesch_pt(EASY)
    hard, _ = flesch_pt(HARD)
    assert easy > 60 > 20 > hard


@pytest.fixture
def carlos(db):
    return PublicOfficial.objects.create(name="Carlos Alberto Mendes", office="Prefeito",
                                         variants="Carlão")


@pytest.mark.parametrize("text", [
    "Balanço da gestão Carlos Mendes na saúde.",           # first + last name
    "Balanço da gestão carlos mendes na saúde.",           # case-insensitive
    "Obra da gestão Carlos A. Mendes.",                    # middle name as an initial
    "Carlos Alberto Mendes visitou a creche.",             # the full name
    "Visita do Carlão à creche.",                          # the admin's variant still counts
])
def test_impessoalidade_finds_the_usual_short_forms_of_a_name(make, carlos, text):
    assert "impessoalidade.officials" in rules_of(make(text)), text


@pytest.mark.parametrize("text", [
    "O agente Carlos atendeu 40 famílias.",                # a lone first name
    "A família Mendes recebeu a casa.",                    # a lone surname
    "Carlos Eduardo Mendes, morador, agradeceu.",          # another person
])
def test_impessoalidade_ignores_lone_names_and_other_people(make, carlos, text):
    assert "impessoalidade.officials" not in rules_of(make(text)), text


@pytest.mark.parametrize("text", ["A secretária Ana Araujo esteve lá.",
                                  "Gestão ANA PAULA ARAÚJO.",
                                  "Gestão de Maria dos Santos.", "Gestão Maria Santos."])
def test_impessoalidade_short_forms_drop_particles_and_ignore_accents(make, db, text):
    PublicOfficial.objects.create(name="Ana Paula de Souza Araújo", office="Secretária")
    PublicOfficial.objects.create(name="Maria das Dores dos Santos", office="Vereadora")
    assert "impessoalidade.officials" in rules_of(make(text)), text


def test_a_nif_is_one_finding_not_also_a_phone_number(make):
    for text in ("Requerente com NIF 234 567 805.", "Contribuinte n.º 234567805.",
                 "NIF: 234567805"):
        found = [f for f in findings_for(make(text)) if f.rule.startswith("personal_data.")]
        assert [f.rule for f in found] == ["personal_data.nif"], text


def test_a_phone_number_is_still_a_phone_number(make):
    found = [f.rule for f in findings_for(make("Ligue 234 567 805 para marcar."))]
    assert "personal_data.phone" in found and "personal_data.nif" not in found
