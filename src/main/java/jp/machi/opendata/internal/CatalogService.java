package jp.machi.opendata.internal;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import jp.machi.opendata.DatasetSource;
import jp.machi.opendata.PublishedDataset;
import jp.machi.opendata.UpdateFrequency;
import jp.machi.shared.text.LocalizedText;
import jp.machi.ward.WardProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * The catalog: collects the modules' {@link DatasetSource}s, keeps a row per dataset, and answers from an in-memory
 * snapshot that is rebuilt whenever opendata_revision (bumped by triggers on every change) has moved — one
 * single-row query per request, never stale.
 */
@Service
public class CatalogService {

    private static final Logger log = LoggerFactory.getLogger(CatalogService.class);

    private final CatalogRepository repository;
    private final ObjectProvider<DatasetSource> sources;
    private final WardProfile ward;
    private final Clock clock;
    private volatile Map<String, PublishedDataset> live;
    private volatile Catalog snapshot;

    CatalogService(CatalogRepository repository, ObjectProvider<DatasetSource> sources, WardProfile ward, Clock clock) {
        this.repository = repository;
        this.sources = sources;
        this.ward = ward;
        this.clock = clock;
    }

    /** The live datasets of every module, by name (asked once). */
    Map<String, PublishedDataset> live() {
        Map<String, PublishedDataset> l = live;
        if (l == null) {
            Map<String, PublishedDataset> m = new HashMap<>();
            sources.orderedStream().forEach(s -> s.datasets().forEach(d -> {
                if (m.putIfAbsent(d.name(), d) != null) {
                    throw new IllegalStateException("two live datasets are called " + d.name());
                }
            }));
            live = l = Map.copyOf(m);
            register(l.values());
        }
        return l;
    }

    /** Adds a catalog row for each live dataset the catalog has not seen (staff edits of known ones are kept). */
    private void register(java.util.Collection<PublishedDataset> datasets) {
        Instant now = clock.instant();
        for (PublishedDataset d : datasets) {
            String email = ward.department(d.departmentCode()).map(WardProfile.Department::email).orElse("");
            CatalogRepository.Row row = new CatalogRepository.Row(UUID.randomUUID(), d.name(), CatalogDataset.Kind.LIVE,
                d.fileSlug(), d.standardNumber(), null, d.title(), d.description(), d.departmentCode(), d.category(),
                d.tags(), Licence.CC_BY_4_0, new LocalizedText("", ""), d.frequency(), null, null, ward.name().ja(),
                email == null ? "" : email, false, now, now);
            try {
                if (repository.insertIfAbsent(row)) {
                    log.info("open data: added the live dataset {} to the catalog", d.name());
                }
            } catch (org.springframework.dao.DataAccessException e) {
                log.error("open data: the live dataset {} could not be added (file name {} taken?)", d.name(), d.fileSlug(), e);
            }
        }
    }

    /** The current catalog (rebuilt when anything changed, in this or another instance). */
    public Catalog current() {
        live();
        CatalogRepository.Revision rev = repository.revision();
        Catalog c = snapshot;
        if (c != null && c.revision() == rev.rev() && c.epoch().equals(rev.epoch())) {
            return c;
        }
        synchronized (this) {
            c = snapshot;
            if (c != null && c.revision() == rev.rev() && c.epoch().equals(rev.epoch())) {
                return c;
            }
            c = build(rev);
            snapshot = c;
            return c;
        }
    }

    private Catalog build(CatalogRepository.Revision rev) {
        Map<String, PublishedDataset> l = live();
        Map<UUID, List<CatalogDataset.VersionInfo>> versions = repository.versions();
        List<CatalogDataset> all = new ArrayList<>();
        for (CatalogRepository.Row r : repository.all()) {
            PublishedDataset p = r.kind() == CatalogDataset.Kind.LIVE ? l.get(r.name()) : null;
            List<jp.machi.opendata.Column> columns;
            String lat = null;
            String lon = null;
            if (r.kind() == CatalogDataset.Kind.LIVE) {
                columns = p == null ? List.of() : p.columns();
                if (p != null) {
                    lat = p.latitudeKey();
                    lon = p.longitudeKey();
                }
            } else {
                columns = Layout.byCode(r.layoutCode()).map(Layout::columns).orElse(List.of());
            }
            List<CatalogDataset.VersionInfo> vs = versions.getOrDefault(r.id(), List.of());
            all.add(new CatalogDataset(r.id(), r.name(), r.kind(), r.fileSlug(), r.standardNumber(), r.layoutCode(),
                r.title(), r.description(), r.departmentCode(), r.category(), List.copyOf(r.tags()), r.licence(),
                r.attribution(), r.frequency(), r.temporalStart(), r.temporalEnd(), r.spatial(), r.contactEmail(),
                r.generated(), r.created(), r.updated(), columns, lat, lon, p, vs.isEmpty() ? null : vs.get(0),
                List.copyOf(vs), searchText(r)));
        }
        return new Catalog(rev.rev(), rev.epoch(), ward.code(), all);
    }

    private String searchText(CatalogRepository.Row r) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.name()).append(' ').append(r.title().ja()).append(' ').append(r.title().en()).append(' ')
            .append(r.description().ja()).append(' ').append(r.description().en()).append(' ')
            .append(String.join(" ", r.tags())).append(' ').append(r.category().ja()).append(' ').append(r.category().en());
        ward.department(r.departmentCode()).ifPresent(d -> sb.append(' ').append(d.label(Locale.JAPANESE)).append(' ')
            .append(d.label(Locale.ENGLISH)));
        return fold(sb.toString());
    }

    /** NFKC, lower case, katakana as hiragana: what search text and query words are compared in. */
    public static String fold(String s) {
        String n = Normalizer.normalize(s == null ? "" : s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(n.length());
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            sb.append(c >= 'ァ' && c <= 'ヶ' ? (char) (c - 0x60) : c);
        }
        return sb.toString();
    }

    /** Defaults for a new dataset's contact: the department's address. */
    public String departmentEmail(String departmentCode) {
        return ward.department(departmentCode).map(WardProfile.Department::email).orElse("");
    }

    static UpdateFrequency frequencyOf(String s) {
        try {
            return UpdateFrequency.valueOf(s);
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }
}
