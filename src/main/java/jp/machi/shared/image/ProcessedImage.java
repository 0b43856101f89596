package jp.machi.shared.image;

/**
 * What is stored and published of an uploaded image: a re-encoded web JPEG and its thumbnail, with their sizes.
 * {@code exifLocation} (nullable) is only a suggestion read from the upload and is never stored.
 */
public record ProcessedImage(byte[] web, int width, int height, byte[] thumbnail, int thumbWidth, int thumbHeight,
                             GeoPoint exifLocation) implements java.io.Serializable {}
