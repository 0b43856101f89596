/**
 * Site search: one Lucene index in process (Kuromoji for Japanese, the English analyzer for English) built from
 * the documents that every module contributes as {@link jp.machi.search.SearchSource} beans, kept current by
 * polling the sources' revision numbers, and searched through {@link jp.machi.search.SiteSearch}. Staff edit the
 * synonym list; it is applied at query time. See docs/modules/search.md.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Search")
package jp.machi.search;
