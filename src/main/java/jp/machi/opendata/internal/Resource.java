package jp.machi.opendata.internal;

import java.util.UUID;

/** One file of a dataset: the same rows as CSV, JSON or GeoJSON. */
public record Resource(UUID id, CatalogDataset dataset, Format format, String fileName, int position) {

    public enum Format {
        CSV("csv", "CSV", "text/csv"),
        JSON("json", "JSON", "application/json"),
        GEOJSON("geojson", "GeoJSON", "application/geo+json");

        private final String extension;
        private final String label;
        private final String mediaType;

        Format(String extension, String label, String mediaType) {
            this.extension = extension;
            this.label = label;
            this.mediaType = mediaType;
        }

        public String extension() {
            return extension;
        }

        /** CKAN's format field. */
        public String label() {
            return label;
        }

        public String mediaType() {
            return mediaType;
        }

        public static java.util.Optional<Format> byExtension(String ext) {
            for (Format f : values()) {
                if (f.extension.equals(ext)) {
                    return java.util.Optional.of(f);
                }
            }
            return java.util.Optional.empty();
        }
    }

    /** The download path on this site. */
    public String path() {
        return "/opendata/files/" + fileName;
    }
}
