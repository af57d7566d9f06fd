from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "tuksuk.demo"
    label = "demo"
    verbose_name = "Demo data"
