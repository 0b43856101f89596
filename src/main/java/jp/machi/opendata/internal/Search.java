package jp.machi.opendata.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * package_search over the in-memory catalog: {@code q} (words, or {@code field:value} clauses), {@code fq} (a subset
 * of the Solr/Lucene syntax CKAN passes on: {@code field:value}, {@code field:"a b"}, {@code +}/{@code -}/NOT,
 * AND/OR, parentheses, {@code [a TO b]} ranges on the dates, {@code *:*}), {@code sort}, paging and facets.
 * Clauses without an operator must all hold (AND).
 */
public final class Search {

    /** The longest q or fq accepted (a longer one is refused as a Search Query Error). */
    public static final int MAX_QUERY_LENGTH = 1000;
    public static final int MAX_ROWS = 1000;
    public static final List<String> FACET_FIELDS = List.of("tags", "organization", "groups", "license_id", "res_format");

    /** The query could not be read: CKAN's Search Query Error. */
    public static final class QueryError extends RuntimeException {
        public QueryError(String message) {
            super(message);
        }
    }

    public record SortKey(String field, boolean descending) {}

    public record Query(String q, String fq, List<SortKey> sort, int rows, int start, List<String> facetFields,
                        int facetLimit, int facetMinCount) {}

    public record Result(int count, List<CatalogDataset> results, Map<String, Map<String, Integer>> facets) {}

    public static final String DEFAULT_SORT = "score desc, metadata_modified desc";

    private Search() {}

    public static List<SortKey> parseSort(String sort) {
        String s = sort == null || sort.isBlank() ? DEFAULT_SORT : sort;
        List<SortKey> keys = new ArrayList<>();
        for (String part : s.split(",")) {
            String[] w = part.strip().split("\\s+");
            if (w.length != 2 || !List.of("asc", "desc").contains(w[1].toLowerCase(Locale.ROOT))
                || !List.of("score", "name", "title", "title_string", "metadata_modified", "metadata_created",
                    "num_resources", "num_tags").contains(w[0])) {
                throw new QueryError("Invalid \"sort\" parameter");
            }
            keys.add(new SortKey(w[0], w[1].equalsIgnoreCase("desc")));
        }
        return keys;
    }

    public static Result run(Catalog catalog, Query query) {
        Predicate<CatalogDataset> filter = d -> true;
        List<String> words = new ArrayList<>();
        String q = query.q() == null ? "" : query.q().strip();
        if (!q.isEmpty() && !q.equals("*:*") && !q.equals("*")) {
            Parser p = new Parser(q, words);
            filter = p.parse();
        }
        String fq = query.fq() == null ? "" : query.fq().strip();
        if (!fq.isEmpty()) {
            filter = filter.and(new Parser(fq, null).parse());
        }
        List<Scored> matches = new ArrayList<>();
        for (CatalogDataset d : catalog.datasets()) {
            if (filter.test(d)) {
                matches.add(new Scored(d, words.isEmpty() ? 0 : score(d, words, catalog)));
            }
        }
        matches.sort(comparator(query.sort()));
        Map<String, Map<String, Integer>> facets = new LinkedHashMap<>();
        for (String field : query.facetFields()) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (Scored s : matches) {
                for (String v : values(s.d, field, catalog)) {
                    counts.merge(v, 1, Integer::sum);
                }
            }
            List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
            entries.removeIf(e -> e.getValue() < query.facetMinCount());
            entries.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
            Map<String, Integer> limited = new LinkedHashMap<>();
            for (Map.Entry<String, Integer> e : entries) {
                if (query.facetLimit() >= 0 && limited.size() >= query.facetLimit()) {
                    break;
                }
                limited.put(e.getKey(), e.getValue());
            }
            facets.put(field, limited);
        }
        int from = Math.min(query.start(), matches.size());
        int to = Math.min(matches.size(), from + query.rows());
        return new Result(matches.size(), matches.subList(from, to).stream().map(s -> s.d).toList(), facets);
    }

    private record Scored(CatalogDataset d, int score) {}

    private static int score(CatalogDataset d, List<String> words, Catalog catalog) {
        int score = 0;
        String[] folded = catalog.folded(d);
        String title = folded[0];
        String tags = folded[1];
        for (String w : words) {
            if (title.contains(w)) {
                score += 3;
            }
            if (tags.contains(w)) {
                score += 2;
            }
            if (d.searchText().contains(w)) {
                score += 1;
            }
        }
        return score;
    }

    private static Comparator<Scored> comparator(List<SortKey> keys) {
        Comparator<Scored> c = null;
        for (SortKey k : keys) {
            Comparator<Scored> next = switch (k.field()) {
                case "score" -> Comparator.comparingInt(Scored::score);
                case "name" -> Comparator.comparing(s -> s.d.name());
                case "title", "title_string" -> Comparator.comparing(s -> s.d.title().ja());
                case "metadata_modified" -> Comparator.comparing(s -> s.d.updated());
                case "metadata_created" -> Comparator.comparing(s -> s.d.created());
                case "num_resources" -> Comparator.comparingInt(s -> s.d.resources("").size());
                default -> Comparator.comparingInt(s -> s.d.tags().size());
            };
            if (k.descending()) {
                next = next.reversed();
            }
            c = c == null ? next : c.thenComparing(next);
        }
        Comparator<Scored> byName = Comparator.comparing(s -> s.d.name());
        return c == null ? byName : c.thenComparing(byName);
    }

    /** The values of a field of a dataset, as fq and facets see them. */
    static List<String> values(CatalogDataset d, String field, Catalog catalog) {
        return switch (field) {
            case "tags" -> d.tags();
            case "organization", "owner_org" -> List.of(d.departmentCode());
            case "groups" -> List.of(d.category().slug());
            case "license_id" -> List.of(d.licence().id());
            case "res_format" -> d.resources("").stream().map(r -> r.format().label()).toList();
            case "name" -> List.of(d.name());
            case "id" -> List.of(d.id().toString());
            case "title" -> List.of(d.title().ja(), d.title().en());
            case "state" -> List.of("active");
            case "type", "dataset_type" -> List.of("dataset");
            case "capacity" -> List.of("public");
            case "private" -> List.of("false");
            case "num_resources" -> List.of(Integer.toString(d.resources("").size()));
            case "num_tags" -> List.of(Integer.toString(d.tags().size()));
            default -> throw new QueryError("Search Query is invalid: unknown field '" + field + "'");
        };
    }

    /** A small recursive-descent reader of the Lucene syntax CKAN clients send. */
    private static final class Parser {
        private final String s;
        private final List<String> words;
        private int i;

        /** {@code words} collects free-text words (q); null for fq, where a bare word is an error. */
        Parser(String s, List<String> words) {
            if (s.length() > MAX_QUERY_LENGTH) {
                throw new QueryError("Search Query is invalid: longer than " + MAX_QUERY_LENGTH + " characters");
            }
            this.s = s;
            this.words = words;
        }

        Predicate<CatalogDataset> parse() {
            Predicate<CatalogDataset> p = expression();
            skip();
            if (i < s.length()) {
                throw error("unexpected '" + s.charAt(i) + "'");
            }
            return p;
        }

        private QueryError error(String what) {
            return new QueryError("Search Query is invalid: " + what + " at position " + (i + 1));
        }

        private Predicate<CatalogDataset> expression() {
            Predicate<CatalogDataset> left = clause();
            while (true) {
                skip();
                if (i >= s.length() || s.charAt(i) == ')') {
                    return left;
                }
                if (keyword("OR") || symbol("||")) {
                    Predicate<CatalogDataset> right = clause();
                    left = left.or(right);
                } else {
                    if (!keyword("AND")) {
                        symbol("&&");
                    }
                    Predicate<CatalogDataset> right = clause();
                    left = left.and(right);
                }
            }
        }

        private Predicate<CatalogDataset> clause() {
            skip();
            if (i >= s.length()) {
                throw error("a clause is missing");
            }
            boolean negate = false;
            if (s.charAt(i) == '+') {
                i++;
            } else if (s.charAt(i) == '-' || s.charAt(i) == '!') {
                negate = true;
                i++;
            } else if (keyword("NOT")) {
                negate = true;
            }
            skip();
            Predicate<CatalogDataset> p;
            if (i < s.length() && s.charAt(i) == '(') {
                i++;
                p = expression();
                expect(')');
            } else if (s.startsWith("*:*", i)) {
                i += 3;
                p = d -> true;
            } else {
                int start = i;
                String token = bare();
                skip();
                if (i < s.length() && s.charAt(i) == ':' && !token.isEmpty()) {
                    i++;
                    p = fieldValue(token);
                } else {
                    i = start;
                    p = text(word());
                }
            }
            return negate ? p.negate() : p;
        }

        private Predicate<CatalogDataset> fieldValue(String field) {
            skip();
            if (field.equals("text") || field.equals("q")) {
                return text(word());
            }
            if (i < s.length() && (s.charAt(i) == '[' || s.charAt(i) == '{')) {
                return range(field);
            }
            if (i < s.length() && s.charAt(i) == '(') {
                i++;
                Predicate<CatalogDataset> p = value(field);
                while (true) {
                    skip();
                    if (i < s.length() && s.charAt(i) == ')') {
                        i++;
                        return p;
                    }
                    if (keyword("AND") || symbol("&&")) {
                        p = p.and(value(field));
                    } else {
                        keyword("OR");
                        symbol("||");
                        p = p.or(value(field));
                    }
                    if (i >= s.length()) {
                        throw error("')' is missing");
                    }
                }
            }
            return value(field);
        }

        private Predicate<CatalogDataset> value(String field) {
            skip();
            String v = word();
            values(DUMMY, field, null); // an unknown field is an error even when nothing would match
            if (v.equals("*")) {
                return d -> !values(d, field, null).isEmpty();
            }
            if (field.equals("title")) {
                String f = CatalogService.fold(v);
                return d -> values(d, field, null).stream().anyMatch(x -> CatalogService.fold(x).contains(f));
            }
            return d -> values(d, field, null).stream().anyMatch(x -> x.equalsIgnoreCase(v));
        }

        private Predicate<CatalogDataset> range(String field) {
            boolean fromInclusive = s.charAt(i++) == '[';
            skip();
            String from = rangeEnd();
            skip();
            if (!keyword("TO")) {
                throw error("TO is missing in a range");
            }
            skip();
            String to = rangeEnd();
            skip();
            if (i >= s.length() || (s.charAt(i) != ']' && s.charAt(i) != '}')) {
                throw error("a range must end with ] or }");
            }
            boolean toInclusive = s.charAt(i++) == ']';
            if (!field.equals("metadata_modified") && !field.equals("metadata_created")) {
                throw error("ranges are supported on metadata_modified and metadata_created only");
            }
            Instant a = from.equals("*") ? null : instant(from);
            Instant b = to.equals("*") ? null : instant(to);
            return d -> {
                Instant t = field.equals("metadata_modified") ? d.updated() : d.created();
                boolean afterA = a == null || (fromInclusive ? !t.isBefore(a) : t.isAfter(a));
                boolean beforeB = b == null || (toInclusive ? !t.isAfter(b) : t.isBefore(b));
                return afterA && beforeB;
            };
        }

        private Instant instant(String v) {
            try {
                String x = v.toUpperCase(Locale.ROOT);
                if (x.startsWith("NOW")) {
                    return Instant.now();
                }
                if (x.length() == 10) {
                    return LocalDate.parse(x).atStartOfDay().toInstant(ZoneOffset.UTC);
                }
                return x.endsWith("Z") ? Instant.parse(x) : java.time.LocalDateTime.parse(x).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw error("not a date: " + v);
            }
        }

        private Predicate<CatalogDataset> text(String w) {
            String f = CatalogService.fold(w);
            if (words == null) {
                throw error("a filter needs field:value, got '" + w + "'");
            }
            if (f.equals("*")) {
                return d -> true;
            }
            words.add(f);
            return d -> d.searchText().contains(f);
        }

        /** A quoted string or a bare word. */
        private String word() {
            skip();
            if (i < s.length() && s.charAt(i) == '"') {
                int start = ++i;
                StringBuilder sb = new StringBuilder();
                while (i < s.length() && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\' && i + 1 < s.length()) {
                        i++;
                    }
                    sb.append(s.charAt(i++));
                }
                if (i >= s.length()) {
                    i = start - 1;
                    throw error("a quote is not closed");
                }
                i++;
                return sb.toString();
            }
            String w = bare();
            if (w.isEmpty()) {
                throw error("a value is missing");
            }
            return w;
        }

        private String bare() {
            StringBuilder sb = new StringBuilder();
            while (i < s.length()) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c) || c == '(' || c == ')' || c == ':' || c == '"' || c == '[' || c == ']'
                    || c == '{' || c == '}') {
                    break;
                }
                if (c == '\\' && i + 1 < s.length()) {
                    i++;
                    c = s.charAt(i);
                }
                sb.append(c);
                i++;
            }
            return sb.toString();
        }

        /** An end of a range: anything up to a space or the closing bracket (dates hold colons). */
        private String rangeEnd() {
            int start = i;
            while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != ']' && s.charAt(i) != '}') {
                i++;
            }
            return s.substring(start, i).replace("\\", "");
        }

        private boolean keyword(String k) {
            skip();
            if (s.startsWith(k, i) && (i + k.length() >= s.length() || Character.isWhitespace(s.charAt(i + k.length()))
                || s.charAt(i + k.length()) == '(')) {
                i += k.length();
                return true;
            }
            return false;
        }

        private boolean symbol(String k) {
            skip();
            if (s.startsWith(k, i)) {
                i += k.length();
                return true;
            }
            return false;
        }

        private void expect(char c) {
            skip();
            if (i >= s.length() || s.charAt(i) != c) {
                throw error("'" + c + "' is missing");
            }
            i++;
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }

    /** Used to check a field name before any dataset is looked at (unknown fields are errors even on empty catalogs). */
    private static final CatalogDataset DUMMY = new CatalogDataset(java.util.UUID.randomUUID(), "x", CatalogDataset.Kind.UPLOADED,
        "x", null, null, new jp.machi.shared.text.LocalizedText("", ""), new jp.machi.shared.text.LocalizedText("", ""), "",
        jp.machi.opendata.DataCategory.OTHER, List.of(), Licence.CC_BY_4_0, new jp.machi.shared.text.LocalizedText("", ""),
        jp.machi.opendata.UpdateFrequency.IRREGULAR, null, null, "", "", false, Instant.EPOCH, Instant.EPOCH, List.of(),
        null, null, null, null, List.of(), "");
}
