"""Pillow work of the media bank: EXIF facts, derivatives without location, perceptual hash.

Derivatives (a thumbnail and a web size) keep the date and the camera of the EXIF block and
lose its GPS block: every derived file may leave Pauta, and a photo's location (a child's
school, a person's home) must not. The original stays inside Pauta and is never served to
the public.
"""

import io
import shutil
import subprocess  # noqa: S404  (ffmpeg/ffprobe from Debian, fixed arguments, no shell)
import tempfile
from dataclasses import dataclass
from datetime import datetime

from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

THUMBNAIL = (320, 320)
WEB = (1600, 1600)
GPS_IFD = ExifTags.IFD.GPSInfo  # 0x8825
EXIF_IFD = ExifTags.IFD.Exif  # 0x8769
DATETIME_ORIGINAL = ExifTags.Base.DateTimeOriginal
DATETIME = ExifTags.Base.DateTime
MAKE, MODEL = ExifTags.Base.Make, ExifTags.Base.Model
ORIENTATION = ExifTags.Base.Orientation
# A decompression bomb is refused, not read (Pillow's guard raises above twice this).
Image.MAX_IMAGE_PIXELS = 60_000_000


class NotAnImage(ValueError):
    pass


@dataclass
class Facts:
    width: int
    height: int
    taken_at: datetime | None
    camera: str
    had_gps: bool


def _open(data: bytes) -> Image.Image:
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError) as e:
        raise NotAnImage(str(e)) from e
    return image


def _exif_date(value) -> datetime | None:
    try:
        return datetime.strptime(str(value).strip("\x00 "), "%Y:%m:%d %H:%M:%S")
    except (TypeError, ValueError):
        return None


def facts(data: bytes) -> Facts:
    """Size, date taken, camera and whether a location was recorded, from the original."""
    image = _open(data)
    exif = image.getexif()
    sub = exif.get_ifd(EXIF_IFD) if exif else {}
    taken = _exif_date(sub.get(DATETIME_ORIGINAL) or exif.get(DATETIME))
    camera = " ".join(str(exif.get(tag, "")).strip("\x00 ") for tag in (MAKE, MODEL)).strip()
    width, height = ImageOps.exif_transpose(image).size
    return Facts(width, height, taken, camera[:200], bool(exif.get_ifd(GPS_IFD)))


def _clean_exif(image: Image.Image) -> Image.Exif:
    """The original's EXIF without its GPS block (and without the orientation, applied)."""
    exif = image.getexif()
    if GPS_IFD in exif:
        del exif[GPS_IFD]
    exif.pop(ORIENTATION, None)
    return exif


def derive(data: bytes, box: tuple[int, int]) -> tuple[bytes, str]:
    """A JPEG (PNG when the original has transparency) fitted in ``box``, without GPS."""
    image = _open(data)
    exif = _clean_exif(image)
    image = ImageOps.exif_transpose(image)
    image.thumbnail(box, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    if image.mode in ("RGBA", "LA", "P") and "transparency" in image.info or image.mode in (
            "RGBA", "LA"):
        image.save(out, "PNG", optimize=True, exif=exif.tobytes())
        return out.getvalue(), "png"
    image.convert("RGB").save(out, "JPEG", quality=82, optimize=True, exif=exif.tobytes())
    return out.getvalue(), "jpg"


def dhash(data: bytes) -> str:
    """The 64-bit difference hash (16 hex digits): near-equal pictures differ in few bits."""
    image = ImageOps.exif_transpose(_open(data)).convert("L").resize(
        (9, 8), Image.Resampling.LANCZOS)
    pixels = list(image.get_flattened_data())
    bits = 0
    for row in range(8):
        for col in range(8):
            left, right = pixels[row * 9 + col], pixels[row * 9 + col + 1]
            bits = (bits << 1) | (left > right)
    return f"{bits:016x}"


def distance(a: str, b: str) -> int:
    return (int(a, 16) ^ int(b, 16)).bit_count()


# Video: poster frame and duration with Debian's ffmpeg, when installed (docs/media.md).
def ffmpeg_available() -> bool:
    return bool(shutil.which("ffmpeg") and shutil.which("ffprobe"))


def _probe_duration(source: str) -> float | None:
    probe = subprocess.run(  # noqa: S603
        [shutil.which("ffprobe"), "-v", "error", "-show_entries", "format=duration",
         "-of", "default=nw=1:nk=1", source], capture_output=True, timeout=60, check=False)
    try:
        return float(probe.stdout.decode().strip())
    except ValueError:
        return None


def media_duration(data: bytes) -> float | None:
    """The duration in seconds of an audio or video file (ffprobe); None without ffmpeg or
    when it cannot read the file."""
    if not ffmpeg_available():
        return None
    with tempfile.TemporaryDirectory() as tmp:
        source = f"{tmp}/media"
        with open(source, "wb") as fh:
            fh.write(data)
        return _probe_duration(source)


def video_poster(data: bytes) -> tuple[bytes | None, float | None]:
    """(a JPEG frame at one second or the first one, the duration in seconds); (None, None)
    when ffmpeg is missing or cannot read the file."""
    if not ffmpeg_available():
        return None, None
    with tempfile.TemporaryDirectory() as tmp:
        source = f"{tmp}/video"
        with open(source, "wb") as fh:
            fh.write(data)
        duration = _probe_duration(source)
        frame = f"{tmp}/poster.jpg"
        at = "1" if duration and duration > 1 else "0"
        subprocess.run(  # noqa: S603
            [shutil.which("ffmpeg"), "-v", "error", "-ss", at, "-i", source, "-frames:v", "1",
             "-map_metadata", "-1", "-y", frame], capture_output=True, timeout=120, check=False)
        try:
            with open(frame, "rb") as fh:
                return fh.read(), duration
        except OSError:
            return None, duration
