package jp.machi.report.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import jp.machi.shared.image.GeoPoint;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The approximate centre of each 町名, for a report placed without a map (no JavaScript): the mean of the GSI
 * shelter points whose address is in that 町 (report/district-centres.csv). Staff see that such a place is
 * approximate and that the typed address is what counts.
 */
@Component
public class DistrictCentres {

    private final Map<String, GeoPoint> centres = new LinkedHashMap<>();

    public DistrictCentres() throws IOException {
        var resource = new ClassPathResource("report/district-centres.csv");
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
        }
    }

    public Optional<GeoPoint> centre(String district) {
        return Optional.ofNullable(district == null ? null : centres.get(district));
    }
}
