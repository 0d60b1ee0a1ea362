from __future__ import annotations

from django import forms
from django.forms import modelformset_factory

from .models import Subscription


class SubscriptionForm(forms.ModelForm):
    class Meta:
        model = Subscription
        fields = ["active", "frequency", "news", "meetings", "consultations", "initiatives"]
        widgets = {"frequency": forms.RadioSelect}


SubscriptionFormSet = modelformset_factory(Subscription, form=SubscriptionForm, extra=0, can_delete=False)
