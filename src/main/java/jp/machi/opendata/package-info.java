/**
 * The open data portal: a catalog of datasets (live ones that modules contribute through
 * {@link jp.machi.opendata.DatasetSource}, and files staff upload), their files in the 自治体標準オープンデータセット
 * layouts, the CKAN Action API under {@code /api/3/action/} and DCAT-AP at {@code /catalog.ttl} and
 * {@code /catalog.jsonld}. Residents and machines use /opendata; staff /staff/opendata.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Open data")
package jp.machi.opendata;
