from django.urls import path

from . import history_views, report_views, review_views, views

app_name = "moderation"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("changes/<int:pk>/", review_views.change_detail, name="change"),
    path("changes/<int:pk>/approve/", review_views.approve, name="approve"),
    path("changes/<int:pk>/reject/", review_views.reject, name="reject"),
    path("stale/", views.stale, name="stale"),
    path("stale.csv", views.stale_csv, name="stale_csv"),
    path("history/<str:model>/<int:pk>/", history_views.history, name="history"),
    path("reports/", report_views.reports, name="reports"),
    path("reports/<int:pk>/close/", report_views.close, name="close_report"),
]
