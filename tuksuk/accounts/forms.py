from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """The login form, sized for phones."""

    username = forms.CharField(
        label=_("ชื่อผู้ใช้"),
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username", "class": "form-control"}),
    )
    password = forms.CharField(
        label=_("รหัสผ่าน"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "class": "form-control"}),
    )
    error_messages = {
        "invalid_login": _("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง"),
        "inactive": _("บัญชีนี้ถูกปิดใช้งาน"),
    }


class CodeForm(forms.Form):
    """A code from the authenticator app (6 digits) or, where accepted, a one-time backup code."""

    code = forms.CharField(
        label=_("รหัสยืนยัน"),
        max_length=32,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
                "class": "form-control form-control-lg text-center",
                "spellcheck": "false",
            }
        ),
        error_messages={"required": _("กรุณากรอกรหัส")},
    )


class ThaiPasswordChangeForm(PasswordChangeForm):
    """Django's password change (the project's validators apply) with Thai labels and phone-sized fields."""

    error_messages = {
        "password_incorrect": _("รหัสผ่านเดิมไม่ถูกต้อง กรุณาลองใหม่"),
        "password_mismatch": _("รหัสผ่านใหม่ทั้งสองช่องไม่ตรงกัน"),
    }

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        labels = {
            "old_password": _("รหัสผ่านเดิม"),
            "new_password1": _("รหัสผ่านใหม่"),
            "new_password2": _("ยืนยันรหัสผ่านใหม่"),
        }
        for name, label in labels.items():
            field = self.fields[name]
            field.label = label
            field.widget.attrs["class"] = "form-control"
            field.error_messages["required"] = _("กรุณากรอก%(field)s") % {"field": label}
        self.fields["new_password2"].help_text = ""
