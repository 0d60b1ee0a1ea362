"""/members/: the SPK members' area. Every view needs a login; none is public."""

from django.contrib.auth import views as auth_views
from django.urls import include, path, reverse_lazy

from . import views
from .forms import MemberPasswordResetForm

app_name = "spk"

auth_patterns = [
    path("login/", auth_views.LoginView.as_view(template_name="spk/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(next_page=reverse_lazy("spk:login")), name="logout"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(
            template_name="spk/password_reset_form.html",
            form_class=MemberPasswordResetForm,
            email_template_name="spk/email/password_reset.txt",
            html_email_template_name="spk/email/password_reset.html",
            subject_template_name="spk/email/password_reset_subject.txt",
            success_url=reverse_lazy("spk:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="spk/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="spk/password_reset_confirm.html",
            success_url=reverse_lazy("spk:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="spk/password_reset_complete.html"),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    *auth_patterns,
    path("", views.dashboard, name="dashboard"),
    path("profile/", views.profile, name="profile"),
    path("committees/<int:pk>/", views.committee_detail, name="committee"),
    path("meetings/", include("cms.spk.meetings.urls")),
    path("consultations/", include("cms.spk.consultations.urls")),
    path("initiatives/", include("cms.spk.initiatives.urls")),
    path("assessors/", include("cms.spk.assessors.urls")),
    path("subscriptions/", include("cms.spk.digests.urls")),
]
