from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from pat.core.models import ApiToken, Department, Office, Role, User


class RoleInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Role
    extra = 1
    autocomplete_fields = ["office"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):  # type: ignore[type-arg]
    inlines = [RoleInline]


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "code", "kind", "country", "region", "parent"]
    list_filter = ["kind", "region"]
    search_fields = ["name", "code"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "code", "parent"]
    search_fields = ["name", "code"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["user", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "created_at", "last_used_at"]
    exclude = ["digest"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        # Tokens are issued by `pat token USERNAME`, which shows the secret once.
        return False
