package jp.machi.ward;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import jp.machi.shared.image.GeoPoint;
import jp.machi.shared.text.NameFolding;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The 町名 of the ward with their approximate centres, readings and romanised names, for the places known only by
 * their 町: a report typed without a map, the districts within a radius of a point, the booking list and the
 * facility search sorted by distance from a 町. Each centre is the mean of the GSI shelter points whose address is in
 * that 町 ({@code ward/district-centres.csv}; see NOTICE), not an official centre, and the pages that use it say so.
 * No geocoding service is asked.
 */
@Component
public class DistrictCentres {

    static final String FILE = "ward/district-centres.csv";

    /** One 町: its name as written, its reading in hiragana and its Hepburn romanisation (either may be null). */
    public record District(String name, GeoPoint centre, String reading, String romanised) {}

    /** What a typed place names: one 町, the whole ward, several 町, or nothing known. */
    public enum MatchKind { FOUND, WHOLE_WARD, SEVERAL, NONE }

    /**
     * The outcome of {@link #match}.
     *
     * @param kind      what was found
     * @param districts the 町 found: one for FOUND, two or more for SEVERAL, none otherwise
     */
    public record Match(MatchKind kind, List<String> districts) {
        public Optional<String> district() {
            return kind == MatchKind.FOUND ? Optional.of(districts.get(0)) : Optional.empty();
        }
    }

    private final Map<String, District> districts = new LinkedHashMap<>();
    private final List<String> wardPrefixes = new ArrayList<>();

    public DistrictCentres(WardProfile ward) {
        var resource = new ClassPathResource(FILE);
        if (resource.exists()) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    String[] f = line.split(",");
                    String name = f[0].strip();
                    districts.put(name, new District(name, new GeoPoint(Double.parseDouble(f[1]), Double.parseDouble(f[2])),
                        f.length > 4 && !f[4].isBlank() ? f[4].strip() : null,
                        f.length > 5 && !f[5].isBlank() ? f[5].strip() : null));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        // what may stand before the 町 in an address: the prefecture, then the ward, in either language
        if (ward != null) {
            for (var text : new jp.machi.shared.text.LocalizedText[] {ward.prefecture(), ward.name()}) {
                if (text != null) {
                    addPrefix(text.in(Locale.JAPANESE));
                    addPrefix(text.in(Locale.ENGLISH));
                }
            }
            if (ward.name() != null && ward.name().in(Locale.ENGLISH) != null) {
                String en = ward.name().in(Locale.ENGLISH).replaceFirst("(?i)\\s*(city|ward)$", "");
                addPrefix(en + "-ku");
                addPrefix(en + " ward");
            }
        }
        addPrefix("tokyo-to");
        wardPrefixes.sort(Comparator.comparingInt(String::length).reversed());
    }

    private void addPrefix(String p) {
        if (p != null && !p.isBlank()) {
            String f = key(p);
            if (!f.isEmpty() && !wardPrefixes.contains(f)) {
                wardPrefixes.add(f);
            }
        }
    }

    /** The 町 that have a centre, in the file's order (the ward's 50音順). */
    public List<String> districts() {
        return List.copyOf(districts.keySet());
    }

    public Optional<GeoPoint> centre(String district) {
        return Optional.ofNullable(district == null ? null : districts.get(district.strip())).map(District::centre);
    }

    /** The 町's name for a page in that language: romanised on English pages when known, else as written. */
    public String name(String district, Locale locale) {
        if (district == null) {
            return null;
        }
        District d = districts.get(district.strip());
        return d != null && d.romanised() != null && locale != null && "en".equals(locale.getLanguage())
            ? d.romanised() : district;
    }

    /** The 町's name in the language of the current request (for templates: {@code ${@districtCentres.name(d)}}). */
    public String name(String district) {
        return name(district, org.springframework.context.i18n.LocaleContextHolder.getLocale());
    }

    /** Several 町 for a page: each by {@link #name(String)}, joined by 「、」 in Japanese and ", " in English. */
    public String names(java.util.Collection<String> list) {
        return names(list, org.springframework.context.i18n.LocaleContextHolder.getLocale());
    }

    /** Several 町 in that language, joined by 「、」 in Japanese and ", " in English. */
    public String names(java.util.Collection<String> list, Locale locale) {
        return String.join("en".equals(locale.getLanguage()) ? ", " : "、",
            list.stream().map(d -> name(d, locale)).toList());
    }

    /** The 町's reading in hiragana, when known. */
    public Optional<String> reading(String district) {
        return Optional.ofNullable(district == null ? null : districts.get(district.strip())).map(District::reading);
    }

    /**
     * Which 町 a typed place names. The prefecture and the ward (東京都練馬区, "Nerima City") are skipped first: every
     * address of the ward starts with them, so they name no 町. Then a 町 written exactly (in kanji, kana or romaji,
     * with or without macrons) wins; else the longest 町 the rest starts with (豊玉北六丁目 → 豊玉北, 中村北2-1 → 中村北);
     * else the 町 named anywhere in it, when there is exactly one (a 町 inside a longer one found, such as 中村 in
     * 中村北, does not count twice).
     */
    public Match match(String text) {
        String rest = key(text);
        if (rest.isEmpty()) {
            return new Match(MatchKind.NONE, List.of());
        }
        boolean stripped = false;
        for (boolean again = true; again; ) {
            again = false;
            for (String p : wardPrefixes) {
                if (rest.startsWith(p)) {
                    rest = rest.substring(p.length()).replaceFirst("^[,、，.]+", "");
                    stripped = again = true;
                    break;
                }
            }
        }
        if (rest.isEmpty()) {
            return new Match(stripped ? MatchKind.WHOLE_WARD : MatchKind.NONE, List.of());
        }
        for (District d : districts.values()) {
            for (String k : keys(d)) {
                if (rest.equals(k)) {
                    return new Match(MatchKind.FOUND, List.of(d.name()));
                }
            }
        }
        District longest = null;
        int longestLength = 0;
        for (District d : districts.values()) {
            for (String k : keys(d)) {
                if (rest.startsWith(k) && k.length() > longestLength) {
                    longest = d;
                    longestLength = k.length();
                }
            }
        }
        if (longest != null) {
            // 「旭丘と栄町」 starts with one 町 and names another: that is no single 町
            List<String> more = named(rest.substring(longestLength));
            if (more.isEmpty() || more.equals(List.of(longest.name()))) {
                return new Match(MatchKind.FOUND, List.of(longest.name()));
            }
            List<String> all = new ArrayList<>(List.of(longest.name()));
            more.stream().filter(d -> !all.contains(d)).forEach(all::add);
            return new Match(MatchKind.SEVERAL, List.copyOf(all));
        }
        List<String> named = named(rest);
        return switch (named.size()) {
            case 0 -> new Match(MatchKind.NONE, List.of());
            case 1 -> new Match(MatchKind.FOUND, List.copyOf(named));
            default -> new Match(MatchKind.SEVERAL, List.copyOf(named));
        };
    }

    /** The 町 named anywhere in a text (in the file's order), a 町 inside a longer one found (中村 in 中村北) not counted. */
    private List<String> named(String rest) {
        List<String> inside = new ArrayList<>();
        List<String> insideKeys = new ArrayList<>();
        for (District d : districts.values()) {
            for (String k : keys(d)) {
                if (k.length() >= 2 && rest.contains(k)) {
                    inside.add(d.name());
                    insideKeys.add(k);
                    break;
                }
            }
        }
        List<String> named = new ArrayList<>();
        for (int i = 0; i < inside.size(); i++) {
            String k = insideKeys.get(i);
            boolean partOfLonger = false;
            for (String other : insideKeys) {
                if (other.length() > k.length() && other.contains(k)) {
                    partOfLonger = true;
                    break;
                }
            }
            if (!partOfLonger) {
                named.add(inside.get(i));
            }
        }
        return named;
    }

    private static List<String> keys(District d) {
        List<String> k = new ArrayList<>(3);
        k.add(key(d.name()));
        if (d.reading() != null) {
            k.add(key(d.reading()));
        }
        if (d.romanised() != null) {
            k.add(key(d.romanised()));
        }
        return k;
    }

    /**
     * A form for comparing: {@link NameFolding} (width, kana, case, spaces and hyphens), then romaji without macrons
     * and with long vowels written once (Ōizumi, Oizumi, Ooizumi and Ohizumi meet), and ヶ/ケ read as が (光ヶ丘).
     */
    static String key(String text) {
        String f = NameFolding.fold(text);
        f = Normalizer.normalize(f, Normalizer.Form.NFD).replaceAll("[\\u0300-\\u036f]", "");
        f = Normalizer.normalize(f, Normalizer.Form.NFC);
        f = f.replace('ゖ', 'が').replace("ou", "o").replace("oo", "o").replace("oh", "o")
            .replace("uu", "u");
        return f;
    }
}
