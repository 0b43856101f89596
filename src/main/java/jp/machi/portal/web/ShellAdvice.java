package jp.machi.portal.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import jp.machi.shared.manifest.HeaderSearch;
import jp.machi.shared.manifest.NavLink;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import jp.machi.ward.WardProfile;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/** Puts the {@link Shell} into the model of every page rendered by a controller. */
@ControllerAdvice
class ShellAdvice {

    private final WardProfile ward;
    private final List<NavLink> navigation;
    private final HeaderSearch search;

    ShellAdvice(WardProfile ward, List<NavLink> navigation, List<HeaderSearch> search) {
        this.ward = ward;
        this.navigation = navigation.stream().sorted(Comparator.comparingInt(NavLink::order)).toList();
        this.search = search.isEmpty() ? null : search.getFirst();
    }

    @ModelAttribute("shell")
    Shell shell(HttpServletRequest request, Locale locale) {
        return ShellFactory.shell(ward, navigation, search, request, locale);
    }

    static final class ShellFactory {
        private ShellFactory() {}

        static Shell shell(WardProfile ward, List<NavLink> navigation, HeaderSearch search, HttpServletRequest request,
                          Locale locale) {
            MachiPrincipal p = CurrentActor.principal().orElse(null);
            String path = request.getRequestURI();
            Object forwarded = request.getAttribute("jakarta.servlet.error.request_uri");
            if (forwarded instanceof String s) {
                path = s;
            }
            // The language links keep the page (not its form data): GET query parameters other than lang stay.
            UriComponentsBuilder base = UriComponentsBuilder.fromPath(path);
            if ("GET".equals(request.getMethod()) && request.getQueryString() != null && forwarded == null) {
                base.query(request.getQueryString()).replaceQueryParam("lang");
            }
            String ja = base.cloneBuilder().queryParam("lang", "ja").build().encode().toUriString();
            String en = base.cloneBuilder().queryParam("lang", "en").build().encode().toUriString();
            return new Shell(ward.name(locale), ward.demonstration(), p != null, p != null && p.isStaff(),
                p == null ? null : p.displayName(), CurrentActor.actingFor().orElse(null), ja, en,
                navigation.stream().filter(n -> n.audience().includes(p)).toList(), search);
        }
    }
}
