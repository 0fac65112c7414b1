from django.urls import path

from pat.bulletin import feeds, views

app_name = "bulletin"

urlpatterns = [
    path("", views.public_home, name="public-home"),
    path("subscribe/", views.subscribe, name="subscribe"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("feed/<str:lang>.atom", feeds.AtomIssueFeed(), name="feed-atom"),
    path("feed/<str:lang>.rss", feeds.IssueFeed(), name="feed-rss"),
    path("images/<int:pk>/", views.image, name="image"),
    path("editor/", views.editor, name="editor"),
    path("editor/subscribers/", views.subscribers, name="subscribers"),
    path("editor/<int:pk>/", views.issue, name="issue"),
    path("editor/<int:pk>/images/", views.image_add, name="image-add"),
    path("editor/<int:pk>/do/<str:action>/", views.issue_action, name="issue-action"),
    path("editor/<int:pk>/<str:lang>/", views.edition_edit, name="edition"),
    path("editor/<int:pk>/<str:lang>/preview/", views.preview, name="preview"),
    path("editor/<int:pk>/<str:lang>/articles/new/", views.article_edit, name="article-new"),
    path(
        "editor/<int:pk>/<str:lang>/articles/<int:article>/",
        views.article_edit,
        name="article",
    ),
    path("<slug:issue>/", views.public_issue, name="public-issue"),
    path("<slug:issue>/<str:lang>/", views.public_edition, name="public-edition"),
    path("<slug:issue>/<str:lang>/pdf/", views.public_pdf, name="public-pdf"),
]
