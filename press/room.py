"""The public press room (/imprensa/, no account): the published press releases, each with
the address where it went out (its Atom feed is ``api.feeds.PressRoomFeed``), and the
answers the desk put on record ("respostas à imprensa") — the question and the answer with
the outlet's name, never the journalist's personal data."""

from django.core.paginator import Paginator
from django.shortcuts import render

from press.selectors import answers_on_record
from publishing.selectors import published_press_releases

PAGE_SIZE = 20


def press_room(request):
    page = Paginator(published_press_releases(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "press/room.html", {"page": page})


def answers(request):
    page = Paginator(answers_on_record(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "press/answers.html", {"page": page})
