package jp.machi.inquiry.internal;

import java.util.Arrays;
import java.util.Optional;

/** The life events (ライフイベント) FAQ are grouped by; the label is the message {@code inquiry.category.<slug>}. */
public enum FaqCategory {
    MOVING("moving"), REGISTRY("registry"), BIRTH("birth"), CHILDCARE("childcare"), SCHOOL("school"),
    MARRIAGE("marriage"), DEATH("death"), GARBAGE("garbage"), TAX("tax"), INSURANCE("insurance"),
    WELFARE("welfare"), HEALTH("health"), FACILITIES("facilities"), DISASTER("disaster"), LIVING("living"),
    OTHER("other");

    private final String slug;

    FaqCategory(String slug) {
        this.slug = slug;
    }

    public String slug() {
        return slug;
    }

    public String messageKey() {
        return "inquiry.category." + slug;
    }

    public static Optional<FaqCategory> bySlug(String slug) {
        return Arrays.stream(values()).filter(c -> c.slug.equals(slug)).findFirst();
    }
}
