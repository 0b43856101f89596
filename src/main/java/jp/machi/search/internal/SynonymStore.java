package jp.machi.search.internal;

import java.io.IOException;
import java.io.StringReader;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The synonym list (table {@code search_synonym}, one writer: this class) and its parsing into a Lucene map. */
@Repository
public class SynonymStore {

    private static final Logger log = LoggerFactory.getLogger(SynonymStore.class);

    /** One line of the list: words that mean the same. */
    public record Synonym(long id, List<String> words) {
        public String joined() {
            return String.join(", ", words);
        }
    }

    /** A line staff wrote that cannot be used, with the message key and the word at fault. */
    public static final class Rejected extends Exception {
        private final String messageKey;
        private final String word;

        Rejected(String messageKey, String word) {
            super(messageKey);
            this.messageKey = messageKey;
            this.word = word;
        }

        public String messageKey() {
            return messageKey;
        }

        public String word() {
            return word;
        }
    }

    private final JdbcClient jdbc;

    SynonymStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long revision() {
        return jdbc.sql("select rev from search_revision").query(Long.class).single();
    }

    public List<Synonym> all() {
        return jdbc.sql("select id, terms from search_synonym order by id")
            .query((rs, n) -> new Synonym(rs.getLong(1), split(rs.getString(2)))).list();
    }

    public Optional<Synonym> find(long id) {
        return jdbc.sql("select id, terms from search_synonym where id = ?").param(id)
            .query((rs, n) -> new Synonym(rs.getLong(1), split(rs.getString(2)))).optional();
    }

    /**
     * Checks a line as staff typed it and answers its words (at least two, each meaningful to the analyzer, and the
     * line as a whole usable by the query analyzer: the same test {@link #map} applies, so a saved line is never
     * left out).
     */
    public static List<String> check(String line) throws Rejected {
        List<String> words = split(line);
        if (String.join(", ", words).length() > 500) {
            throw new Rejected("search.synonyms.error.long", null);
        }
        Optional<Rejected> problem = problem(Analyzers.japaneseBase(), words);
        if (problem.isPresent()) {
            throw problem.get();
        }
        return words;
    }

    /** A stored line the query analyzer leaves out, with why (a message key and the word at fault, may be null). */
    public record LeftOut(Synonym line, String messageKey, String word) {}

    /** The stored lines that {@link #map} leaves out, in order: shown to staff on the synonyms page. */
    public static List<LeftOut> leftOut(List<Synonym> lines) {
        Analyzer base = Analyzers.japaneseBase();
        List<LeftOut> out = new ArrayList<>();
        for (Synonym s : lines) {
            problem(base, s.words()).ifPresent(r -> out.add(new LeftOut(s, r.messageKey(), r.word())));
        }
        return out;
    }

    /** Why the query analyzer cannot use a line, if it cannot: too few words, a word it drops, or the line as such. */
    private static Optional<Rejected> problem(Analyzer base, List<String> words) {
        if (words.size() < 2) {
            return Optional.of(new Rejected("search.synonyms.error.two", null));
        }
        try {
            parse(base, List.of(words));
            return Optional.empty();
        } catch (IllegalArgumentException | IOException | ParseException e) {
            for (String w : words) {
                try {
                    parse(base, List.of(List.of(w, w)));
                } catch (IllegalArgumentException | IOException | ParseException wordProblem) {
                    return Optional.of(new Rejected("search.synonyms.error.word", w));
                }
            }
            log.info("synonym line [{}] cannot be used: {}", String.join(", ", words), e.toString());
            return Optional.of(new Rejected("search.synonyms.error.line", null));
        }
    }

    public long insert(List<String> words, long staffId) {
        return jdbc.sql("insert into search_synonym (terms, updated_by) values (?, ?) returning id")
            .params(String.join(", ", words), staffId).query(Long.class).single();
    }

    public boolean update(long id, List<String> words, long staffId) {
        return jdbc.sql("update search_synonym set terms = ?, updated_at = now(), updated_by = ? where id = ?")
            .params(String.join(", ", words), staffId, id).update() == 1;
    }

    public boolean delete(long id) {
        return jdbc.sql("delete from search_synonym where id = ?").param(id).update() == 1;
    }

    /** The words of a line: split at commas (、，, too), NFKC, trimmed, without the parser's special characters. */
    static List<String> split(String line) {
        Set<String> words = new LinkedHashSet<>();
        if (line == null) {
            return List.of();
        }
        for (String part : line.split("[,、，\\n]")) {
            String w = jp.machi.search.SearchQuery.normalise(part.replaceAll("[=>\\\\#|]", " "));
            if (!w.isEmpty() && w.length() <= 60) {
                words.add(w);
            }
        }
        return List.copyOf(words);
    }

    /** The map for the query analyzer; a line the analyzer cannot use is left out (and logged), never fatal. */
    static SynonymMap map(List<Synonym> lines) {
        Analyzer base = Analyzers.japaneseBase();
        List<List<String>> usable = new ArrayList<>();
        for (Synonym s : lines) {
            Optional<Rejected> problem = problem(base, s.words());
            if (problem.isEmpty()) {
                usable.add(s.words());
            } else {
                log.warn("synonym line {} left out: {} {}", s.id(), problem.get().messageKey(),
                    problem.get().word() == null ? "" : problem.get().word());
            }
        }
        try {
            return parse(base, usable);
        } catch (IOException | ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SynonymMap parse(Analyzer analyzer, List<List<String>> lines) throws IOException, ParseException {
        SolrSynonymParser parser = new SolrSynonymParser(true, true, analyzer) {
            /**
             * A word's tokens joined as one multi-word term, whatever their positions: the analyzer drops particles
             * (住民票の写し is 住民票 and 写し with a gap where の was), and Lucene's own parser refuses such a gap.
             */
            @Override
            public org.apache.lucene.util.CharsRef analyze(String text, org.apache.lucene.util.CharsRefBuilder reuse)
                    throws IOException {
                reuse.clear();
                try (org.apache.lucene.analysis.TokenStream ts = analyzer.tokenStream("", text)) {
                    var term = ts.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
                    ts.reset();
                    while (ts.incrementToken()) {
                        if (term.length() == 0) {
                            continue;
                        }
                        if (reuse.length() > 0) {
                            reuse.append(SynonymMap.WORD_SEPARATOR);
                        }
                        reuse.append(term.buffer(), 0, term.length());
                    }
                    ts.end();
                }
                if (reuse.length() == 0) {
                    throw new IllegalArgumentException("term: " + text + " analyzed to a zero-length token");
                }
                return reuse.get();
            }
        };
        StringBuilder text = new StringBuilder();
        for (List<String> words : lines) {
            text.append(String.join(",", words.stream().map(w -> w.replace(",", " ")).toList())).append('\n');
        }
        parser.parse(new StringReader(text.toString()));
        return parser.build();
    }
}
