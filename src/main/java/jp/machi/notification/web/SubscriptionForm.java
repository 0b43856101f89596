package jp.machi.notification.web;

import java.util.List;
import jp.machi.notification.internal.Areas;
import jp.machi.notification.internal.Problem;
import jp.machi.notification.internal.Subscription;
import jp.machi.notification.internal.SubscriptionInput;
import org.springframework.validation.BindingResult;

/**
 * The subscription form (anonymous, preference page, My Page): address, language, topics, districts and "around a
 * place" as a district's centre with a radius ({@code nearDistrict} {@value #KEEP_POINT} keeps a point given
 * through the API).
 */
public record SubscriptionForm(String email, String language, List<String> topics, List<String> areas,
                               String nearDistrict, String nearRadius) {

    public static final String KEEP_POINT = "__point__";
    public static final List<Integer> RADII = List.of(500, 1000, 2000, 3000);

    public SubscriptionForm {
        topics = topics == null ? List.of() : topics;
        areas = areas == null ? List.of() : areas;
    }

    public static SubscriptionForm empty(String email, String language) {
        return new SubscriptionForm(email, language, List.of(), List.of(), "", "1000");
    }

    public static SubscriptionForm of(Subscription s) {
        return new SubscriptionForm(s.email(), s.language(), s.topics(), s.areas(), s.hasPoint() ? KEEP_POINT : "",
            s.hasPoint() ? String.valueOf(s.nearRadiusM()) : "1000");
    }

    /** The checked input; a district that is not one or a radius that is not a number become problems later. */
    public SubscriptionInput input(Areas areas, Subscription existing) {
        Double lat = null;
        Double lon = null;
        Integer radius = null;
        if (nearDistrict != null && !nearDistrict.isBlank()) {
            radius = parse(nearRadius);
            if (KEEP_POINT.equals(nearDistrict) && existing != null && existing.hasPoint()) {
                lat = existing.nearLat();
                lon = existing.nearLon();
            } else if (areas.centre(nearDistrict) != null) {
                lat = areas.centre(nearDistrict)[0];
                lon = areas.centre(nearDistrict)[1];
            } else {
                lat = Double.NaN;
                lon = Double.NaN;
            }
            if (radius == null) {
                radius = -1;
            }
        }
        String lang = language == null || language.isBlank() ? null : language;
        return new SubscriptionInput(topics, this.areas, lat, lon, radius, lang);
    }

    private static Integer parse(String s) {
        try {
            return s == null ? null : Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Puts the service's problems on the form's fields. */
    public static void reject(BindingResult errors, List<Problem> problems, org.springframework.context.MessageSource messages,
                              java.util.Locale locale) {
        for (Problem p : problems) {
            String field = switch (p.field()) {
                case "near" -> "nearDistrict";
                default -> p.field();
            };
            String message = messages.getMessage(p.key(), p.args().toArray(), p.key(), locale);
            if (errors.getTarget() != null && hasField(errors, field)) {
                errors.rejectValue(field, p.key(), message);
            } else {
                errors.reject(p.key(), message);
            }
        }
    }

    private static boolean hasField(BindingResult errors, String field) {
        try {
            errors.getFieldType(field);
            return errors.getFieldType(field) != null;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
