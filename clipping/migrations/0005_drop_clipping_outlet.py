"""Step 3 of 3: sources and clips point at the press desk's outlets; clipping's own outlet
table is gone (docs/clipping.md, "Outlets")."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('clipping', '0004_outlets_to_press_desk'),
    ]

    operations = [
        migrations.RemoveField(model_name='source', name='outlet'),
        migrations.RemoveField(model_name='clip', name='outlet'),
        migrations.RenameField(model_name='source', old_name='desk_outlet', new_name='outlet'),
        migrations.RenameField(model_name='clip', old_name='desk_outlet', new_name='outlet'),
        migrations.AlterField(
            model_name='source',
            name='outlet',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT,
                                    related_name='sources', to='press.outlet',
                                    verbose_name='outlet'),
        ),
        migrations.AlterField(
            model_name='clip',
            name='outlet',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT,
                                    related_name='clips', to='press.outlet',
                                    verbose_name='outlet'),
        ),
        migrations.DeleteModel(name='Outlet'),
    ]
