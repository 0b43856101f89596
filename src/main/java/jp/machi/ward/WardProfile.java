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
 * @param boundary      the ward's outline as [lon, lat] points (a closed ring, first point not repeated), or
 *                      null/empty when the profile has none: then every point counts as inside
 * @param contact       where residents ask for help by phone or at the counter (name, phone, hours), or null
 */
@ConfigurationProperties("machi.ward")
public record WardProfile(String code, LocalizedText name, LocalizedText prefecture, boolean demonstration,
                          MapCenter mapCenter, List<Department> departments, List<String> districts,
                          String source, List<List<Double>> boundary, Contact contact) {

    public WardProfile {
        departments = departments == null ? List.of() : List.copyOf(departments);
        districts = districts == null ? List.of() : List.copyOf(districts);
        boundary = boundary == null ? List.of() : boundary.stream().map(List::copyOf).toList();
        for (List<Double> point : boundary) {
            if (point.size() != 2) {
                throw new IllegalArgumentException("Each boundary point of the ward profile is [lon, lat], got " + point);
            }
        }
        if (!boundary.isEmpty() && boundary.size() < 3) {
            throw new IllegalArgumentException("A ward boundary needs at least three points");
        }
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

    /** True when the profile has a boundary polygon. */
    public boolean hasBoundary() {
        return !boundary.isEmpty();
    }

    /**
     * True when the point lies inside the ward's boundary (ray casting, even-odd rule), or when the profile has
     * no boundary.
     */
    public boolean contains(double lat, double lon) {
        if (boundary.isEmpty()) {
            return true;
        }
        boolean inside = false;
        for (int i = 0, j = boundary.size() - 1; i < boundary.size(); j = i++) {
            double xi = boundary.get(i).get(0), yi = boundary.get(i).get(1);
            double xj = boundary.get(j).get(0), yj = boundary.get(j).get(1);
            if ((yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi) {
                inside = !inside;
            }
        }
        return inside;
    }

    /**
     * The ward's general contact for residents who need help (the pages' 「お困りのときは」, the accessibility page,
     * the mails' signature).
     *
     * @param name    who answers, e.g. 区民相談室
     * @param phone   the phone number
     * @param hours   when the phone and the counter are open, in words
     * @param counter where the counter is (building and floor)
     */
    public record Contact(LocalizedText name, String phone, LocalizedText hours, LocalizedText counter) {}

    /** A 部・課 of the ward. */
    public record Department(String code, LocalizedText division, LocalizedText name, String phone, String email) {
        public String label(Locale locale) {
            return division.in(locale) + " " + name.in(locale);
        }
    }

    public record MapCenter(double lat, double lon, int zoom) {}
}
