from django.contrib import admin

from pat.training.models import Course, Participant, Session, TrainingTarget

admin.site.register(Course)
admin.site.register(TrainingTarget)
admin.site.register(Session)
admin.site.register(Participant)
