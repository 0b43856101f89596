package jp.machi.ward;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import jp.machi.shared.text.LocalizedText;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who the ward is. Bound from the profile file under {@code machi.ward}.
 *
 * @param code          全国地方公共団体コード, six digits with the check digit (練馬区: 131202)
 * @param name          the ward's name
 * @param prefecture    the prefecture's name
 * @param demonstration true when this profile is a demonstration, not the ward's official service
 * @param mapCenter     where maps open
 * @param departments   部・課 with their contacts
 * @param districts     町丁目 (or 町) residents choose from
 */
@ConfigurationProperties("machi.ward")
public record WardProfile(String code, LocalizedText name, LocalizedText prefecture, boolean demonstration,
                          MapCenter mapCenter, List<Department> departments, List<String> districts,
                          String source) {

    public WardProfile {
        departments = departments == null ? List.of() : List.copyOf(departments);
        districts = districts == null ? List.of() : List.copyOf(districts);
        if (code == null || !LocalGovernmentCode.isValid(code)) {
            throw new IllegalArgumentException("The ward profile needs a valid 6-digit 全国地方公共団体コード, got " + code);
        }
    }

    public String name(Locale locale) {
        return name.in(locale);
    }

    public Optional<Department> department(String departmentCode) {
        return departments.stream().filter(d -> d.code().equals(departmentCode)).findFirst();
    }

    /** A 部・課 of the ward. */
    public record Department(String code, LocalizedText division, LocalizedText name, String phone, String email) {
        public String label(Locale locale) {
            return division.in(locale) + " " + name.in(locale);
        }
    }

    public record MapCenter(double lat, double lon, int zoom) {}
}
