from django.contrib import admin

from pat.network import models


@admin.register(models.FocalPoint)
class FocalPointAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["person", "office", "unit", "time_share", "appointed_on", "term_end"]
    list_filter = ["office__region"]


@admin.register(models.WggiMember)
class WggiMemberAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["person", "unit", "role", "since"]


@admin.register(models.Meeting)
class MeetingAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["held_on", "title"]


@admin.register(models.ActionPlan)
class ActionPlanAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["office", "period", "version", "status"]
    list_filter = ["status"]


@admin.register(models.Campaign)
class CampaignAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "opened_on", "deadline", "closed_at"]


@admin.register(models.AnnualReport)
class AnnualReportAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["year", "status", "approved_at"]
