package jp.machi.ward;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.machi.shared.image.GeoPoint;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The approximate centre of each 町名 of the ward, for the places known only by their 町: a report typed without a
 * map, the districts within a radius of a point, the booking list sorted by distance from a 町. Each centre is the mean
 * of the GSI shelter points whose address is in that 町 ({@code ward/district-centres.csv}; see NOTICE), not an official
 * centre, and the pages that use it say so. No geocoding service is asked.
 */
@Component
public class DistrictCentres {

    static final String FILE = "ward/district-centres.csv";

    private final Map<String, GeoPoint> centres = new LinkedHashMap<>();

    public DistrictCentres() {
        var resource = new ClassPathResource(FILE);
        if (!resource.exists()) {
            return;
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(",");
                centres.put(f[0].strip(), new GeoPoint(Double.parseDouble(f[1]), Double.parseDouble(f[2])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 町 that have a centre, in the file's order (the ward's 50音順). */
    public List<String> districts() {
        return List.copyOf(centres.keySet());
    }

    public Optional<GeoPoint> centre(String district) {
        return Optional.ofNullable(district == null ? null : centres.get(district.strip()));
    }
}
