"""The page editor's form: data the admin's widgets cannot parse is a form error, not a 500.

Wagtail reads a StreamField from numbered inputs (body-count, body-0-type, …) and rich text
from Draftail's JSON; a forged, truncated or stale POST makes those readers raise (KeyError,
ValueError, JSONDecodeError …) before any validation runs. Each field's raw value is read here,
a failure noted, the field treated as empty for the redisplay, and the form told what happened;
nothing is saved."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks.base import BlockWidget

UNREADABLE = _(
    "This field could not be read: the editor sent incomplete or broken data. "
    "Reload the page and make the change again."
)
PARSE_ERRORS = (KeyError, IndexError, ValueError, TypeError, AttributeError, ObjectDoesNotExist)


class ContentPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        self.unreadable_fields: set[str] = set()
        super().__init__(*args, **kwargs)

    def _widget_data_value(self, widget, html_name):
        try:
            return super()._widget_data_value(widget, html_name)
        except PARSE_ERRORS:
            self.unreadable_fields.add(html_name)
            if isinstance(widget, BlockWidget):
                return widget.block_def.normalize([])  # an empty stream, so the block can clean it
            return None

    def clean(self):
        cleaned_data = super().clean()
        for name in self.fields:
            if self.add_prefix(name) in self.unreadable_fields:
                self.add_error(name, UNREADABLE)
        return cleaned_data
