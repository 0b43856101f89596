/**
 * The manifest: the small contribution types through which a module adds itself to the pages and duties that other
 * modules own, without editing them. The owner collects every bean of a type ({@code List<T>}) and renders or runs
 * them; see docs/architecture.md, "The manifest".
 *
 * <ul>
 *   <li>{@link jp.machi.shared.manifest.ServiceLink} — the home page's services (portal)</li>
 *   <li>{@link jp.machi.shared.manifest.NavLink} — the header's navigation (portal)</li>
 *   <li>{@link jp.machi.shared.manifest.HeaderSearch} — the header's site search box, at most one (portal)</li>
 *   <li>{@link jp.machi.shared.manifest.StaffMenuEntry} — the staff home, by role (identity)</li>
 *   <li>{@link jp.machi.shared.manifest.AccountSection} — My Page's sections (identity)</li>
 *   <li>{@link jp.machi.shared.manifest.PersonalData} — export and erasure of a person's data (identity runs them)</li>
 *   <li>{@link jp.machi.shared.manifest.CspSource} — extra Content-Security-Policy sources (identity's security
 *       configuration)</li>
 * </ul>
 *
 * Demo data: each module declares a {@link jp.machi.shared.DemoData} (a Spring Modulith
 * {@link org.springframework.modulith.ApplicationModuleInitializer} that seeds only in {@link jp.machi.shared.DemoMode});
 * they run in module-dependency order at start. Message bundles are found by name: every
 * {@code messages/*.properties} on the class path is a bundle. Search documents, open-data datasets and
 * notification types are contribution types of the modules that own those surfaces (search, opendata,
 * notification), in their base packages.
 */
package jp.machi.shared.manifest;
