import pytest
from django.db import connection
@pytest.mark.django_db
def test_v():
    print("VENDOR", connection.vendor, connection.settings_dict["NAME"])
