from django.urls import path

from pat.recruitment import public

app_name = "vacancies"

urlpatterns = [
    path("", public.board, name="board"),
    path("feed.atom", public.feed_atom, name="atom"),
    path("feed.rss", public.feed_rss, name="rss"),
    path("feed.json", public.feed_json, name="json"),
    path("<slug:slug>/", public.detail, name="detail"),
]
