package jp.machi.facility.api;

/** A tiny JSON writer over a StringBuilder: fast for thousands of features, no object mapping. */
final class Json {

    private Json() {}

    static void string(StringBuilder sb, String s) {
        jp.machi.shared.text.JsonStrings.append(sb, s);
    }

    static void field(StringBuilder sb, String name, String value) {
        string(sb, name);
        sb.append(':');
        string(sb, value);
    }

    static void field(StringBuilder sb, String name, Object value) {
        string(sb, name);
        sb.append(':').append(value == null ? "null" : value.toString());
    }
}
