"""Step 1 of 3 (clipping's outlets become the press desk's): a second outlet column on sources
and clips, pointing at press.Outlet. Filled by 0004, swapped in by 0005 (three migrations so
that PostgreSQL commits the remapped rows before their tables are altered)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('clipping', '0002_press_links'),
        ('press', '0006_outlet_website_audience_active'),
    ]

    operations = [
        migrations.AddField(
            model_name='source',
            name='desk_outlet',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT,
                                    related_name='+', to='press.outlet'),
        ),
        migrations.AddField(
            model_name='clip',
            name='desk_outlet',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT,
                                    related_name='+', to='press.outlet'),
        ),
    ]
