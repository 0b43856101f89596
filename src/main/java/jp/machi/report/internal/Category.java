package jp.machi.report.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A kind of problem (Open311 service): who handles it, what we ask, how fast, whether staff approve publishing. */
public record Category(String code, String nameJa, String nameEn, String descriptionJa, String descriptionEn,
                       String groupJa, String groupEn, String keywords, String departmentCode, int targetWorkingDays,
                       boolean publishRequiresApproval, boolean active, int sortOrder, List<Attribute> attributes) {

    public String name(Locale locale) {
        return en(locale) ? nameEn : nameJa;
    }

    public String description(Locale locale) {
        return en(locale) ? descriptionEn : descriptionJa;
    }

    public String group(Locale locale) {
        return en(locale) ? groupEn : groupJa;
    }

    public Optional<Attribute> attribute(String code) {
        return attributes.stream().filter(a -> a.code().equals(code)).findFirst();
    }

    static boolean en(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage());
    }

    /** An extra question (Open311 attribute). */
    public record Attribute(String code, String datatype, boolean required, boolean variable, int order,
                            String descriptionJa, String descriptionEn, List<Value> values) {
        public String description(Locale locale) {
            return en(locale) ? descriptionEn : descriptionJa;
        }

        public boolean isList() {
            return datatype.endsWith("valuelist");
        }

        public Optional<Value> value(String key) {
            return values.stream().filter(v -> v.key().equals(key)).findFirst();
        }
    }

    /** One choice of a list attribute. */
    public record Value(String key, String nameJa, String nameEn) {
        public String name(Locale locale) {
            return en(locale) ? nameEn : nameJa;
        }
    }
}
