package jp.machi.identity.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import jp.machi.shared.manifest.CspSource;
import jp.machi.shared.security.Role;
import jp.machi.shared.security.TokenScope;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.core.annotation.Order;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Who may see what. Public pages and the public APIs are open; /account needs a signed-in person; /staff,
 * /admin and /audit need staff roles, which staff only get after the second factor. The machine API (/api and the
 * metrics under /actuator) also accepts an API token ({@code Authorization: Bearer ...}) for the requests its
 * scopes open ({@link TokenScope}); pages and forms never do.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    /** The authority a staff member holds between the password and the second factor. */
    static final String PENDING_SECOND_FACTOR = "MFA_PENDING";

    /**
     * The strict policy: everything from this site only, no inline script or style. Modules add origins for
     * images, fonts, media or connections by declaring {@link CspSource} beans (the map tiles' host, say); nothing
     * can add a source for scripts or styles.
     */
    static String contentSecurityPolicy(List<CspSource> contributed) {
        Map<String, Set<String>> extra = new TreeMap<>();
        for (CspSource c : contributed) {
            extra.computeIfAbsent(c.directive(), d -> new LinkedHashSet<>()).add(c.source());
        }
        java.util.function.Function<String, String> with = d ->
            extra.getOrDefault(d, Set.of()).stream().map(src -> " " + src).collect(Collectors.joining());
        return String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:" + with.apply("img-src"),
            "font-src 'self'" + with.apply("font-src"),
            "connect-src 'self'" + with.apply("connect-src"),
            "media-src 'self'" + with.apply("media-src"),
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");
    }

    /**
     * A request that carries an API token to the JSON API ({@code /api/...}): it has its own, smaller chain
     * ({@link #machineApiSecurity}). Everything else, a Bearer header on a page or on /actuator included, goes through
     * {@link #machiSecurity}.
     */
    static boolean bearerApiRequest(HttpServletRequest request) {
        return jp.machi.shared.security.BearerHeader.present(request)
            && request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    /**
     * The machine API with a token (issue 15: the lightest path through security for the busiest API calls). The
     * token is the caller, so this chain keeps nothing between requests: no HTTP session is read or created, no
     * security context is saved, no request is remembered for after a sign-in, and there is no sign-in, sign-out,
     * anonymous caller or CSRF token (a browser cannot be made to send an {@code Authorization} header to another
     * site, and the API's writes never act with a session anyway: {@link StatelessApiFilter}). The URL rules are
     * the same ones as for the rest of the site ({@link #apiRules}), the headers too; {@link BearerTokenFilter} checks
     * the token and its scopes exactly as it does there.
     */
    @Bean
    @Order(1)
    SecurityFilterChain machineApiSecurity(HttpSecurity http, ApiTokenService tokens, TokenScopes scopes,
                                           SignInHandlers handlers, java.time.Clock clock, List<CspSource> cspSources)
        throws Exception {
        http
            .securityMatcher(SecurityConfiguration::bearerApiRequest)
            .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
            .requestCache(c -> c.requestCache(new NullRequestCache()))
            .csrf(c -> c.disable())
            .anonymous(a -> a.disable())
            .logout(l -> l.disable())
            .authorizeHttpRequests(a -> apiRules(a
                .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll())
                .anyRequest().permitAll())
            .addFilterBefore(new BearerTokenFilter(tokens, scopes, clock), UsernamePasswordAuthenticationFilter.class)
            .exceptionHandling(e -> e
                .authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED))
                .accessDeniedHandler(handlers))
            .headers(h -> headers(h, contentSecurityPolicy(cspSources)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain machiSecurity(HttpSecurity http, SignInHandlers handlers, ApiTokenService tokens,
                                      TokenScopes scopes, LoginThrottle throttle, SecurityContextRepository contexts,
                                      java.time.Clock clock, List<CspSource> cspSources)
        throws Exception {
        // Built here rather than as beans, so that the servlet container does not run them a second time.
        BearerTokenFilter bearer = new BearerTokenFilter(tokens, scopes, clock);
        LoginThrottleFilter throttleFilter = new LoginThrottleFilter(throttle);
        RequestMatcher apiRequest = request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/")
            || request.getRequestURI().startsWith(request.getContextPath() + "/actuator/");
        http
            .securityContext(c -> c.securityContextRepository(contexts))
            .authorizeHttpRequests(a -> apiRules(a
                .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll())
                .requestMatchers("/login/2fa", "/login/2fa/**").hasAuthority(PENDING_SECOND_FACTOR)
                .requestMatchers("/audit/**").hasRole(Role.AUDITOR.name())
                .requestMatchers("/admin/**").hasRole(Role.DEPT_ADMIN.name())
                // residents' mail (recipients, bodies without their secrets): system admins, who look after delivery
                .requestMatchers("/staff/outbox", "/staff/outbox/**").hasRole(Role.SYSTEM_ADMIN.name())
                .requestMatchers("/staff/**").hasRole(Role.STAFF.name())
                .requestMatchers("/account/**").hasAnyRole(Role.RESIDENT.name(), Role.STAFF.name())
                .anyRequest().permitAll())
            .formLogin(f -> f
                .loginPage("/login")
                .loginProcessingUrl("/login")
                .usernameParameter("email")
                .passwordParameter("password")
                .successHandler(handlers)
                .failureHandler(handlers)
                .permitAll())
            .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/?signedOut").addLogoutHandler(handlers))
            // a Bearer header no longer exempts a form from CSRF: tokens are refused on pages and forms altogether
            .csrf(c -> c.ignoringRequestMatchers(StatelessApiFilter::isMachineApi,
                // an upload over the limits is refused before its handler (a 413 page); sign-in and sign-out
                // read their fields in the filter chain, so they are never exempt
                r -> jp.machi.shared.web.UploadLimitGuard.refusedUpload(r)
                    && !r.getServletPath().equals("/login") && !r.getServletPath().equals("/logout")))
            .addFilterAfter(new StatelessApiFilter(),
                org.springframework.security.web.context.SecurityContextHolderFilter.class)
            .addFilterBefore(throttleFilter, UsernamePasswordAuthenticationFilter.class)
            .addFilterBefore(bearer, UsernamePasswordAuthenticationFilter.class)
            .exceptionHandling(e -> e
                .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), apiRequest)
                .accessDeniedHandler(handlers))
            .requestCache(c -> c.requestCache(new org.springframework.security.web.savedrequest.HttpSessionRequestCache()))
            .headers(h -> headers(h, contentSecurityPolicy(cspSources)));
        return http.build();
    }

    /**
     * The rules for the machine API and the monitoring endpoints, the same in both chains: health is open; the
     * metrics need a system admin's session or a token with the metrics scope (the Prometheus scrape); the caller's
     * own data needs a resident or staff member. The rest of /api is open to everyone as far as the URL goes (a
     * token's scopes and the modules' own checks decide more).
     */
    private static AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry apiRules(
        AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry a) {
        return a
            .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
            .requestMatchers("/actuator", "/actuator/**").hasAnyAuthority(Role.SYSTEM_ADMIN.authority(), METRICS_SCOPE_AUTHORITY)
            .requestMatchers("/api/v1/me", "/api/v1/me/**").hasAnyRole(Role.RESIDENT.name(), Role.STAFF.name());
    }

    private static void headers(HeadersConfigurer<HttpSecurity> h, String contentSecurityPolicy) {
        h.contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy))
            .referrerPolicy(r -> r.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
            .frameOptions(f -> f.deny())
            .permissionsPolicyHeader(p -> p.policy("camera=(), microphone=(), geolocation=(self), payment=()"));
    }

    static final String METRICS_SCOPE = "metrics:read";
    static final String METRICS_SCOPE_AUTHORITY = "SCOPE_" + METRICS_SCOPE;

    /** A resident's token: the machine API as the resident (their own data, bookings, lottery applications). */
    @Bean
    TokenScope residentTokenScope() {
        return new TokenScope(TokenScope.RESIDENT, "identity.scope.resident", Role.RESIDENT, List.of("/api/**"));
    }

    /** The Prometheus scrape and the other metrics: system admins make such a token for their monitoring. */
    @Bean
    TokenScope metricsTokenScope() {
        return new TokenScope(METRICS_SCOPE, "identity.scope.metrics", Role.SYSTEM_ADMIN,
            List.of("GET /actuator/prometheus", "GET /actuator/metrics", "GET /actuator/metrics/**", "GET /actuator/info",
                "GET /actuator/health", "GET /actuator/health/**"));
    }

    /**
     * Spring Security records a Micrometer observation around each of its filters and each URL rule decision when an
     * observation registry exists (the actuator's): about a dozen observations, each with its tags, on every request,
     * and no dashboard or alert of Machi reads them. Every request still gets its {@code http.server.requests}
     * observation (the Prometheus scrape's request metrics); sign-ins, which are few, are still observed.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.withDefaults()
            .shouldObserveRequests(false)
            .shouldObserveAuthorizations(false)
            .shouldObserveAuthentications(true)
            .build();
    }

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.fromHierarchy("""
            ROLE_SYSTEM_ADMIN > ROLE_DEPT_ADMIN
            ROLE_DEPT_ADMIN > ROLE_STAFF
            ROLE_AUDITOR > ROLE_STAFF
            """);
    }

    /** Argon2id for new hashes; the prefix in each hash allows moving to a stronger algorithm later. */
    @Bean
    PasswordEncoder passwordEncoder() {
        DelegatingPasswordEncoder encoder = new DelegatingPasswordEncoder("argon2",
            Map.of("argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                // "{noop}!" marks a deleted account: no password matches it
                "noop", new NeverMatchingEncoder()));
        return encoder;
    }

    /** Matches nothing: used for erased accounts so that no password signs in. */
    static final class NeverMatchingEncoder implements PasswordEncoder {
        @Override
        public String encode(CharSequence raw) {
            return "!";
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            return false;
        }
    }
}
