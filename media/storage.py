"""S3-compatible object storage for the media bank (and every other file field), through
django-storages' libcloud backend: AWS S3, MinIO, Ceph, Garage, a municipal data centre.

django-storages' own S3 backend needs boto3, whose botocore caps ``python-dateutil`` below
3 (Pauta pins 4.0 for the calendar's recurrences), so the libcloud backend is used, with
libcloud's generic S3 driver pointed at ``S3_ENDPOINT_URL``. Chosen in the settings with
``MEDIA_STORAGE=s3`` (docs/media.md).
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.utils.deconstruct import deconstructible
from libcloud.storage.drivers.minio import MinIOStorageDriver
from libcloud.storage.types import ContainerDoesNotExistError
from storages.backends.apache_libcloud import LibCloudStorage


@deconstructible
class S3CompatibleStorage(LibCloudStorage):
    def __init__(self, bucket: str = "", endpoint_url: str = "", access_key: str = "",
                 secret_key: str = "", region: str = "", create_bucket: bool = False):
        if not (bucket and endpoint_url):
            raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs S3_BUCKET and S3_ENDPOINT_URL.")
        url = urlsplit(endpoint_url)
        secure = url.scheme == "https"
        self.provider = {"type": "libcloud.storage.types.Provider.MINIO", "user": access_key,
                         "key": secret_key, "bucket": bucket}
        self.driver = MinIOStorageDriver(access_key, secret_key, secure=secure,
                                         host=url.hostname, port=url.port or (
                                             443 if secure else 80))
        if region:
            self.driver.region_name = region
        self.bucket = bucket
        if create_bucket:
            self.ensure_bucket()

    def ensure_bucket(self) -> None:
        try:
            self.driver.get_container(self.bucket)
        except ContainerDoesNotExistError:
            self.driver.create_container(self.bucket)

    def url(self, name):
        # Files leave Pauta only through its permission-checked views, never by a bucket URL.
        raise NotImplementedError("media files are served by Pauta's views")
