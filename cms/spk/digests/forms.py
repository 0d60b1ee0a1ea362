from __future__ import annotations

from django import forms
from django.forms import modelformset_factory

from .models import Subscription


class SubscriptionForm(forms.ModelForm):
    class Meta:
        model = Subscription
        fields = ["active", "frequency", "news", "meetings", "consultations", "initiatives"]
        widgets = {"frequency": forms.RadioSelect}


# edit_only: a POST with a higher TOTAL_FORMS must not create rows (they would belong to nobody).
SubscriptionFormSet = modelformset_factory(Subscription, form=SubscriptionForm, extra=0, can_delete=False,
                                          edit_only=True)
