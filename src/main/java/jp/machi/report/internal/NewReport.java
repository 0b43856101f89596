package jp.machi.report.internal;

import java.util.List;
import java.util.Map;

/**
 * A report as the resident (or staff taking a phone call) gave it, photos already processed.
 *
 * @param answers          attribute code → values (one for most datatypes, several for a multivaluelist)
 * @param reporterAccountId the signed-in resident, or the resident a staff member acts for; null without an account
 * @param enteredByStaffId  the staff member entering it for a resident (代理入力), or null
 */
public record NewReport(String categoryCode, Map<String, List<String>> answers, String description, Double lat,
                        Double lon, String address, List<jp.machi.shared.image.ProcessedImage> photos, String email,
                        String language, boolean showName, Long reporterAccountId, String reporterName,
                        Long enteredByStaffId) implements java.io.Serializable {}
