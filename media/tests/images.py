"""Small real images for the media tests, made with Pillow (EXIF date, camera, GPS)."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, ImageDraw

GPS = {ExifTags.GPS.GPSLatitudeRef: "S", ExifTags.GPS.GPSLatitude: (23.0, 32.0, 51.0),
       ExifTags.GPS.GPSLongitudeRef: "W", ExifTags.GPS.GPSLongitude: (46.0, 38.0, 10.0)}


def jpeg(seed: int = 0, size=(640, 480), gps: bool = True, taken="2026:03:14 10:30:00",
         camera=("Canon", "EOS R6")) -> bytes:
    image = Image.new("RGB", size, ((seed * 37) % 256, (seed * 91) % 256, (seed * 53) % 256))
    draw = ImageDraw.Draw(image)
    for i in range(6):  # a pattern that differs per seed, so perceptual hashes differ
        x = (seed * 13 + i * 97) % size[0]
        y = (seed * 29 + i * 61) % size[1]
        draw.rectangle([x, y, x + size[0] // 4, y + size[1] // 5],
                       fill=((seed * 7 + i * 40) % 256, (i * 80) % 256, (seed * 3) % 256))
    exif = Image.Exif()
    exif[ExifTags.Base.Make], exif[ExifTags.Base.Model] = camera
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] = taken
    if gps:
        exif.get_ifd(ExifTags.IFD.GPSInfo).update(GPS)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), quality=80)
    return out.getvalue()


def upload(data: bytes, name="foto.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def gps_of(data: bytes) -> dict:
    """The GPS block of a file's EXIF, read back with Pillow's reader ({} when none)."""
    return dict(Image.open(io.BytesIO(data)).getexif().get_ifd(ExifTags.IFD.GPSInfo))
