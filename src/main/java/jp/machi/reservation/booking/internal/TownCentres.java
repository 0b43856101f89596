package jp.machi.reservation.booking.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.machi.shared.image.GeoPoint;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The approximate centre of each 町名, for sorting the booking list by distance from the 町 a resident chooses (no
 * JavaScript, no geocoding service): the mean of the GSI shelter points whose address is in that 町
 * ({@code reservation/district-centres.csv}, a copy of the report module's; see NOTICE). An approximation, and the page
 * says so.
 */
@Component
public class TownCentres {

    private final Map<String, GeoPoint> centres = new LinkedHashMap<>();

    public TownCentres() throws IOException {
        var resource = new ClassPathResource("reservation/district-centres.csv");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(",");
                centres.put(f[0].strip(), new GeoPoint(Double.parseDouble(f[1]), Double.parseDouble(f[2])));
            }
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
