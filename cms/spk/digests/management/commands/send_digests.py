from django.core.management.base import BaseCommand, CommandError

from cms.spk.digests.services import send_digests


class Command(BaseCommand):
    help = "Send the SPK news digests that are due now (what the Celery beat task does daily)."

    def handle(self, *args, **options):
        summary = send_digests()
        self.stdout.write(f"Digests sent: {summary.sent} e-mail(s), {summary.items} item(s).")
        if summary.failed:
            # Exit non-zero so cron reports it; the items stay pending for the next run.
            raise CommandError(f"{len(summary.failed)} digest(s) could not be sent: {', '.join(summary.failed)}")
