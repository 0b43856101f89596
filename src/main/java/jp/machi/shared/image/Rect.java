package jp.machi.shared.image;

/** A rectangle to black out, in the pixel space of the stored web image. */
public record Rect(int x, int y, int w, int h) {}
