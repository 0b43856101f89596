package jp.machi.portal.web;

import java.util.List;
import jp.machi.shared.manifest.HeaderSearch;
import jp.machi.shared.manifest.NavLink;
import jp.machi.shared.security.CurrentActor.ProxySubject;

/**
 * What the layout needs on every page.
 *
 * @param services the header's navigation for this person, from every module's {@link NavLink}
 * @param search   the header's site search box, or null when no module offers site search
 */
public record Shell(String wardName, boolean demonstration, boolean signedIn, boolean staff, String displayName,
                    ProxySubject proxy, String langJa, String langEn, List<NavLink> services, HeaderSearch search) {}
