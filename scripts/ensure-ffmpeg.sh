#!/usr/bin/env bash
# The media bank's video test makes a one-second clip with ffmpeg and checks the poster frame
# and the duration the derivative job reads with ffmpeg/ffprobe (docs/media.md).
APT_OPTS=--no-install-recommends exec "$(dirname "$0")/ensure-debian.sh" "${PAUTA_FFMPEG:-/usr/bin/ffmpeg}" \
  "video poster frames" ffmpeg
