"""The public news page (/news/): published news with the address where each went out."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from publishing.selectors import published_news, published_publications

PAGE_SIZE = 20


def news_list(request):
    page = Paginator(published_news(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "publishing/news_list.html", {"page": page})


def news_item(request, pk):
    item = get_object_or_404(published_publications(), pk=pk)
    if not (item.url or item.offline_reason):
        raise Http404  # published without evidence: not shown as published
    return render(request, "publishing/news_item.html", {"item": item})
