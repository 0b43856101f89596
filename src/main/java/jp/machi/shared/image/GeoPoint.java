package jp.machi.shared.image;

/** A latitude/longitude, e.g. read from a photo's EXIF: a suggestion for the person, never used silently. */
public record GeoPoint(double lat, double lon) implements java.io.Serializable {}
