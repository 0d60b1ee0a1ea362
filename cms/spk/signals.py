"""A member record owns its login: saving it creates or updates the Django user (username =
e-mail, no usable password until the member sets one through the reset e-mail)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, pre_save
from django.dispatch import receiver

from .models import Member


@receiver(pre_save, sender=Member, dispatch_uid="spk_member_account")
def keep_account_in_step(sender, instance: Member, raw=False, **kwargs):
    if raw:
        return
    instance.email = instance.email.strip().lower()
    user_model = get_user_model()
    user = instance.user or user_model.objects.filter(username__iexact=instance.email).first()
    if user is None:
        user = user_model(username=instance.email)
        user.set_unusable_password()
    user.username = instance.email
    user.email = instance.email
    user.first_name = instance.first_name[:150]
    user.last_name = instance.last_name[:150]
    user.is_active = True
    user.save()
    instance.user = user


@receiver(post_delete, sender=Member, dispatch_uid="spk_member_account_closed")
def close_account(sender, instance: Member, **kwargs):
    # The account stays for the audit trail of what the person did, but cannot log in.
    if instance.user_id and not instance.user.is_staff:
        get_user_model().objects.filter(pk=instance.user_id).update(is_active=False)
