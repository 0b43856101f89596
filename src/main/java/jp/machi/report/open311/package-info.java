/**
 * Open311 GeoReport v2 under {@code /open311/v2/}: discovery, services, service definitions, requests (GET and
 * POST), one request and tokens, each as {@code .json} and {@code .xml}, plus the API keys staff issue to partner
 * apps. Stateless: no endpoint here reads or writes the browser session; POST is authorised by {@code api_key}
 * alone. See docs/modules/report.md, "Integrators".
 */
package jp.machi.report.open311;
