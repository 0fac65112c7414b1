from django.contrib import admin

from pat.bulletin.models import Delivery, Issue, Subscriber

admin.site.register(Issue)
admin.site.register(Subscriber)
admin.site.register(Delivery)
