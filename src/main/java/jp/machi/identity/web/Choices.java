package jp.machi.identity.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jp.machi.shared.web.Option;
import jp.machi.ward.DistrictCentres;
import jp.machi.ward.WardProfile;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Choices offered in identity forms. */
@Component
public class Choices {

    private final WardProfile ward;
    private final MessageSource messages;
    private final DistrictCentres names;

    Choices(WardProfile ward, MessageSource messages, DistrictCentres names) {
        this.ward = ward;
        this.messages = messages;
        this.names = names;
    }

    public List<Option> districts(Locale locale) {
        List<Option> options = new ArrayList<>();
        options.add(new Option("", messages.getMessage("identity.district.none", null, locale)));
        ward.districts().forEach(d -> options.add(new Option(d, names.name(d, locale))));
        return options;
    }

    public List<Option> languages() {
        return List.of(new Option("ja", "日本語"), new Option("en", "English"));
    }

    public boolean validDistrict(String district) {
        return district == null || district.isBlank() || ward.districts().contains(district);
    }
}
