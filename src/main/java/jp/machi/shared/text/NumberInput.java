package jp.machi.shared.text;

/** The one reader of decimal numbers typed into parameters (coordinates, bounding boxes): finite, at most 30 characters. */
public final class NumberInput {

    private NumberInput() {}

    /** The number, or null when the text is blank, too long, not a number, infinite or NaN. */
    public static Double decimal(String s) {
        if (s == null || s.isBlank() || s.strip().length() > 30) {
            return null;
        }
        try {
            double d = Double.parseDouble(s.strip());
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Exactly {@code count} comma-separated decimals (e.g. a bbox), or null. */
    public static double[] decimals(String s, int count) {
        if (s == null) {
            return null;
        }
        String[] parts = s.split(",", -1);
        if (parts.length != count) {
            return null;
        }
        double[] result = new double[count];
        for (int i = 0; i < count; i++) {
            Double d = decimal(parts[i]);
            if (d == null) {
                return null;
            }
            result[i] = d;
        }
        return result;
    }
}
