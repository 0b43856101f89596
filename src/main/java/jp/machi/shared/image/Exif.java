package jp.machi.shared.image;

import java.util.Optional;

/**
 * The two things we read from a JPEG's EXIF before throwing it away: the orientation (so the picture can be
 * turned upright) and the GPS position (offered to the reporter as a suggestion). A small reader of the APP1
 * segment's TIFF structure; anything malformed simply yields "none".
 */
record Exif(int orientation, Optional<GeoPoint> location) {

    static final Exif NONE = new Exif(1, Optional.empty());

    static Exif read(byte[] jpeg) {
        try {
            int i = 2;
            while (i + 4 <= jpeg.length) {
                if ((jpeg[i] & 0xFF) != 0xFF) {
                    return NONE;
                }
                int marker = jpeg[i + 1] & 0xFF;
                if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
                    i += 2;
                    continue;
                }
                if (marker == 0xDA || marker == 0xD9) {
                    return NONE; // start of scan: no EXIF before the image data
                }
                int length = ((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF);
                if (length < 2 || i + 2 + length > jpeg.length) {
                    return NONE;
                }
                if (marker == 0xE1 && length >= 8 && jpeg[i + 4] == 'E' && jpeg[i + 5] == 'x' && jpeg[i + 6] == 'i'
                    && jpeg[i + 7] == 'f' && jpeg[i + 8] == 0 && jpeg[i + 9] == 0) {
                    return parseTiff(jpeg, i + 10, i + 2 + length);
                }
                i += 2 + length;
            }
        } catch (RuntimeException e) {
            return NONE;
        }
        return NONE;
    }

    private static Exif parseTiff(byte[] b, int start, int end) {
        Tiff t = new Tiff(b, start, end);
        if (!t.valid()) {
            return NONE;
        }
        int ifd0 = t.u32(4);
        int orientation = 1;
        Optional<GeoPoint> gps = Optional.empty();
        int count = t.u16(ifd0);
        for (int n = 0; n < count && n < 500; n++) {
            int entry = ifd0 + 2 + n * 12;
            int tag = t.u16(entry);
            if (tag == 0x0112) {
                orientation = t.u16(entry + 8);
            } else if (tag == 0x8825) {
                gps = gps(t, t.u32(entry + 8));
            }
        }
        return new Exif(orientation, gps);
    }

    private static Optional<GeoPoint> gps(Tiff t, int ifd) {
        char latRef = 0;
        char lonRef = 0;
        Double lat = null;
        Double lon = null;
        int count = t.u16(ifd);
        for (int n = 0; n < count && n < 100; n++) {
            int entry = ifd + 2 + n * 12;
            int tag = t.u16(entry);
            switch (tag) {
                case 1 -> latRef = (char) t.u8(entry + 8);
                case 2 -> lat = t.degrees(t.u32(entry + 8));
                case 3 -> lonRef = (char) t.u8(entry + 8);
                case 4 -> lon = t.degrees(t.u32(entry + 8));
                default -> { }
            }
        }
        if (lat == null || lon == null || lat.isNaN() || lon.isNaN()) {
            return Optional.empty();
        }
        double la = latRef == 'S' ? -lat : lat;
        double lo = lonRef == 'W' ? -lon : lon;
        if (Math.abs(la) > 90 || Math.abs(lo) > 180) {
            return Optional.empty();
        }
        return Optional.of(new GeoPoint(la, lo));
    }

    /** Offsets are relative to the TIFF header; every read is bounds-checked against the APP1 segment. */
    private record Tiff(byte[] b, int start, int end) {
        boolean littleEndian() {
            return b[start] == 'I' && b[start + 1] == 'I';
        }

        boolean valid() {
            return end - start >= 8 && ((b[start] == 'I' && b[start + 1] == 'I') || (b[start] == 'M' && b[start + 1] == 'M'));
        }

        int u8(int off) {
            int p = start + off;
            if (off < 0 || p >= end) {
                throw new IndexOutOfBoundsException();
            }
            return b[p] & 0xFF;
        }

        int u16(int off) {
            return littleEndian() ? u8(off) | (u8(off + 1) << 8) : (u8(off) << 8) | u8(off + 1);
        }

        int u32(int off) {
            long v = littleEndian()
                ? u16(off) | ((long) u16(off + 2) << 16)
                : ((long) u16(off) << 16) | u16(off + 2);
            if (v > Integer.MAX_VALUE) {
                throw new IndexOutOfBoundsException();
            }
            return (int) v;
        }

        double rational(int off) {
            long num = u32(off) & 0xFFFFFFFFL;
            long den = u32(off + 4) & 0xFFFFFFFFL;
            return den == 0 ? Double.NaN : (double) num / den;
        }

        double degrees(int off) {
            return rational(off) + rational(off + 8) / 60 + rational(off + 16) / 3600;
        }
    }
}
