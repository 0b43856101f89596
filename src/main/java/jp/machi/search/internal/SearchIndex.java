package jp.machi.search.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.BreakIterator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import jp.machi.search.SearchDocument;
import jp.machi.search.SearchQuery;
import jp.machi.search.SearchResults;
import jp.machi.search.SearchSource;
import jp.machi.search.SiteSearch;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.QueryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lucene index in memory: documents from every {@link SearchSource}, kept current by {@link #refresh()} (the
 * poller calls it every few seconds; modules may call it after a commit), searched with the query analyzers and
 * the staff's synonyms. One writer at a time (a lock); searches never wait for it (near-real-time readers).
 */
public class SearchIndex implements SiteSearch, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);
    /** The order of the type filter on the results page; types not listed follow in the order first seen. */
    private static final List<String> TYPE_ORDER = List.of("faq", "procedure", "facility", "event", "page");
    private static final int SNIPPET = 120;

    private final List<SearchSource> sources;
    private final SynonymStore synonymStore;
    private final Analyzer indexAnalyzer = Analyzers.index();
    private final Analyzer english = Analyzers.english();
    private final Analyzer reading = Analyzers.reading();
    private final Analyzer spell = Analyzers.spell();
    private final Analyzer japaneseBase = Analyzers.japaneseBase();
    private final ReentrantLock writing = new ReentrantLock();
    private final Map<String, Long> indexed = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> typesBySource = new ConcurrentHashMap<>();
    private volatile Analyzer japaneseQuery = Analyzers.japaneseQuery(null);
    private volatile long synonymRevision = Long.MIN_VALUE;
    private volatile Index index;
    /** Open until the first refresh or rebuild has read every source. */
    private final CountDownLatch built = new CountDownLatch(1);

    private record Index(ByteBuffersDirectory directory, IndexWriter writer, SearcherManager searchers) {}

    /** Stored text with offsets in the postings: snippets are cut from the postings, not by analysing the text again. */
    private static final FieldType BODY = new FieldType(TextField.TYPE_STORED);

    static {
        BODY.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        BODY.freeze();
    }

    /** The unified highlighter with its per-document objects (our snippet segments) reachable. */
    private static final class SegmentHighlighter extends UnifiedHighlighter {
        SegmentHighlighter(Builder builder) {
            super(builder);
        }

        Map<String, Object[]> segments(String[] fields, Query query, int[] docIds) throws IOException {
            int[] passages = new int[fields.length];
            java.util.Arrays.fill(passages, 1);
            return highlightFieldsAsObjects(fields, query, docIds, passages);
        }
    }

    public SearchIndex(List<SearchSource> sources, SynonymStore synonymStore) {
        this.sources = List.copyOf(sources);
        this.synonymStore = synonymStore;
        Set<String> names = new java.util.HashSet<>();
        for (SearchSource s : this.sources) {
            if (!names.add(s.name())) {
                throw new IllegalStateException("two search sources are named " + s.name());
            }
        }
        this.index = open();
    }

    private Index open() {
        try {
            ByteBuffersDirectory dir = new ByteBuffersDirectory();
            IndexWriterConfig config = new IndexWriterConfig(indexAnalyzer);
            config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
            config.setRAMBufferSizeMB(64);
            IndexWriter writer = new IndexWriter(dir, config);
            writer.commit();
            return new Index(dir, writer, new SearcherManager(writer, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- keeping it current ------------------------------------------------------------------------------------

    @Override
    public void refresh() {
        writing.lock();
        try {
            refreshSynonyms();
            boolean changed = false;
            for (SearchSource source : sources) {
                try {
                    changed |= catchUp(index, source);
                } catch (RuntimeException e) {
                    // one failing source (its module's table is locked, say) must not stop the others
                    log.warn("search source {} could not be read: {}", source.name(), e.toString());
                }
            }
            if (changed) {
                index.searchers().maybeRefreshBlocking();
            }
            built.countDown();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writing.unlock();
        }
    }

    /**
     * Builds a new index from every source and swaps it in when done (searches go on against the old one meanwhile).
     * Returns the number of documents.
     */
    public int rebuild() {
        writing.lock();
        try {
            refreshSynonyms();
            Index fresh = open();
            Map<String, Long> before = new HashMap<>(indexed);
            indexed.clear();
            for (SearchSource source : sources) {
                try {
                    catchUp(fresh, source);
                } catch (RuntimeException e) {
                    log.warn("search source {} could not be read: {}", source.name(), e.toString());
                    Long old = before.get(source.name());
                    if (old != null) {
                        indexed.remove(source.name());
                    }
                }
            }
            fresh.searchers().maybeRefreshBlocking();
            Index old = index;
            index = fresh;
            close(old);
            built.countDown();
            return fresh.writer().getDocStats().numDocs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writing.unlock();
        }
    }

    private void refreshSynonyms() {
        long rev = synonymStore.revision();
        if (rev != synonymRevision) {
            SynonymMap map = SynonymStore.map(synonymStore.all());
            japaneseQuery = Analyzers.japaneseQuery(map);
            synonymRevision = rev;
        }
    }

    /** Brings one source up to date in {@code target}; true when anything changed. */
    private boolean catchUp(Index target, SearchSource source) throws IOException {
        long rev = source.revision();
        Long known = indexed.get(source.name());
        if (known != null && known == rev) {
            return false;
        }
        Optional<SearchSource.Changes> changes = known == null ? Optional.empty() : source.changedSince(known);
        IndexWriter writer = target.writer();
        if (changes.isPresent()) {
            for (String id : changes.get().removedIds()) {
                writer.deleteDocuments(new Term("key", key(changes.get().type(), id)));
            }
            for (SearchDocument d : changes.get().changed()) {
                writer.updateDocument(new Term("key", key(d.type(), d.id())), document(source.name(), d));
                typesBySource.computeIfAbsent(source.name(), n -> ConcurrentHashMap.newKeySet()).add(d.type());
            }
        } else {
            List<SearchDocument> docs = source.documents();
            writer.deleteDocuments(new Term("source", source.name()));
            Set<String> types = ConcurrentHashMap.newKeySet();
            for (SearchDocument d : docs) {
                types.add(d.type());
            }
            addInParallel(writer, source.name(), docs);
            typesBySource.put(source.name(), types);
        }
        indexed.put(source.name(), rev);
        return true;
    }

    /** Documents below this number are added on the calling thread. */
    static final int PARALLEL_FROM = 2_000;

    /**
     * Adds many documents from one thread per core: the analysis (Kuromoji, readings, folding) is the cost of a
     * rebuild, and IndexWriter analyses documents added from several threads at once. Documents of one source are
     * indexed in no particular order; nothing depends on it (results are ordered by score, then date).
     */
    private static void addInParallel(IndexWriter writer, String source, List<SearchDocument> docs) throws IOException {
        int threads = Math.min(Runtime.getRuntime().availableProcessors(), Math.max(1, docs.size() / (PARALLEL_FROM / 2)));
        if (threads <= 1 || docs.size() < PARALLEL_FROM) {
            List<Document> batch = new ArrayList<>(docs.size());
            for (SearchDocument d : docs) {
                batch.add(document(source, d));
            }
            writer.addDocuments(batch);
            return;
        }
        int chunk = (docs.size() + threads - 1) / threads;
        List<java.util.concurrent.Future<?>> parts = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(threads)) {
            for (int from = 0; from < docs.size(); from += chunk) {
                List<SearchDocument> part = docs.subList(from, Math.min(docs.size(), from + chunk));
                parts.add(pool.submit(() -> {
                    List<Document> batch = new ArrayList<>(part.size());
                    for (SearchDocument d : part) {
                        batch.add(document(source, d));
                    }
                    writer.addDocuments(batch);
                    return null;
                }));
            }
            for (var f : parts) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while indexing " + source, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("indexing " + source + " failed", e.getCause());
        }
    }

    private static String key(String type, String id) {
        return type + ":" + id;
    }

    private static Document document(String source, SearchDocument d) {
        Document doc = new Document();
        doc.add(new StringField("key", key(d.type(), d.id()), Field.Store.NO));
        doc.add(new StringField("source", source, Field.Store.NO));
        doc.add(new StringField("type", d.type(), Field.Store.YES));
        doc.add(new StoredField("id", d.id()));
        doc.add(new StoredField("url", d.url()));
        doc.add(new StringField("staff", d.staffOnly() ? "1" : "0", Field.Store.NO));
        if (d.updated() != null) {
            doc.add(new LongField("updated", d.updated().toEpochMilli(), Field.Store.YES));
        }
        String titleJa = nz(d.title().ja());
        String titleEn = nz(d.title().en());
        String bodyJa = nz(d.body().ja());
        String bodyEn = nz(d.body().en());
        doc.add(new TextField(Analyzers.TITLE_JA, titleJa, Field.Store.YES));
        doc.add(new Field(Analyzers.BODY_JA, bodyJa, BODY));
        doc.add(new TextField(Analyzers.TITLE_EN, titleEn, Field.Store.YES));
        doc.add(new Field(Analyzers.BODY_EN, bodyEn, BODY));
        doc.add(new TextField(Analyzers.TITLE_READING, titleJa, Field.Store.NO));
        doc.add(new TextField(Analyzers.BODY_READING, bodyJa, Field.Store.NO));
        doc.add(new TextField(Analyzers.SPELL, titleJa + "\n" + titleEn, Field.Store.NO));
        return doc;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    // ---- searching ---------------------------------------------------------------------------------------------

    @Override
    public boolean ready(Duration wait) {
        try {
            return built.await(Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return built.getCount() == 0;
        }
    }

    @Override
    public List<String> types() {
        Set<String> present = new LinkedHashSet<>();
        typesBySource.values().forEach(present::addAll);
        List<String> ordered = new ArrayList<>(TYPE_ORDER.stream().filter(present::contains).toList());
        present.stream().filter(t -> !ordered.contains(t)).sorted().forEach(ordered::add);
        return ordered;
    }

    @Override
    public SearchResults search(SearchQuery q) {
        Query words = words(q.text(), q.locale());
        if (words == null) {
            return new SearchResults(q.text(), 0, List.of(), null);
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(words, Occur.MUST);
        if (q.type() != null) {
            b.add(new TermQuery(new Term("type", q.type())), Occur.FILTER);
        }
        if (!q.staff()) {
            b.add(new TermQuery(new Term("staff", "1")), Occur.MUST_NOT);
        }
        Query query = b.build();
        SearcherManager manager = index.searchers();
        try {
            IndexSearcher searcher = manager.acquire();
            try {
                int n = q.offset() + q.limit();
                TopDocs top = searcher.search(query, new TopScoreDocCollectorManager(n, Integer.MAX_VALUE));
                List<SearchResults.Hit> hits = new ArrayList<>();
                ScoreDoc[] docs = top.scoreDocs;
                int from = Math.min(q.offset(), docs.length);
                int[] ids = new int[docs.length - from];
                for (int i = from; i < docs.length; i++) {
                    ids[i - from] = docs[i].doc;
                }
                Map<String, Object[]> snippets = ids.length == 0 ? Map.of()
                    : new SegmentHighlighter(UnifiedHighlighter.builder(searcher, indexAnalyzer)
                        .withFormatter(new SnippetFormatter(SNIPPET))
                        .withBreakIterator(() -> BreakIterator.getSentenceInstance(Locale.JAPANESE))
                        .withMaxLength(20_000))
                    .segments(new String[] {Analyzers.BODY_JA, Analyzers.BODY_EN}, words, ids);
                for (int i = from; i < docs.length; i++) {
                    Document doc = searcher.storedFields().document(docs[i].doc);
                    hits.add(hit(doc, docs[i].score, q.locale(), snippets, i - from));
                }
                long total = top.totalHits.value();
                String suggestion = total == 0 ? didYouMean(q.text(), searcher.getIndexReader()) : null;
                return new SearchResults(q.text(), total, hits, suggestion);
            } finally {
                manager.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The words as a query over every text field; null when no word is left after analysis. */
    Query words(String text, Locale locale) {
        boolean english = locale != null && "en".equals(locale.getLanguage());
        QueryBuilder ja = new QueryBuilder(japaneseQuery);
        QueryBuilder en = new QueryBuilder(this.english);
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        int clauses = 0;
        clauses += add(b, ja.createBooleanQuery(Analyzers.TITLE_JA, text), 4f);
        clauses += add(b, ja.createBooleanQuery(Analyzers.BODY_JA, text), 1f);
        clauses += add(b, en.createBooleanQuery(Analyzers.TITLE_EN, text), english ? 4f : 2f);
        clauses += add(b, en.createBooleanQuery(Analyzers.BODY_EN, text), english ? 1f : 0.5f);
        if (hasKana(text)) {
            List<String> grams = terms(reading, text);
            if (!grams.isEmpty()) {
                clauses += add(b, readingQuery(Analyzers.TITLE_READING, grams), 2f);
                clauses += add(b, readingQuery(Analyzers.BODY_READING, grams), 0.5f);
            }
        }
        return clauses == 0 ? null : b.build();
    }

    private static Query readingQuery(String field, List<String> grams) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (String g : new LinkedHashSet<>(grams)) {
            b.add(new TermQuery(new Term(field, g)), Occur.SHOULD);
        }
        int distinct = new LinkedHashSet<>(grams).size();
        b.setMinimumNumberShouldMatch(Math.max(1, (int) Math.ceil(distinct * 0.8)));
        return b.build();
    }

    private static int add(BooleanQuery.Builder b, Query q, float boost) {
        if (q == null) {
            return 0;
        }
        b.add(new BoostQuery(q, boost), Occur.SHOULD);
        return 1;
    }

    private static boolean hasKana(String text) {
        return text.chars().anyMatch(c -> (c >= 0x3041 && c <= 0x309F) || (c >= 0x30A0 && c <= 0x30FF));
    }

    private SearchResults.Hit hit(Document doc, float score, Locale locale, Map<String, Object[]> snippets, int n) {
        boolean english = locale != null && "en".equals(locale.getLanguage());
        String titleJa = doc.get(Analyzers.TITLE_JA);
        String titleEn = doc.get(Analyzers.TITLE_EN);
        String title = english && titleEn != null && !titleEn.isBlank() ? titleEn : titleJa;
        String bodyJa = doc.get(Analyzers.BODY_JA);
        String bodyEn = doc.get(Analyzers.BODY_EN);
        boolean enBody = english && bodyEn != null && !bodyEn.isBlank();
        String field = enBody ? Analyzers.BODY_EN : Analyzers.BODY_JA;
        String body = enBody ? bodyEn : nz(bodyJa);
        List<SearchResults.Segment> snippet = null;
        Object[] perDoc = snippets.get(field);
        if (perDoc != null && perDoc[n] instanceof List<?> list && !list.isEmpty()) {
            @SuppressWarnings("unchecked")
            List<SearchResults.Segment> segments = (List<SearchResults.Segment>) list;
            snippet = segments;
        }
        if (snippet == null) {
            snippet = List.of(new SearchResults.Segment(SnippetFormatter.lead(body, SNIPPET), false));
        }
        var updated = doc.getField("updated");
        return new SearchResults.Hit(doc.get("type"), doc.get("id"), title, doc.get("url"), snippet,
            updated == null ? null : java.time.Instant.ofEpochMilli(updated.numericValue().longValue()), score);
    }

    /** Replaces unknown words by the nearest word in the titles; null when nothing better is known. */
    private String didYouMean(String text, IndexReader reader) throws IOException {
        record Token(String term, int start, int end) {}
        List<Token> tokens = new ArrayList<>();
        try (TokenStream ts = spell.tokenStream(Analyzers.SPELL, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                tokens.add(new Token(term.toString(), offset.startOffset(), offset.endOffset()));
            }
            ts.end();
        }
        StringBuilder out = new StringBuilder(text);
        boolean changed = false;
        for (int i = tokens.size() - 1; i >= 0; i--) {
            Token t = tokens.get(i);
            Term term = new Term(Analyzers.SPELL, t.term());
            if (reader.docFreq(term) > 0 || t.term().codePointCount(0, t.term().length()) < 2) {
                continue;
            }
            DirectSpellChecker checker = new DirectSpellChecker();
            checker.setMinQueryLength(2);
            checker.setMinPrefix(t.term().length() <= 3 ? 0 : 1);
            checker.setMaxEdits(t.term().length() <= 4 ? 1 : 2);
            SuggestWord[] words = checker.suggestSimilar(term, 1, reader, SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX);
            if (words.length > 0 && t.end() <= out.length()) {
                out.replace(t.start(), t.end(), words[0].string);
                changed = true;
            }
        }
        return changed ? out.toString() : null;
    }

    @Override
    public List<String> terms(String text, Locale locale) {
        return terms(japaneseBase, SearchQuery.normalise(text));
    }

    private static List<String> terms(Analyzer analyzer, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("f", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** How many documents the index holds now. */
    public int size() {
        return index.writer().getDocStats().numDocs;
    }

    /** The sources and the revision each was indexed at. */
    public Map<String, Long> indexedRevisions() {
        return Map.copyOf(indexed);
    }

    Collection<SearchSource> sources() {
        return sources;
    }

    private static void close(Index i) {
        try {
            i.searchers().close();
            i.writer().close();
            i.directory().close();
        } catch (IOException e) {
            log.warn("closing an old search index: {}", e.toString());
        }
    }

    @Override
    public void close() {
        close(index);
    }
}
