package jp.machi.shared.manifest;

import jp.machi.shared.security.Role;

/**
 * An entry of the staff home ({@code /staff}). A module with back-office pages declares a bean of this type; the
 * staff home shows the entries whose role the staff member holds (with the role hierarchy: a system admin holds
 * every staff role but the auditor's), in {@code order}.
 *
 * @param order          position on the staff home
 * @param titleKey       message key of the title
 * @param descriptionKey message key of the one-line description
 * @param path           where the work starts
 * @param role           the role needed to see the entry (the URL rules still decide access)
 */
public record StaffMenuEntry(int order, String titleKey, String descriptionKey, String path, Role role) {}
