from django.db import migrations


def move(apps, schema_editor):
    """Every report review becomes a review task of its report (purpose "report"), with its
    decision, dates, lock and round as they were: one inbox and one decision path."""
    ReportReview = apps.get_model("reporting", "ReportReview")
    ReviewTask = apps.get_model("reviews", "ReviewTask")
    rows = ReportReview.objects.select_related("report").order_by("pk")
    ReviewTask.objects.bulk_create(
        (
            ReviewTask(
                project_id=r.report.project_id,
                version=None,
                report_id=r.report_id,
                round=r.round,
                key=r.key,
                kind=r.kind,
                department_id=r.department_id,
                office_id=r.office_id,
                label=r.label,
                stage=r.stage,
                deadline_days=10,
                routed_by=["Progress reports"],
                purpose="report",
                state=r.state,
                created_at=r.opened_at or r.report.submitted_at or r.report.created_at,
                opened_at=r.opened_at,
                due_on=r.due_on,
                assignee_id=r.assignee_id,
                decided_by_id=r.decided_by_id,
                decided_at=r.decided_at,
                decision_note=r.decision_note,
                lock=r.lock,
            )
            for r in rows.iterator()
        ),
        batch_size=500,
    )


def back(apps, schema_editor):
    ReportReview = apps.get_model("reporting", "ReportReview")
    ReviewTask = apps.get_model("reviews", "ReviewTask")
    tasks = ReviewTask.objects.filter(purpose="report").order_by("pk")
    ReportReview.objects.bulk_create(
        ReportReview(
            report_id=t.report_id,
            round=t.round,
            key=t.key,
            kind=t.kind,
            department_id=t.department_id,
            office_id=t.office_id,
            label=t.label,
            stage=t.stage,
            state=t.state,
            opened_at=t.opened_at,
            due_on=t.due_on,
            assignee_id=t.assignee_id,
            decided_by_id=t.decided_by_id,
            decided_at=t.decided_at,
            decision_note=t.decision_note,
            lock=t.lock,
        )
        for t in tasks.iterator()
    )
    apps.get_model("reviews", "ReviewEvent").objects.filter(task__in=tasks).delete()
    apps.get_model("reviews", "Reminder").objects.filter(task__in=tasks).delete()
    tasks.delete()


class Migration(migrations.Migration):

    dependencies = [
        ("reporting", "0002_reach_totals"),
        ("reviews", "0006_report_reviews"),
    ]

    operations = [
        migrations.RunPython(move, back),
        migrations.DeleteModel(
            name="ReportReview",
        ),
    ]
