from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm

from .models import Member


class ProfileForm(forms.ModelForm):
    """What a member keeps up to date themselves. E-mail and committees are the coordinator's."""

    class Meta:
        model = Member
        fields = ["organisation", "phone", "preferred_language", "listed_publicly"]

    def save(self, commit=True):
        self.instance.clean()  # records or clears the date of the consent to be named
        return super().save(commit)


class MemberPasswordResetForm(PasswordResetForm):
    """Members choose their first password through this form, so an account without a usable
    password yet still gets the link (Django's form skips those)."""

    def get_users(self, email):
        user_model = get_user_model()
        users = user_model._default_manager.filter(email__iexact=email.strip(), is_active=True)
        return (user for user in users if user.has_usable_password() or Member.objects.filter(user=user).exists())
