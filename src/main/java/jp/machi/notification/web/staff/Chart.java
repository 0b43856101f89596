package jp.machi.notification.web.staff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A horizontal bar chart as inline SVG (no script, no style attribute: the CSP forbids both; colours come from
 * machi.css classes): one row per label, the bar's width proportional to the value.
 *
 * @param height the viewBox height
 * @param bars   the rows
 */
public record Chart(int height, List<Bar> bars) {

    static final int ROW = 22;
    static final int LABEL = 110;
    static final int WIDTH = 200;

    /** One row: label, value, its y, and the bar's width. */
    public record Bar(String label, long value, int y, int width) {
        public int textY() {
            return y + 15;
        }

        public int valueX() {
            return LABEL + width + 6;
        }
    }

    public int labelWidth() {
        return LABEL;
    }

    static Chart of(Map<String, Long> values) {
        long max = values.values().stream().mapToLong(Long::longValue).max().orElse(0);
        List<Bar> bars = new ArrayList<>();
        int y = 4;
        for (var e : values.entrySet()) {
            int w = max == 0 ? 0 : (int) Math.round((double) e.getValue() / max * WIDTH);
            bars.add(new Bar(e.getKey(), e.getValue(), y, Math.max(w, e.getValue() > 0 ? 1 : 0)));
            y += ROW;
        }
        return new Chart(y + 4, bars);
    }
}
