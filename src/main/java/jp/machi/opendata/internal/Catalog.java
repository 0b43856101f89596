package jp.machi.opendata.internal;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import jp.machi.opendata.Column;
import jp.machi.opendata.Identifier;

/** An immutable snapshot of the whole catalog (rebuilt when opendata_revision changes). */
public final class Catalog {

    private final long revision;
    private final UUID epoch;
    private final String wardCode;
    private final List<CatalogDataset> datasets;
    private final Map<String, CatalogDataset> byName = new HashMap<>();
    private final Map<UUID, CatalogDataset> byId = new HashMap<>();
    private final Map<UUID, Resource> resources = new HashMap<>();
    private final Map<String, Resource> files = new HashMap<>();
    private final Map<Identifier, Set<String>> datasetsByIdentifier = new EnumMap<>(Identifier.class);
    /** Per published dataset: its title (ja and en) and its tags as search compares them, folded once per snapshot. */
    private final Map<UUID, String[]> folded = new HashMap<>();

    Catalog(long revision, UUID epoch, String wardCode, List<CatalogDataset> all) {
        this.revision = revision;
        this.epoch = epoch;
        this.wardCode = wardCode;
        this.datasets = all.stream().filter(CatalogDataset::available)
            .sorted(java.util.Comparator.comparing(CatalogDataset::name)).toList();
        for (CatalogDataset d : all) {
            byName.put(d.name(), d);
            byId.put(d.id(), d);
        }
        for (CatalogDataset d : datasets) {
            folded.put(d.id(), new String[] {CatalogService.fold(d.title().ja() + " " + d.title().en()),
                CatalogService.fold(String.join(" ", d.tags()))});
            for (Resource r : d.resources(wardCode)) {
                resources.put(r.id(), r);
                files.put(r.fileName(), r);
            }
            for (Column c : d.columns()) {
                if (c.identifier() != null) {
                    datasetsByIdentifier.computeIfAbsent(c.identifier(), k -> new LinkedHashSet<>()).add(d.name());
                }
            }
        }
    }

    /** The folded title and tags of a published dataset (see {@link CatalogService#fold}). */
    String[] folded(CatalogDataset d) {
        String[] f = folded.get(d.id());
        return f != null ? f : new String[] {CatalogService.fold(d.title().ja() + " " + d.title().en()),
            CatalogService.fold(String.join(" ", d.tags()))};
    }

    public long revision() {
        return revision;
    }

    public UUID epoch() {
        return epoch;
    }

    public String wardCode() {
        return wardCode;
    }

    /** The published datasets (available: a live one whose module is present, an uploaded one with a file), by name. */
    public List<CatalogDataset> datasets() {
        return datasets;
    }

    /** By name or id, also an uploaded dataset without a file yet (staff see it). */
    public Optional<CatalogDataset> any(String nameOrId) {
        if (nameOrId == null) {
            return Optional.empty();
        }
        CatalogDataset d = byName.get(nameOrId);
        if (d == null) {
            try {
                d = byId.get(UUID.fromString(nameOrId));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(d);
    }

    /** A published dataset by name or id. */
    public Optional<CatalogDataset> find(String nameOrId) {
        return any(nameOrId).filter(CatalogDataset::available);
    }

    public Optional<Resource> resource(String id) {
        try {
            return Optional.ofNullable(resources.get(UUID.fromString(id)));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    public Optional<Resource> file(String fileName) {
        return Optional.ofNullable(files.get(fileName));
    }

    /** Every dataset, also unpublished ones (for staff), by name. */
    public List<CatalogDataset> all() {
        return byName.values().stream().sorted(java.util.Comparator.comparing(CatalogDataset::name)).toList();
    }

    /** The other published datasets that share an identifier kind with this one, by kind. */
    public Map<Identifier, List<CatalogDataset>> linked(CatalogDataset d) {
        Map<Identifier, List<CatalogDataset>> out = new LinkedHashMap<>();
        for (Column c : d.columns()) {
            if (c.identifier() == null || out.containsKey(c.identifier())) {
                continue;
            }
            List<CatalogDataset> others = datasetsByIdentifier.getOrDefault(c.identifier(), Set.of()).stream()
                .filter(n -> !n.equals(d.name())).map(byName::get).toList();
            out.put(c.identifier(), others);
        }
        return out;
    }

    /** The 5-star level: links count when another dataset shares a URI-named identifier with this one. */
    public int stars(CatalogDataset d) {
        boolean shared = d.columns().stream().anyMatch(c -> c.identifier() != null && c.identifier().hasUri()
            && datasetsByIdentifier.getOrDefault(c.identifier(), Set.of()).size() > 1);
        return d.stars(shared);
    }

    /** Tag → number of published datasets, by tag. */
    public Map<String, Integer> tagCounts() {
        Map<String, Integer> out = new TreeMap<>();
        for (CatalogDataset d : datasets) {
            for (String t : d.tags()) {
                out.merge(t, 1, Integer::sum);
            }
        }
        return Collections.unmodifiableMap(out);
    }
}
